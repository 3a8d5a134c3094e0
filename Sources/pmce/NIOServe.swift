import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO

/// `pmce serve --implementation nio`: the echo server as a plain SwiftNIO pipeline with this
/// package's `WebSocketCompressionHandler`, as the README's "…in a SwiftNIO pipeline" sets it
/// up, answering `GET /_pmce/stats` like the Hummingbird server.
struct NIOServe {
    let host: String
    let port: Int
    let maxFrameSize: Int
    let compression: WebSocketServerCompression
    let quiet: Bool

    /// Binds and serves until the process ends.
    func run() async throws {
        let compression = self.compression
        let quiet = self.quiet
        let maxFrameSize = self.maxFrameSize
        let counts = LockedValue((handshakes: 0, open: 0))
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: maxFrameSize,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    let number = counts.withLock { counts in
                        counts.handshakes += 1
                        return counts.handshakes
                    }
                    do {
                        let headers = try compression.responseHeaders(for: head)
                        if !quiet {
                            Terminal.write("[\(number)] Sec-WebSocket-Extensions: \(headers["Sec-WebSocket-Extensions"].first ?? "(none)")\n", to: 1)
                        }
                        return headers
                    } catch {
                        Terminal.write("[\(number)] handshake refused: \(error)\n", to: 1)
                        throw error
                    }
                }
            },
            upgradePipelineHandler: { channel, head in
                counts.withLock { $0.open += 1 }
                channel.closeFuture.whenComplete { _ in counts.withLock { $0.open -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(compression.handler(for: head))
                    try channel.pipeline.syncOperations.addHandler(
                        NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: maxFrameSize))
                    try channel.pipeline.syncOperations.addHandler(WebSocketEchoHandler())
                }
            })
        let statistics: @Sendable () -> ServeStatistics = {
            let (handshakes, open) = counts.withLock { ($0.handshakes, $0.open) }
            return ServeStatistics(implementation: ServeImplementation.nio.rawValue, handshakes: handshakes, connections: open, codecs: compression.statistics)
        }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let stats = NIOLoopBound(StatisticsResponder(statistics: statistics), eventLoop: channel.eventLoop)
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            context.pipeline.syncOperations.removeHandler(stats.value, promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(stats.value)
                }
            }
            .bind(host: host, port: port).get()
        Terminal.write("pmce serve: listening on ws://\(host):\(channel.localAddress?.port ?? 0)/\n", to: 1)
        let memory = ServerMemory.start { counts.withLock { ($0.handshakes, $0.open) } }
        defer { memory.cancel() }
        try await channel.closeFuture.get()
    }
}

/// Plain HTTP requests: `GET /_pmce/stats` as JSON, 400 for an upgrade request that was not
/// upgraded (the upgrader refused it: a malformed `Sec-WebSocket-Extensions`, say), 404
/// otherwise. A request that does not parse (NIO has answered 400) closes the connection.
private final class StatisticsResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let statistics: @Sendable () -> ServeStatistics
    private var uri: String?
    private var isUpgrade = false

    init(statistics: @escaping @Sendable () -> ServeStatistics) {
        self.statistics = statistics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            uri = head.uri
            isUpgrade = head.headers.contains(name: "Upgrade")
        case .body:
            break
        case .end:
            let (status, body): (HTTPResponseStatus, String) =
                if isUpgrade { (.badRequest, "upgrade refused\n") } else if uri == "/_pmce/stats" { (.ok, statistics().json + "\n") } else { (.notFound, "not found\n") }
            let headers = HTTPHeaders([("Content-Type", status == .ok ? "application/json" : "text/plain"), ("Content-Length", "\(body.utf8.count)"), ("Connection", "close")])
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    /// A request that does not parse: NIO's error handler has answered 400; the connection, with
    /// whatever the client is still sending, is closed. An upgrade the upgrader refused comes
    /// here first too; its request follows, and is answered 400 above.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError { context.close(promise: nil) }
    }
}
