import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO

/// A plain SwiftNIO WebSocket echo server on a free loopback port, set up as the README's
/// "…in a SwiftNIO pipeline" shows: `NIOWebSocketServerUpgrader`, this package's handler before
/// `NIOWebSocketFrameAggregator`, and a handler that echoes each whole message.
struct NIOEchoServer: Sendable {
    let compression: WebSocketServerCompression

    init(_ negotiator: ServerNegotiator) {
        compression = WebSocketServerCompression(negotiator)
    }

    /// Runs the server around `body`, which gets its port.
    func run<R: Sendable>(_ body: @Sendable (Int) async throws -> R) async throws -> R {
        let compression = self.compression
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: EchoServer.maxFrameSize,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeCompletedFuture { try compression.responseHeaders(for: head) }
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(compression.handler(for: head))
                    try channel.pipeline.syncOperations.addHandler(
                        NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: 1 << 24))
                    try channel.pipeline.syncOperations.addHandler(WebSocketEchoHandler())
                }
            })
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
            }
            .bind(host: "127.0.0.1", port: 0).get()
        do {
            let result = try await body(channel.localAddress?.port ?? 0)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}
