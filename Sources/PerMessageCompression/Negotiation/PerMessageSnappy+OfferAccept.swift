/// How a server accepts a client's `permessage-snappy` offer, as Autobahn|Python's
/// `PerMessageSnappyOfferAccept`.
///
/// ```swift
/// let accept = try PerMessageSnappyOfferAccept(offer: .init(), requestNoContextTakeover: true)
/// accept.extensionString                       // "permessage-snappy; client_no_context_takeover"
/// let codec = try accept.makeCodec(role: .server)
/// ```
public struct PerMessageSnappyOfferAccept: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-snappy`.
    public static let extensionName = PerMessageSnappyCodec.extensionName

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
        let name = Self.extensionName
        try NegotiationError.checkClientAllows(
            "client_no_context_takeover", value: requestNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover, extensionName: name)
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: offer.requestNoContextTakeover, side: .server, extensionName: name)
        try NegotiationError.checkMessageSize(maxMessageSize, extensionName: name)
        self.offer = offer
        self.requestNoContextTakeover = requestNoContextTakeover
        self.noContextTakeover = noContextTakeover
        self.maxMessageSize = maxMessageSize
    }

    /// The response the server sends, as the client will parse it.
    public var response: PerMessageSnappyResponse {
        PerMessageSnappyResponse(clientNoContextTakeover: requestNoContextTakeover, serverNoContextTakeover: offer.requestNoContextTakeover)
    }

    /// What the server sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { response.extensionString }

    /// Creates the codec, mapping parameters as Autobahn's `create_from_offer_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/server``.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when the codec cannot be created.
    public func makeCodec(role: WebSocketRole = .server) throws(NegotiationError) -> PerMessageSnappyCodec {
        try SnappyTakeoverRules.makeCodec(
            role: role, serverNoContextTakeover: noContextTakeover ?? offer.requestNoContextTakeover,
            clientNoContextTakeover: requestNoContextTakeover, maxMessageSize: maxMessageSize)
    }
}

extension PerMessageSnappyOfferAccept: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageSnappyAccept"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "offer": .nested(offer),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
            "no_context_takeover": .bool(noContextTakeover),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            offer: json.decode(PerMessageSnappyOffer.self, "offer"),
            requestNoContextTakeover: json.decode(Bool.self, "request_no_context_takeover"),
            noContextTakeover: json.decodeIfPresent(Bool.self, "no_context_takeover"))
    }
}
