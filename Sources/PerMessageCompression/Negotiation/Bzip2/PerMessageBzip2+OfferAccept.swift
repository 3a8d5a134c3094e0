/// How a server accepts a client's `permessage-bzip2` offer, as Autobahn|Python's
/// `PerMessageBzip2OfferAccept`.
///
/// ```swift
/// let offer = PerMessageBzip2Offer(requestMaxCompressLevel: Bzip2Level(rawValue: 5))
/// let accept = try PerMessageBzip2OfferAccept(offer: offer, requestMaxCompressLevel: .min)
/// accept.extensionString   // "permessage-bzip2; server_max_compress_level=5; client_max_compress_level=1"
/// let codec = try accept.makeCodec(role: .server)   // compresses with level 5
/// ```
public struct PerMessageBzip2OfferAccept: CompressionAccept {
    /// The server accepts offers.
    public static let acceptingRole = WebSocketRole.server

    /// The offer being accepted.
    public let offer: PerMessageBzip2Offer
    /// The highest level the server lets the client compress with (`client_max_compress_level=N`); `nil` for none.
    public let requestMaxCompressLevel: Bzip2Level?
    /// Overrides the server's own level (at most what the offer requested); `nil` follows the offer (else 9).
    public let compressLevel: Bzip2Level?
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not in
    /// Autobahn's `__json__`, so not encoded).
    public let maxMessageSize: Int?

    /// Accepts `offer`.
    /// - Parameters:
    ///   - offer: The client's offer.
    ///   - requestMaxCompressLevel: Limit the client's level.
    ///   - compressLevel: Override the server's own level (at most the offer's request).
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   setting the offer does not allow; ``NegotiationError/invalidValue(extension:parameter:value:allowed:)``
    ///   for a negative size.
    public init(
        offer: PerMessageBzip2Offer,
        requestMaxCompressLevel: Bzip2Level? = nil,
        compressLevel: Bzip2Level? = nil,
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let bzip2 = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageBzip2Parameter.clientMaxCompressLevel, value: requestMaxCompressLevel?.description, allowed: offer.acceptMaxCompressLevel, of: bzip2)
        try NegotiationError.checkAtMost(compressLevel, limit: offer.requestMaxCompressLevel, setting: .compressLevel, side: .server, of: bzip2)
        self.offer = offer
        self.requestMaxCompressLevel = requestMaxCompressLevel
        self.compressLevel = compressLevel
        self.maxMessageSize = maxMessageSize
        _ = try codecConfiguration(for: .server)
    }

    /// The response the server sends, as the client will parse it.
    public var response: PerMessageBzip2Response {
        PerMessageBzip2Response(clientMaxCompressLevel: requestMaxCompressLevel, serverMaxCompressLevel: offer.requestMaxCompressLevel)
    }

    /// What the server sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { response.extensionString }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps levels to `role`'s send level as Autobahn's `create_from_offer_accept` does (absent levels are 9).
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/server``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/invalidValue(extension:parameter:value:allowed:)`` for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageBzip2Codec.Configuration {
        try PerMessageBzip2Codec.Configuration(
            role: role, server: compressLevel ?? offer.requestMaxCompressLevel ?? .max,
            client: requestMaxCompressLevel ?? .max, maxMessageSize: maxMessageSize)
    }
}
