import NIOCore
import NIOPosix
import PerMessageCompression
import PerMessageCompressionVapor
import Synchronization
import Testing
import Vapor
import WebSocketKit

/// The README's Vapor examples, as written there (on a free port instead of 8080, started and
/// stopped instead of `execute()`), so they stay true.
@Suite(.serialized)
struct ReadmeVaporExampleTests {
    @Test func readmeVaporServerAndClientExamplesTalkCompressed() async throws {
        // README: "Use it in a Vapor app"
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        let compression = WebSocketServerCompression(ServerNegotiator([
            .perMessageDeflate(maxMessageSize: 1 << 20), .perMessageSnappy(maxMessageSize: 1 << 20),
        ]))
        app.compressedWebSocket("echo", compression: compression, maxFrameSize: 1 << 20) { request, ws in
            ws.onText { ws, text in ws.send(text) }
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = try #require(app.http.server.shared.localAddress?.port)

        // README: the client
        let received = Mutex<[String]>([])
        let agreed = Mutex<CompressionConfiguration?>(nil)
        let echoed = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Void.self)
        try await WebSocket.connectCompressed(
            to: "ws://127.0.0.1:\(port)/echo",
            compression: WebSocketClientCompression(ClientNegotiator([.perMessageDeflate(), .perMessageSnappy()])),
            on: MultiThreadedEventLoopGroup.singleton,
            onNegotiated: { configuration in agreed.withLock { $0 = configuration } }
        ) { ws in
            ws.onText { ws, text in
                received.withLock { $0.append(text) }   // README: print(text)
                ws.close(promise: echoed)
            }
            ws.send("Hello")
        }.get()
        try await echoed.futureResult.get()
        await app.server.shutdown()
        try await app.asyncShutdown()
        #expect(received.withLock { $0 } == ["Hello"])
        #expect(agreed.withLock { $0 }?.compressionExtension == .deflate)
    }
}
