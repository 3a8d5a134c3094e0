public import NIOHTTP1
public import PerMessageCompression

/// The server half of negotiation in a SwiftNIO pipeline: the 101 response's
/// `Sec-WebSocket-Extensions` in `NIOWebSocketServerUpgrader`'s `shouldUpgrade`, and the
/// ``WebSocketCompressionHandler`` for what was agreed in its `upgradePipelineHandler`.
///
/// ```swift
/// let compression = WebSocketServerCompression(ServerNegotiator([.perMessageDeflate(maxMessageSize: 1 << 20)]))
/// let upgrader = NIOWebSocketServerUpgrader(
///     shouldUpgrade: { channel, head in
///         channel.eventLoop.makeCompletedFuture { try compression.responseHeaders(for: head) }
///     },
///     upgradePipelineHandler: { channel, head in
///         channel.eventLoop.makeCompletedFuture {
///             try channel.pipeline.syncOperations.addHandler(compression.handler(for: head))
///             try channel.pipeline.syncOperations.addHandler(EchoHandler())
///         }
///     })
/// ```
///
/// Both calls negotiate the same request head with the same negotiator, so they agree; the
/// negotiation is a parse of one header, with no state kept between them. All `Sec-WebSocket-Extensions`
/// lines of the request are read, commas and all, and exactly one extension is ever agreed.
public struct WebSocketServerCompression: Sendable {
    /// What the server accepts.
    public let negotiator: ServerNegotiator
    /// Which whole messages go out compressed.
    public let sendPolicy: SendPolicy
    /// Where connections without context borrow their codecs.
    public let codecPool: CodecPool
    /// The library for deflate's whole messages where no window is carried.
    public let deflateBackend: DeflateBackend
    /// How deflate's receiver holds the peer to a window under 15 bits it agreed to.
    public let receiveWindowCheck: ReceiveWindowCheck
    /// The connections of this negotiation's handlers (and of the swift-websocket extensions built on it).
    package let registry = ConnectionRegistry()

    /// Creates the server's negotiation.
    /// - Parameters:
    ///   - negotiator: What the server accepts, in its order of preference.
    ///   - sendPolicy: Which whole messages go out compressed.
    ///   - codecPool: Where connections without context borrow their codecs.
    ///   - deflateBackend: The library for deflate's whole messages where no window is carried.
    ///   - receiveWindowCheck: How deflate's receiver holds the peer to a window under 15 bits.
    public init(
        _ negotiator: ServerNegotiator, sendPolicy: SendPolicy = .default, codecPool: CodecPool = .shared, deflateBackend: DeflateBackend = .zlib,
        receiveWindowCheck: ReceiveWindowCheck = .zlib
    ) {
        self.negotiator = negotiator
        self.sendPolicy = sendPolicy
        self.codecPool = codecPool
        self.deflateBackend = deflateBackend
        self.receiveWindowCheck = receiveWindowCheck
    }

    /// What was agreed, with this server's local choices for deflate.
    package func configuration(_ agreed: NegotiatedCompression?) -> CompressionConfiguration? {
        agreed?.configuration.coding(with: deflateBackend).checking(receiveWindow: receiveWindowCheck)
    }

    /// The response headers for an upgrade request: `Sec-WebSocket-Extensions` when an offer
    /// was accepted, none otherwise.
    /// - Throws: ``NegotiationError`` for a malformed header, or an invalid offer when the
    ///   negotiator fails handshakes on those: refuse the upgrade (answer 400).
    public func responseHeaders(for request: HTTPRequestHead) throws(NegotiationError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if let agreed = try agreement(for: request) { headers.add(name: "Sec-WebSocket-Extensions", value: agreed.responseHeader) }
        return headers
    }

    /// The handler for the upgraded connection. When nothing was agreed (or the request's
    /// header does not parse, which ``responseHeaders(for:)`` refused already) it has no
    /// configuration: it passes frames through and refuses RSV1.
    public func handler(for request: HTTPRequestHead) -> WebSocketCompressionHandler {
        let agreed = (try? agreement(for: request)).flatMap { $0 }
        return WebSocketCompressionHandler(
            configuration(agreed), sendPolicy: sendPolicy, codecPool: codecPool, registry: registry)
    }

    /// The connections this negotiation's handlers serve now, and the bytes their codecs and the
    /// pool hold.
    public var statistics: CompressionStatistics {
        let (count, memory) = registry.snapshot
        return CompressionStatistics(connections: count, connectionMemory: memory, pooledMemory: codecPool.memory)
    }

    private func agreement(for request: HTTPRequestHead) throws(NegotiationError) -> NegotiatedCompression? {
        try agreement(offerHeaders: request.headers["Sec-WebSocket-Extensions"])
    }

    /// What the server agrees to for these `Sec-WebSocket-Extensions` lines, if anything.
    package func agreement(offerHeaders: [String]) throws(NegotiationError) -> NegotiatedCompression? {
        try negotiator.negotiate(offerHeaders: offerHeaders).accepted
    }
}
