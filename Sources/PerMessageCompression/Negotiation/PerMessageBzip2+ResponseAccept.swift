/// How a client accepts a server's `permessage-bzip2` response, as Autobahn|Python's
/// `PerMessageBzip2ResponseAccept`.
///
/// ```swift
/// let accept = try PerMessageBzip2ResponseAccept(response: .init(clientMaxCompressLevel: Bzip2Level(rawValue: 3)))
/// let codec = try accept.makeCodec(role: .client)   // compresses with level 3
/// ```
public struct PerMessageBzip2ResponseAccept: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-bzip2`.
    public static let extensionName = PerMessageBzip2Codec.extensionName

    /// The response being accepted.
    public let response: PerMessageBzip2Response
    /// Overrides the client's level (at most what the server allowed); `nil` follows the response (else 9).
    public let compressLevel: Bzip2Level?
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not encoded).
    public let maxMessageSize: Int?

    /// Accepts `response`.
    /// - Parameters:
    ///   - response: The server's response.
    ///   - compressLevel: Override the client's level (at most the server's limit).
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   level above the server's limit.
    public init(response: PerMessageBzip2Response, compressLevel: Bzip2Level? = nil, maxMessageSize: Int? = nil) throws(NegotiationError) {
        try NegotiationError.checkAtMost(
            compressLevel, limit: response.clientMaxCompressLevel, parameter: "compress_level", side: .client, extensionName: Self.extensionName)
        try NegotiationError.checkMessageSize(maxMessageSize, extensionName: Self.extensionName)
        self.response = response
        self.compressLevel = compressLevel
        self.maxMessageSize = maxMessageSize
    }

    /// Creates the codec, mapping levels as Autobahn's `create_from_response_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/client``.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when libbz2 refuses.
    public func makeCodec(role: WebSocketRole = .client) throws(NegotiationError) -> PerMessageBzip2Codec {
        try Bzip2LevelRules.makeCodec(
            role: role, server: response.serverMaxCompressLevel ?? .max,
            client: compressLevel ?? response.clientMaxCompressLevel ?? .max, maxMessageSize: maxMessageSize)
    }
}

extension PerMessageBzip2ResponseAccept: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageBzip2ResponseAccept"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "compress_level": .rawOrNull(compressLevel),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.decode(PerMessageBzip2Response.self, "response"),
            compressLevel: json.decodeRawIfPresent(Bzip2Level.self, "compress_level"))
    }
}
