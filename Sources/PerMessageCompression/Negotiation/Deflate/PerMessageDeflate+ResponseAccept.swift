/// How a client accepts a server's `permessage-deflate` response, as Autobahn|Python's
/// `PerMessageDeflateResponseAccept`: the client's own compressor settings within what the
/// server allowed.
///
/// ```swift
/// let response = PerMessageDeflateResponse(clientMaxWindowBits: WindowBits(rawValue: 12))
/// let accept = try PerMessageDeflateResponseAccept(response: response, memoryLevel: .max)
/// let codec = try accept.makeCodec()   // the client's: sends with a 4 KiB window
/// ```
public struct PerMessageDeflateResponseAccept: CompressionAccept {
    /// The client accepts responses.
    public static let acceptingRole = WebSocketRole.client

    /// The response being accepted.
    public let response: PerMessageDeflateResponse
    /// Overrides whether the client keeps its window; `nil` follows the response.
    public let noContextTakeover: Bool?
    /// Overrides the client's window (at most what the server allowed); `nil` follows the response.
    public let windowBits: WindowBits?
    /// zlib's `memLevel` for the client's compressor; `nil` for 8 (local, not negotiated).
    public let memoryLevel: MemoryLevel?
    /// zlib's level for the client's compressor (local, not negotiated; not in Autobahn's `__json__`).
    public let compressionLevel: CompressionLevel
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not
    /// part of Autobahn's `__json__`, so not encoded).
    public let maxMessageSize: Int?

    /// Accepts `response`.
    /// - Parameters:
    ///   - response: The server's response.
    ///   - noContextTakeover: Override the client's context takeover.
    ///   - windowBits: Override the client's window (9...15, at most the server's limit).
    ///   - memoryLevel: zlib's `memLevel` for the client's compressor.
    ///   - compressionLevel: zlib's level for the client's compressor.
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   setting the server forbade; ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``
    ///   when the server limits the client to a window of 8, which zlib cannot compress with.
    public init(
        response: PerMessageDeflateResponse,
        noContextTakeover: Bool? = nil,
        windowBits: WindowBits? = nil,
        memoryLevel: MemoryLevel? = nil,
        compressionLevel: CompressionLevel = .default,
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let deflate = Self.compressionExtension
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: response.clientNoContextTakeover, side: .client, of: deflate)
        try NegotiationError.checkAtMost(windowBits, limit: response.clientMaxWindowBits, setting: .windowBits, side: .client, of: deflate)
        self.response = response
        self.noContextTakeover = noContextTakeover
        self.windowBits = windowBits
        self.memoryLevel = memoryLevel
        self.compressionLevel = compressionLevel
        self.maxMessageSize = maxMessageSize
        // The client's own configuration is checked now: a window of 8 fails the connection.
        _ = try codecConfiguration(for: .client)
    }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps the server's and client's parameters to `role`'s send and receive as Autobahn's
    /// `create_from_response_accept` does.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/client``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``
    ///   when the client would compress with a window of 8; ``NegotiationError/invalidValue(extension:parameter:value:allowed:)``
    ///   for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageDeflateCodec.Configuration {
        try PerMessageDeflateCodec.Configuration(
            role: role,
            server: (response.serverMaxWindowBits ?? .max, response.serverNoContextTakeover),
            client: (windowBits ?? response.clientMaxWindowBits ?? .max, noContextTakeover ?? response.clientNoContextTakeover),
            memoryLevel: memoryLevel, compressionLevel: compressionLevel, maxMessageSize: maxMessageSize,
            windowParameter: windowBits == nil ? PerMessageDeflateParameter.clientMaxWindowBits.rawValue : AcceptSetting.windowBits.rawValue)
    }
}
