import Hummingbird
import HummingbirdWSClient
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionWebSocket
import Synchronization
import Testing
import WSCore

/// The README's two WebSocket examples, as written there (on a free port instead of 8080), so
/// they stay true.
@Suite(.serialized)
struct ReadmeWebSocketExampleTests {
    @Test func readmeServerAndClientExamplesTalkCompressed() async throws {
        let port = Mutex<Int?>(nil)
        // README: "Use it in a Hummingbird server"
        let compression = WebSocketCompressionNegotiator(ServerNegotiator([
            .perMessageDeflate(maxMessageSize: 1 << 20), .perMessageSnappy(maxMessageSize: 1 << 20),
        ]))
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        webSocketRouter.ws("/echo") { request, _ in
            .upgrade(try compression.responseHeaders(for: request.headers))   // negotiates, answers
        } onUpgrade: { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: 1 << 20) {
                switch message {
                case .text(let text): try await outbound.write(.text(text))
                case .binary(let bytes): try await outbound.write(.binary(bytes))
                }
            }
        }
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: webSocketRouter, configuration: .init(ws: .init(extensions: [compression.extensionFactory]))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
            logger: EchoServer.logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let url = "ws://127.0.0.1:\(port.withLock { $0 }!)/echo"
            let agreed = Mutex<String?>(nil)
            let received = Mutex<[WebSocketMessage]>([])

            // README: "…in a swift-websocket client" (plus a record of what was agreed)
            let configuration = WebSocketClientConfiguration(extensions: [
                .perMessageCompression(client: .perMessageDeflate(maxMessageSize: 1 << 20), onNegotiated: { result in agreed.withLock { $0 = result.responseHeader } }),
                .perMessageCompression(client: .perMessageSnappy()),
            ])
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: Logger(label: "client")) {
                inbound, outbound, _ in
                try await outbound.write(.text("Hello"))
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    received.withLock { $0.append(message) }   // README: print(message)
                    break
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            group.cancelAll()
            #expect(received.withLock { $0 } == [.text("Hello")])
            #expect(agreed.withLock { $0 } == "permessage-deflate")
        }
    }
}
