public import NIOCore
public import NIOHTTP1
import NIOWebSocket
public import PerMessageCompressionNIO
public import Vapor
public import WebSocketKit

/// Vapor's WebSocket upgrade with this package's per-message compression: what
/// `Request.webSocket` does, plus the negotiated `Sec-WebSocket-Extensions` in the 101 response
/// and a ``WebSocketCompressionHandler`` in the pipeline, before websocket-kit's frame
/// aggregator. The route's handler still gets websocket-kit's `WebSocket`.
///
/// A public `Upgrader` conformance (Vapor's `Response.upgrader`), so no Vapor internals are used.
/// Most routes use `RoutesBuilder.compressedWebSocket(_:compression:maxFrameSize:shouldUpgrade:onUpgrade:)`.
public struct CompressedWebSocketUpgrader: Upgrader, Sendable {
    /// The server's negotiation.
    public let compression: WebSocketServerCompression
    /// The largest frame accepted from the client, in bytes.
    public let maxFrameSize: Int
    let shouldUpgrade: @Sendable () -> EventLoopFuture<HTTPHeaders?>
    let onUpgrade: @Sendable (WebSocket) -> Void

    /// Creates the upgrader.
    /// - Parameters:
    ///   - compression: The server's negotiation.
    ///   - maxFrameSize: The largest frame accepted from the client, in bytes.
    ///   - shouldUpgrade: The route's own decision and headers (`nil` refuses the upgrade).
    ///   - onUpgrade: Called with the connection's `WebSocket`.
    public init(
        compression: WebSocketServerCompression, maxFrameSize: Int,
        shouldUpgrade: @escaping @Sendable () -> EventLoopFuture<HTTPHeaders?>, onUpgrade: @escaping @Sendable (WebSocket) -> Void
    ) {
        self.compression = compression
        self.maxFrameSize = maxFrameSize
        self.shouldUpgrade = shouldUpgrade
        self.onUpgrade = onUpgrade
    }

    public func applyUpgrade(req: Request, res: Response) -> any HTTPServerProtocolUpgrader {
        let compression = self.compression
        let shouldUpgrade = self.shouldUpgrade
        let onUpgrade = self.onUpgrade
        return NIOWebSocketServerUpgrader(
            maxFrameSize: maxFrameSize, automaticErrorHandling: false,
            shouldUpgrade: { _, head in
                shouldUpgrade().flatMapThrowing { headers in
                    guard var headers else { return nil }
                    headers.add(contentsOf: try compression.responseHeaders(for: head))
                    return headers
                }
            },
            upgradePipelineHandler: { channel, head in
                do {
                    try channel.pipeline.syncOperations.addHandler(compression.handler(for: head))
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
                return WebSocket.server(on: channel, onUpgrade: onUpgrade)
            })
    }
}

extension Request {
    /// `webSocket(maxFrameSize:shouldUpgrade:onUpgrade:)` with per-message compression negotiated
    /// by `compression`; `onUpgrade` runs on the connection's event loop, where websocket-kit's
    /// `onText` and `onBinary` are set.
    /// - Parameters:
    ///   - compression: The server's negotiation.
    ///   - maxFrameSize: The largest frame accepted from the client, in bytes (Vapor's default: 16 KiB).
    ///   - shouldUpgrade: The route's own decision and headers; `nil` refuses the upgrade.
    ///   - onUpgrade: Called with the connection's `WebSocket`.
    /// - Returns: The 101 response that performs the upgrade, or 400 for a malformed
    ///   `Sec-WebSocket-Extensions` header.
    public func compressedWebSocket(
        _ compression: WebSocketServerCompression, maxFrameSize: Int = 1 << 14,
        shouldUpgrade: @escaping @Sendable (Request) -> EventLoopFuture<HTTPHeaders?> = { $0.eventLoop.makeSucceededFuture([:]) },
        onUpgrade: @escaping @Sendable (Request, WebSocket) -> Void
    ) -> Response {
        // A header that does not parse is the client's error: answer it, as a 400, before any
        // upgrade starts (a failure inside the upgrade would only drop the connection).
        do {
            _ = try compression.agreement(offerHeaders: headers["Sec-WebSocket-Extensions"])
        } catch {
            return Response(status: .badRequest, body: .init(string: "Sec-WebSocket-Extensions: \(error)\n"))
        }
        let response = Response(status: .switchingProtocols)
        response.upgrader = CompressedWebSocketUpgrader(
            compression: compression, maxFrameSize: maxFrameSize, shouldUpgrade: { shouldUpgrade(self) }, onUpgrade: { onUpgrade(self, $0) })
        return response
    }

