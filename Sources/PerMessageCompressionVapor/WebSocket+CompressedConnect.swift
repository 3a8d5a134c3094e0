import Foundation
public import NIOCore
public import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
public import PerMessageCompression
public import PerMessageCompressionNIO
public import WebSocketKit

/// Why ``WebSocketKit/WebSocket/connectCompressed(to:headers:compression:configuration:on:onNegotiated:onUpgrade:)`` could not connect.
public enum CompressedConnectError: Error, Hashable, CustomStringConvertible {
    /// The URL does not parse, or its scheme is not `ws` or `wss`.
    case invalidURL(String)
    /// The server answered the upgrade with something other than 101.
    case upgradeRefused(status: Int)

    public var description: String {
        switch self {
        case .invalidURL(let url): "not a ws:// or wss:// URL: \(url)"
        case .upgradeRefused(let status): "the server answered the WebSocket upgrade with HTTP \(status)"
        }
    }
}

extension WebSocket {
    /// websocket-kit's `WebSocket.connect(to:…)` with per-message compression: the offer goes in
    /// the upgrade request, the server's answer is checked, and a ``WebSocketCompressionHandler``
    /// for what it agreed goes in the pipeline before websocket-kit's `WebSocket.client(on:)`
    /// sets up the rest. `onUpgrade` gets websocket-kit's `WebSocket` as usual.
    ///
    /// A copy of websocket-kit's connection set-up (its `WebSocketClient.connect` exposes neither
    /// the 101 response head nor the pipeline), without its proxy support. It would go away if
    /// websocket-kit let callers add handlers and read the response head in its
    /// `NIOWebSocketClientUpgrader`'s `upgradePipelineHandler`, before `WebSocket.client(on:)`.
    ///
    /// - Parameters:
    ///   - url: `ws://` or `wss://` (TLS with `configuration.tlsConfiguration`, or the defaults).
    ///   - headers: More headers for the upgrade request.
    ///   - compression: The client's offers.
    ///   - configuration: websocket-kit's client settings (frame sizes, TLS).
    ///   - eventLoopGroup: Where the connection runs.
    ///   - onNegotiated: Called with what the server agreed (`nil`: no compression) before `onUpgrade`.
    ///   - onUpgrade: Called with the connection's `WebSocket`.
    /// - Returns: A future that succeeds once the connection is upgraded and fails with
    ///   ``CompressedConnectError``, a `NegotiationError` for an answer that fits no offer, or the
    ///   connection's error.
    public static func connectCompressed(
        to url: String, headers: HTTPHeaders = [:], compression: WebSocketClientCompression,
        configuration: WebSocketClient.Configuration = .init(), on eventLoopGroup: any EventLoopGroup,
        onNegotiated: (@Sendable (CompressionConfiguration?) -> Void)? = nil,
        onUpgrade: @escaping @Sendable (WebSocket) -> Void
    ) -> EventLoopFuture<Void> {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, ["ws", "wss"].contains(scheme), let host = parsed.host else {
            return eventLoopGroup.any().makeFailedFuture(CompressedConnectError.invalidURL(url))
        }
        let port = parsed.port ?? (scheme == "wss" ? 443 : 80)
        var path = parsed.path.isEmpty ? "/" : parsed.path
        if let query = parsed.query { path += "?" + query }
        var requestHeaders = headers
        requestHeaders.add(contentsOf: compression.requestHeaders)
        requestHeaders.replaceOrAdd(name: "Host", value: parsed.port == nil ? host : "\(host):\(port)")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: requestHeaders)
        var socketConfiguration = WebSocket.Configuration()
        socketConfiguration.minNonFinalFragmentSize = configuration.minNonFinalFragmentSize
        socketConfiguration.maxAccumulatedFrameCount = configuration.maxAccumulatedFrameCount
        socketConfiguration.maxAccumulatedFrameSize = configuration.maxAccumulatedFrameSize
        let webSocketConfiguration = socketConfiguration

        let upgraded = eventLoopGroup.any().makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .channelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .channelInitializer { channel in
                let upgrader = NIOWebSocketClientUpgrader(
                    maxFrameSize: configuration.maxFrameSize, automaticErrorHandling: true,
                    upgradePipelineHandler: { channel, response in
                        do {
                            let handler = try compression.handler(for: response)
                            onNegotiated?(handler.configuration)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        } catch {
                            return channel.eventLoop.makeFailedFuture(error)
                        }
                        return WebSocket.client(on: channel, config: webSocketConfiguration, onUpgrade: onUpgrade)
                    })
                return channel.eventLoop.makeCompletedFuture {
                    if scheme == "wss" {
                        let context = try NIOSSLContext(configuration: configuration.tlsConfiguration ?? .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host))
                    }
                    let request = NIOLoopBound(UpgradeRequestSender(head: head, upgraded: upgraded), eventLoop: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        leftOverBytesStrategy: .forwardBytes,
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { context in
                            upgraded.succeed(())
                            context.pipeline.syncOperations.removeHandler(request.value, promise: nil)
                        }))
                    try channel.pipeline.syncOperations.addHandler(request.value)
                }
            }
        let connected = bootstrap.connect(host: host, port: port)
        connected.cascadeFailure(to: upgraded)
        return connected.flatMap { channel in
            upgraded.futureResult.flatMapError { error in channel.close(mode: .all).flatMapThrowing { throw error } }
        }
    }
}

/// Sends the upgrade request once the connection is up; fails the upgrade when the server
/// answers with something other than 101 (which the upgrade handler passes on).
private final class UpgradeRequestSender: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let upgraded: EventLoopPromise<Void>
    private var sent = false

    init(head: HTTPRequestHead, upgraded: EventLoopPromise<Void>) {
        self.head = head
        self.upgraded = upgraded
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { send(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let response) = unwrapInboundIn(data), response.status != .switchingProtocols {
            upgraded.fail(CompressedConnectError.upgradeRefused(status: Int(response.status.code)))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        upgraded.fail(error)
        context.close(promise: nil)
    }

    private func send(_ context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
