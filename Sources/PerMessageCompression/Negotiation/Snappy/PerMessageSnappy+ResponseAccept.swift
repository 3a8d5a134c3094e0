/// How a client accepts a server's `permessage-snappy` response, as Autobahn|Python's
/// `PerMessageSnappyResponseAccept`.
///
/// ```swift
/// let accept = try PerMessageSnappyResponseAccept(response: .init(serverNoContextTakeover: true))
/// let codec = try accept.makeCodec(role: .client)
/// ```
public struct PerMessageSnappyResponseAccept: CompressionAccept {
    /// The client accepts responses.
    public static let acceptingRole = WebSocketRole.client

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
            noContextTakeover, peerRequested: response.clientNoContextTakeover, side: .client, of: Self.compressionExtension)
        self.response = response
        self.noContextTakeover = noContextTakeover
        self.maxMessageSize = maxMessageSize
        _ = try codecConfiguration(for: .client)
    }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps the server's and client's parameters to `role`'s send and receive as Autobahn's
    /// `create_from_response_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/client``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/invalidValue(extension:parameter:value:allowed:)`` for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageSnappyCodec.Configuration {
        try PerMessageSnappyCodec.Configuration(
            role: role, serverNoContextTakeover: response.serverNoContextTakeover,
            clientNoContextTakeover: noContextTakeover ?? response.clientNoContextTakeover, maxMessageSize: maxMessageSize)
    }
}
