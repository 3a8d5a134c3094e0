import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import PerMessageCompression
import PerMessageCompressionWebSocket
import Synchronization
import WSCore

/// `pmce serve`: a WebSocket echo server with this package's per-message compression.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a WebSocket echo server with per-message compression (Hummingbird).",
        discussion: """
            Echoes every message back, text as text and binary as binary, on any path. Each \
            handshake prints the Sec-WebSocket-Extensions line the server answered with. The \
            extension options are pmce negotiate's. Stop it with Ctrl-C.

              pmce serve --port 9001 --extension deflate snappy --request-max-window-bits 12
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 for any free one (printed).")
    var port = 9001

    @Option(name: .customLong("max-frame-size"), help: "The largest frame the server sends or accepts, in bytes.")
    var maxFrameSize = 1 << 24

    @OptionGroup(title: "Compression") var server: ServerPolicyOptions
    @OptionGroup(title: "What to compress") var sending: SendPolicyOptions

    func run() async throws {
        let compression = WebSocketCompressionNegotiator(server.negotiator, sendPolicy: try sending.policy)
        let maxMessageSize = server.maxMessageSize ?? (1 << 30)
        let handshakes = Mutex(0)
        let router = Router(context: BasicWebSocketRequestContext.self)
        let shouldUpgrade: @Sendable (Request, BasicWebSocketRequestContext) async throws -> RouterShouldUpgrade = { request, _ in
            let number = handshakes.withLock { count in count += 1; return count }
            do throws(NegotiationError) {
                let headers = try compression.responseHeaders(for: request.headers)
                Terminal.write("[\(number)] Sec-WebSocket-Extensions: \(headers[.secWebSocketExtensions] ?? "(none)")\n", to: 1)
                return .upgrade(headers)
            } catch {
                Terminal.write("[\(number)] handshake refused: \(error)\n", to: 1)
                throw error
            }
        }
        for path in ["/", "/**"] {
            router.ws(RouterPath(path), shouldUpgrade: shouldUpgrade) { inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: maxMessageSize) {
                    switch message {
                    case .text(let text): try await outbound.write(.text(text))
                    case .binary(let bytes): try await outbound.write(.binary(bytes))
                    }
                }
            }
        }
        var logger = Logger(label: "pmce-serve")
        logger.logLevel = .warning
        let host = self.host
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(ws: .init(maxFrameSize: maxFrameSize, extensions: [compression.extensionFactory], autoPing: .disabled, validateUTF8: true))),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in Terminal.write("pmce serve: listening on ws://\(host):\(channel.localAddress?.port ?? 0)/\n", to: 1) },
            logger: logger)
        try await app.runService()
    }
}
