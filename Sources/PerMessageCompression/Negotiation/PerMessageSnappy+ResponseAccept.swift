/// How a client accepts a server's `permessage-snappy` response, as Autobahn|Python's
/// `PerMessageSnappyResponseAccept`.
///
/// ```swift
/// let accept = try PerMessageSnappyResponseAccept(response: .init(serverNoContextTakeover: true))
/// let codec = try accept.makeCodec(role: .client)
/// ```
public struct PerMessageSnappyResponseAccept: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-snappy`.
    public static let extensionName = PerMessageSnappyCodec.extensionName

    /// The response being accepted.
    public let response: PerMessageSnappyResponse
    /// Overrides whether the client starts a new stream per message; `nil` follows the response.
    public let noContextTakeover: Bool?
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not encoded).
    public let maxMessageSize: Int?

    /// Accepts `response`.
    /// - Parameters:
    ///   - response: The server's response.
    ///   - noContextTakeover: Override the client's context takeover.
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` when
    ///   keeping context the server told the client to drop.
    public init(response: PerMessageSnappyResponse, noContextTakeover: Bool? = nil, maxMessageSize: Int? = nil) throws(NegotiationError) {
        try NegotiationError.checkContextTakeover(
            noContextTakeover, peerRequested: response.clientNoContextTakeover, side: .client, extensionName: Self.extensionName)
        try NegotiationError.checkMessageSize(maxMessageSize, extensionName: Self.extensionName)
        self.response = response
        self.noContextTakeover = noContextTakeover
        self.maxMessageSize = maxMessageSize
    }

    /// Creates the codec, mapping parameters as Autobahn's `create_from_response_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/client``.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when the codec cannot be created.
    public func makeCodec(role: WebSocketRole = .client) throws(NegotiationError) -> PerMessageSnappyCodec {
        try SnappyTakeoverRules.makeCodec(
            role: role, serverNoContextTakeover: response.serverNoContextTakeover,
            clientNoContextTakeover: noContextTakeover ?? response.clientNoContextTakeover, maxMessageSize: maxMessageSize)
    }
}

extension PerMessageSnappyResponseAccept: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageSnappyResponseAccept"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "no_context_takeover": .bool(noContextTakeover),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.decode(PerMessageSnappyResponse.self, "response"),
            noContextTakeover: json.decodeIfPresent(Bool.self, "no_context_takeover"))
    }
}
