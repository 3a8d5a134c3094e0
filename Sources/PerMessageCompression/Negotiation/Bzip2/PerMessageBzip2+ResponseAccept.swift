/// How a client accepts a server's `permessage-bzip2` response, as Autobahn|Python's
/// `PerMessageBzip2ResponseAccept`.
///
/// ```swift
/// let accept = try PerMessageBzip2ResponseAccept(response: .init(clientMaxCompressLevel: Bzip2Level(rawValue: 3)))
/// let codec = try accept.makeCodec(role: .client)   // compresses with level 3
/// ```
public struct PerMessageBzip2ResponseAccept: CompressionAccept {
    /// The client accepts responses.
    public static let acceptingRole = WebSocketRole.client

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
        try NegotiationError.checkAtMost(compressLevel, limit: response.clientMaxCompressLevel, setting: .compressLevel, side: .client, of: Self.compressionExtension)
        self.response = response
        self.compressLevel = compressLevel
        self.maxMessageSize = maxMessageSize
        _ = try codecConfiguration(for: .client)
    }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps levels to `role`'s send level as Autobahn's `create_from_response_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/client``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/invalidValue(extension:parameter:value:allowed:)`` for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageBzip2Codec.Configuration {
        try PerMessageBzip2Codec.Configuration(
            role: role, server: response.serverMaxCompressLevel ?? .max,
            client: compressLevel ?? response.clientMaxCompressLevel ?? .max, maxMessageSize: maxMessageSize)
    }
}