    /// The same with `async` closures, as Vapor's `async` `webSocket` has them: `onUpgrade` runs in
    /// a task of its own (use websocket-kit's `async` `onText`/`onBinary` there).
    public func compressedWebSocket(
        _ compression: WebSocketServerCompression, maxFrameSize: Int = 1 << 14,
        shouldUpgrade: @escaping @Sendable (Request) async throws -> HTTPHeaders? = { _ in [:] },
        onUpgrade: @escaping @Sendable (Request, WebSocket) async -> Void
    ) -> Response {
        compressedWebSocket(
            compression, maxFrameSize: maxFrameSize,
            shouldUpgrade: { request in
                let promise = request.eventLoop.makePromise(of: HTTPHeaders?.self)
                promise.completeWithTask { try await shouldUpgrade(request) }
                return promise.futureResult
            },
            onUpgrade: { request, socket in Task { await onUpgrade(request, socket) } })
    }
}

extension RoutesBuilder {
    /// A WebSocket route with per-message compression: Vapor's `webSocket(_:…)` plus one argument.
    ///
    /// ```swift
    /// let compression = WebSocketServerCompression(ServerNegotiator([.perMessageDeflate(maxMessageSize: 1 << 20)]))
    /// app.compressedWebSocket("echo", compression: compression) { request, ws in
    ///     ws.onText { ws, text in ws.send(text) }
    /// }
    /// ```
    /// - Parameters:
    ///   - path: The route's path.
    ///   - compression: The server's negotiation.
    ///   - maxFrameSize: The largest frame accepted from the client, in bytes.
    ///   - shouldUpgrade: The route's own decision and headers; `nil` refuses the upgrade.
    ///   - onUpgrade: Called on the connection's event loop with its `WebSocket`.
    /// - Returns: The route.
    @discardableResult
    public func compressedWebSocket(
        _ path: PathComponent..., compression: WebSocketServerCompression, maxFrameSize: Int = 1 << 14,
        shouldUpgrade: @escaping @Sendable (Request) -> EventLoopFuture<HTTPHeaders?> = { $0.eventLoop.makeSucceededFuture([:]) },
        onUpgrade: @escaping @Sendable (Request, WebSocket) -> Void
    ) -> Route {
        on(.GET, path) { request -> Response in
            request.compressedWebSocket(compression, maxFrameSize: maxFrameSize, shouldUpgrade: shouldUpgrade, onUpgrade: onUpgrade)
        }
    }

    /// The route with `async` closures, as Vapor's `async` `webSocket(_:…)` has them.
    @discardableResult
    public func compressedWebSocket(
        _ path: PathComponent..., compression: WebSocketServerCompression, maxFrameSize: Int = 1 << 14,
        shouldUpgrade: @escaping @Sendable (Request) async throws -> HTTPHeaders? = { _ in [:] },
        onUpgrade: @escaping @Sendable (Request, WebSocket) async -> Void
    ) -> Route {
        on(.GET, path) { request -> Response in
            request.compressedWebSocket(compression, maxFrameSize: maxFrameSize, shouldUpgrade: shouldUpgrade, onUpgrade: onUpgrade)
        }
    }
}
