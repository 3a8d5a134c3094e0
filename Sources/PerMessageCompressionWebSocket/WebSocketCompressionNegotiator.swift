public import HTTPTypes
public import PerMessageCompression
public import WSCore

/// This package's per-message compression for a swift-websocket server (Hummingbird): one
/// ``ServerNegotiator`` that answers the client's `Sec-WebSocket-Extensions`, and the extension
/// factory that applies what it agreed.
///
/// Negotiation happens on the request's raw headers, in the upgrade step, so offers joined by
/// commas are honoured in order and exactly one of the three extensions is ever active:
///
/// ```swift
/// let compression = WebSocketCompressionNegotiator(ServerNegotiator([.perMessageDeflate(), .perMessageSnappy()]))
/// let router = Router(context: BasicWebSocketRequestContext.self)
/// router.ws("/echo") { request, _ in
///     .upgrade(try compression.responseHeaders(for: request.headers))
/// } onUpgrade: { inbound, outbound, _ in
///     for try await message in inbound.messages(maxSize: 1 << 20) { try await outbound.write(message.outboundData) }
/// }
/// let app = Application(router: Router(), server: .http1WebSocketUpgrade(
///     webSocketRouter: router, configuration: .init(extensions: [compression.extensionFactory])))
/// ```
///
/// A handshake whose upgrade step did not call ``responseHeaders(for:)`` gets no compression.
public struct WebSocketCompressionNegotiator: Sendable {
    /// The same negotiation as a SwiftNIO pipeline's: the settings, and the registry of the
    /// connections it served.
    private let server: WebSocketServerCompression

    /// The server's negotiator: its policies, preference and treatment of invalid offers.
    public var negotiator: ServerNegotiator { server.negotiator }
    /// Which whole messages the server sends compressed.
    public var sendPolicy: SendPolicy { server.sendPolicy }
    /// Where connections borrow the codecs of directions that carry no context.
    public var codecPool: CodecPool { server.codecPool }
    /// The library for deflate's whole messages where no window is carried (local).
    public var deflateBackend: DeflateBackend { server.deflateBackend }
    /// How deflate's receiver holds the peer to a window under 15 bits it agreed to (local).
    public var receiveWindowCheck: ReceiveWindowCheck { server.receiveWindowCheck }

    /// Creates the server's compression.
    /// - Parameters:
    ///   - negotiator: The extensions the server accepts, in its order of preference.
    ///   - sendPolicy: Which whole messages the server sends compressed.
    ///   - codecPool: Where connections borrow the codecs of directions that carry no context
    ///     (the process's pool unless given).
    ///   - deflateBackend: The library for deflate's whole messages where no window is carried.
    ///   - receiveWindowCheck: How deflate's receiver holds the peer to a window under 15 bits.
    public init(
        _ negotiator: ServerNegotiator, sendPolicy: SendPolicy = .default, codecPool: CodecPool = .shared, deflateBackend: DeflateBackend = .zlib,
        receiveWindowCheck: ReceiveWindowCheck = .zlib
    ) {
        server = WebSocketServerCompression(
            negotiator, sendPolicy: sendPolicy, codecPool: codecPool, deflateBackend: deflateBackend, receiveWindowCheck: receiveWindowCheck)
    }

    /// Negotiates on every `Sec-WebSocket-Extensions` header of an upgrade request and returns the
    /// header to answer with; call it in the upgrade step (`shouldUpgrade`).
    /// - Parameter requestHeaders: The upgrade request's headers.
    /// - Returns: The response headers to add: `Sec-WebSocket-Extensions` with the accepted offer,
    ///   or nothing when no offer was accepted.
    /// - Throws: ``NegotiationError`` for a malformed header, or an invalid offer when the
    ///   negotiator fails the handshake on those; then nothing is applied.
    public func responseHeaders(for requestHeaders: HTTPFields) throws(NegotiationError) -> HTTPFields {
        let agreed: NegotiatedCompression?
        do {
            agreed = try server.agreement(offerHeaders: requestHeaders[values: .secWebSocketExtensions])
        } catch {
            HandshakeHandoff.put(nil)
            throw error
        }
        HandshakeHandoff.put(agreed)
        var headers = HTTPFields()
        if let agreed { headers[.secWebSocketExtensions] = agreed.responseHeader }
        return headers
    }

    /// The factory to list in the server's `extensions`: for each handshake it applies what
    /// ``responseHeaders(for:)`` agreed, and nothing when it agreed nothing.
    public var extensionFactory: WebSocketExtensionFactory {
        .nonNegotiatedExtension { [server] in
            CompressionWebSocketExtension(
                server.configuration(HandshakeHandoff.take()), sendPolicy: server.sendPolicy, pool: server.codecPool,
                registry: server.registry)
        }
    }

    /// The open connections made by ``extensionFactory``, the bytes their own codecs hold, and
    /// the bytes of the pool's idle codecs. Walks every connection: for monitoring, not per
    /// message.
    public var statistics: CompressionStatistics { server.statistics }
}
