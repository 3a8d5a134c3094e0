public import NIOHTTP1
public import PerMessageCompression

/// The client half of negotiation in a SwiftNIO pipeline: the offer for the upgrade request's
/// headers, and the server's answer checked in `NIOWebSocketClientUpgrader`'s
/// `upgradePipelineHandler`, which gives the ``WebSocketCompressionHandler``.
///
/// ```swift
/// let compression = WebSocketClientCompression(ClientNegotiator([.perMessageDeflate(), .perMessageSnappy()]))
/// var headers = HTTPHeaders([("Host", "localhost")])
/// headers.add(contentsOf: compression.requestHeaders)       // the initial request's headers
/// let upgrader = NIOWebSocketClientUpgrader(upgradePipelineHandler: { channel, response in
///     channel.eventLoop.makeCompletedFuture {
///         try channel.pipeline.syncOperations.addHandler(compression.handler(for: response))
///         try channel.pipeline.syncOperations.addHandler(MyClientHandler())
///     }
/// })
/// ```
///
/// An answer that does not fit the offers (an extension not offered, two extensions, parameters
/// no offer allows) throws: failing the future fails the upgrade, as RFC 6455 §4.1 asks.
public struct WebSocketClientCompression: Sendable {
    /// What the client offers.
    public let negotiator: ClientNegotiator
    /// Which whole messages go out compressed.
    public let sendPolicy: SendPolicy
    /// The library for deflate's whole messages where no window is carried.
    public let deflateBackend: DeflateBackend
    /// How deflate's receiver holds the peer to a window under 15 bits it agreed to.
    public let receiveWindowCheck: ReceiveWindowCheck

    /// Creates the client's negotiation.
    /// - Parameters:
    ///   - negotiator: The offers, in the client's order of preference.
    ///   - sendPolicy: Which whole messages go out compressed.
    ///   - deflateBackend: The library for deflate's whole messages where no window is carried.
    ///   - receiveWindowCheck: How deflate's receiver holds the peer to a window under 15 bits.
    public init(
        _ negotiator: ClientNegotiator, sendPolicy: SendPolicy = .default, deflateBackend: DeflateBackend = .zlib,
        receiveWindowCheck: ReceiveWindowCheck = .zlib
    ) {
        self.negotiator = negotiator
        self.sendPolicy = sendPolicy
        self.deflateBackend = deflateBackend
        self.receiveWindowCheck = receiveWindowCheck
    }

    /// The headers to add to the upgrade request: `Sec-WebSocket-Extensions` with every offer.
    public var requestHeaders: HTTPHeaders {
        negotiator.offers.isEmpty ? HTTPHeaders() : HTTPHeaders([("Sec-WebSocket-Extensions", negotiator.offerHeader)])
    }

    /// The handler for what the server's 101 response agreed. When it agreed nothing the
    /// handler has no configuration: it passes frames through and refuses RSV1.
    /// - Throws: ``NegotiationError`` when the answer does not fit the offers: fail the connection.
    public func handler(for response: HTTPResponseHead) throws(NegotiationError) -> WebSocketCompressionHandler {
        let answers = response.headers["Sec-WebSocket-Extensions"]
        let agreed = try negotiator.negotiate(responseHeaders: answers)
        return WebSocketCompressionHandler(
            agreed?.configuration.coding(with: deflateBackend).checking(receiveWindow: receiveWindowCheck), sendPolicy: sendPolicy)
    }
}
