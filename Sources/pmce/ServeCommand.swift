import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import PerMessageCompression
import PerMessageCompressionWebSocket
import WSCompression
import WSCore

/// `pmce serve`: a WebSocket echo server with this package's per-message compression.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a WebSocket echo server with per-message compression (Hummingbird).",
        discussion: """
            Echoes every message back, text as text and binary as binary, on any path. Each \
            handshake prints the Sec-WebSocket-Extensions line the server answered with. The \
            extension options are pmce negotiate's. GET /_pmce/stats answers with the open \
            connections and the bytes their codecs hold, as JSON. A received message may \
            inflate to --max-message-size, by default --max-frame-size (16 MiB): past it the \
            connection closes with 1009. Stop it with Ctrl-C.

              pmce serve --port 9001 --extension deflate snappy --request-max-window-bits 12
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 for any free one (printed).")
    var port = 9001

    @Option(name: .customLong("max-frame-size"), help: "The largest frame the server sends or accepts, in bytes.")
    var maxFrameSize = 1 << 24

    @Option(help: "Whose compression: pmce (this package's three extensions, Hummingbird), nio (the same as a handler in a plain SwiftNIO pipeline), swift-websocket (its own permessage-deflate, WSCompression, set from the deflate options) or none.")
    var implementation: ServeImplementation = .pmce

    @Flag(help: "Do not print a line per handshake.")
    var quiet = false

    @OptionGroup(title: "Compression") var server: ServerPolicyOptions
    @OptionGroup(title: "What to compress") var sending: SendPolicyOptions

    func run() async throws {
        DescriptorLimit.raise()
        // A server open to the network needs a limit on what a message may inflate to: the
        // largest frame it accepts, unless told otherwise.
        let maxMessageSize = server.maxMessageSize ?? maxFrameSize
        var server = self.server
        server.maxMessageSize = maxMessageSize
        if implementation == .nio {
            let compression = WebSocketServerCompression(
                server.negotiator, sendPolicy: try sending.policy, deflateBackend: sending.deflateBackend, receiveWindowCheck: sending.receiveWindowCheck)
            try await NIOServe(host: host, port: port, maxFrameSize: maxFrameSize, compression: compression, quiet: quiet).run()
            return
        }
        let compression = WebSocketCompressionNegotiator(
            server.negotiator, sendPolicy: try sending.policy, deflateBackend: sending.deflateBackend, receiveWindowCheck: sending.receiveWindowCheck)
        let handshakes = LockedValue(0)
        let open = LockedValue(0)
        let implementation = self.implementation
        let quiet = self.quiet
        // Every path echoes. The upgrade closure, not hummingbird-websocket's router: in 2.8.1 the
        // router's request context holds the box that holds the context and the handler, a cycle
        // that keeps about 0.9 KB per connection for good (measured: 1.75 MB per 2,000).
        let echo: WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context> = { inbound, outbound, _ in
            open.withLock { $0 += 1 }
            defer { open.withLock { $0 -= 1 } }
            for try await message in inbound.messages(maxSize: maxMessageSize) {
                switch message {
                case .text(let text): try await outbound.write(.text(text))
                case .binary(let bytes): try await outbound.write(.binary(bytes))
                }
            }
        }
        let shouldUpgrade: @Sendable (HTTPRequest, any Channel, Logger) async throws -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> = { request, _, _ in
            let number = handshakes.withLock { count in count += 1; return count }
            guard implementation == .pmce else { return .upgrade([:], echo) }
            do throws(NegotiationError) {
                let headers = try compression.responseHeaders(for: request.headerFields)
                if !quiet { Terminal.write("[\(number)] Sec-WebSocket-Extensions: \(headers[.secWebSocketExtensions] ?? "(none)")\n", to: 1) }
                return .upgrade(headers, echo)
            } catch {
                Terminal.write("[\(number)] handshake refused: \(error)\n", to: 1)
                throw error
            }
        }
        let httpRouter = Router()
        httpRouter.get("/_pmce/stats") { _, _ in
            ServeStatistics(
                implementation: implementation.rawValue, handshakes: handshakes.withLock { $0 }, connections: open.withLock { $0 },
                codecs: implementation == .pmce ? compression.statistics : nil
            ).json
        }
        var logger = Logger(label: "pmce-serve")
        logger.logLevel = .warning
        let host = self.host
        let extensions: [WebSocketExtensionFactory] = switch implementation {
        case .pmce: [compression.extensionFactory]
        case .swiftWebSocket: [try swiftWebSocketDeflate()]
        case .none, .nio: []   // nio was served above
        }
        let app = Application(
            router: httpRouter,
            server: HTTPServerBuilder { responder in
                ClosingUpgradeChannel(base: HTTP1WebSocketUpgradeChannel(
                    responder: responder,
                    configuration: .init(ws: .init(maxFrameSize: maxFrameSize, extensions: extensions, autoPing: .disabled, validateUTF8: true)),
                    shouldUpgrade: shouldUpgrade))
            },
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in Terminal.write("pmce serve: listening on ws://\(host):\(channel.localAddress?.port ?? 0)/\n", to: 1) },
            logger: logger)
        let memory = ServerMemory.start { (handshakes.withLock { $0 }, open.withLock { $0 }) }
        defer { memory.cancel() }
        try await app.runService()
    }
}

/// Whose compression `pmce serve` runs.
enum ServeImplementation: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// This package's three extensions.
    case pmce
    /// swift-websocket's own permessage-deflate (WSCompression, on compress-nio).
    case swiftWebSocket = "swift-websocket"
    /// This package's three extensions as a SwiftNIO handler in a plain NIO pipeline.
    case nio
    /// No compression.
    case none
}

extension ServeCommand {
    /// swift-websocket's permessage-deflate, set from the deflate options as this package's is.
    func swiftWebSocketDeflate() throws -> WebSocketExtensionFactory {
        guard server.extensions.contains(.deflate) else {
            throw ValidationError("--implementation swift-websocket has permessage-deflate only: give --extension deflate")
        }
        let policy = try sending.policy
        return .perMessageDeflate(
            clientMaxWindow: server.requestMaxWindowBits?.rawValue, clientNoContextTakeover: server.requestNoContextTakeover,
            serverMaxWindow: server.windowBits?.rawValue, serverNoContextTakeover: server.noContextTakeover,
            compressionLevel: server.compressionLevel == .default ? nil : server.compressionLevel.rawValue,
            memoryLevel: server.memLevel?.rawValue,
            maxDecompressedFrameSize: server.maxMessageSize ?? maxFrameSize, minFrameSizeToCompress: policy.minimumMessageSize)
    }
}

/// What `GET /_pmce/stats` answers.
struct ServeStatistics: Codable, Sendable {
    /// `pmce`, `swift-websocket` or `none`.
    var implementation: String
    /// Handshakes since the server started.
    var handshakes: Int
    /// WebSocket connections open now.
    var connections: Int
    /// This package's codecs' bytes (pmce only).
    var codecs: CompressionStatistics?

    /// The statistics as one line of JSON.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
