/// How a server accepts a client's `permessage-snappy` offer, as Autobahn|Python's
/// `PerMessageSnappyOfferAccept`.
///
/// ```swift
/// let accept = try PerMessageSnappyOfferAccept(offer: .init(), requestNoContextTakeover: true)
/// accept.extensionString                       // "permessage-snappy; client_no_context_takeover"
/// let codec = try accept.makeCodec(role: .server)
/// ```
public struct PerMessageSnappyOfferAccept: CompressionAccept {
    /// The server accepts offers.
    public static let acceptingRole = WebSocketRole.server

    /// The offer being accepted.
    public let offer: PerMessageSnappyOffer
    /// Whether the server asks the client to start a new stream per message (`client_no_context_takeover`).
    public let requestNoContextTakeover: Bool
    /// Overrides whether the server starts a new stream per message; `nil` follows the offer.
    public let noContextTakeover: Bool?
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not encoded).
    public let maxMessageSize: Int?

    /// Accepts `offer`.
    /// - Parameters:
    ///   - offer: The client's offer.
    ///   - requestNoContextTakeover: Ask the client to start a new stream per message.
    ///   - noContextTakeover: Override the server's own context takeover.
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   setting the offer does not allow.
    public init(
        offer: PerMessageSnappyOffer,
        requestNoContextTakeover: Bool = false,
        noContextTakeover: Bool? = nil,
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let snappy = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageSnappyParameter.clientNoContextTakeover, value: requestNoContextTakeover ? "true" : nil,
            allowed: offer.acceptNoContextTakeover, of: snappy)
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: offer.requestNoContextTakeover, side: .server, of: snappy)
        self.offer = offer
        self.requestNoContextTakeover = requestNoContextTakeover
        self.noContextTakeover = noContextTakeover
        self.maxMessageSize = maxMessageSize
        _ = try codecConfiguration(for: .server)
    }

    /// The response the server sends, as the client will parse it.
    public var response: PerMessageSnappyResponse {
        PerMessageSnappyResponse(clientNoContextTakeover: requestNoContextTakeover, serverNoContextTakeover: offer.requestNoContextTakeover)
    }

    /// What the server sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { response.extensionString }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps the server's and client's parameters to `role`'s send and receive as Autobahn's
    /// `create_from_offer_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/server``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/invalidValue(extension:parameter:value:allowed:)`` for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageSnappyCodec.Configuration {
        try PerMessageSnappyCodec.Configuration(
            role: role, serverNoContextTakeover: noContextTakeover ?? offer.requestNoContextTakeover,
            clientNoContextTakeover: requestNoContextTakeover, maxMessageSize: maxMessageSize)
    }
}
