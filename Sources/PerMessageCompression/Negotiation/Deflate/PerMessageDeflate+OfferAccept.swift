/// How a server accepts a client's `permessage-deflate` offer, as Autobahn|Python's
/// `PerMessageDeflateOfferAccept`: what it asks of the client, and how it compresses itself.
///
/// The initializer refuses settings the offer does not allow, as Autobahn's does, and also
/// declines an offer whose `server_max_window_bits=8` would bind our zlib compressor to a window
/// zlib refuses.
///
/// ```swift
/// let offer = try PerMessageDeflateOffer.parse(WebSocketExtension.parse(header: "permessage-deflate; client_max_window_bits")[0])
/// let accept = try PerMessageDeflateOfferAccept(offer: offer, requestMaxWindowBits: WindowBits(rawValue: 10))
/// accept.extensionString                     // "permessage-deflate; client_max_window_bits=10"
/// let codec = try accept.makeCodec()       // the server's
/// ```
public struct PerMessageDeflateOfferAccept: CompressionAccept {
    /// The server accepts offers.
    public static let acceptingRole = WebSocketRole.server

    /// The offer being accepted.
    public let offer: PerMessageDeflateOffer
    /// Whether the server asks the client not to keep its window (`client_no_context_takeover`).
    public let requestNoContextTakeover: Bool
    /// The window the server limits the client to (`client_max_window_bits=N`); `nil` for none.
    public let requestMaxWindowBits: WindowBits?
    /// Overrides whether the server keeps its own window; `nil` follows the offer.
    public let noContextTakeover: Bool?
    /// Overrides the server's own window (at most what the offer requested); `nil` follows the offer.
    public let windowBits: WindowBits?
    /// zlib's `memLevel` for the server's compressor; `nil` for 8 (local, not negotiated).
    public let memoryLevel: MemoryLevel?
    /// zlib's level for the server's compressor (local, not negotiated; not in Autobahn's `__json__`).
    public let compressionLevel: CompressionLevel
    /// The most bytes a received message may decompress to; `nil` for no limit (local).
    public let maxMessageSize: Int?

    /// Accepts `offer`.
    /// - Parameters:
    ///   - offer: The client's offer.
    ///   - requestNoContextTakeover: Ask the client not to keep its window.
    ///   - requestMaxWindowBits: Limit the client's window (9...15).
    ///   - noContextTakeover: Override the server's own context takeover.
    ///   - windowBits: Override the server's own window (9...15, at most the offer's request).
    ///   - memoryLevel: zlib's `memLevel` for the server's compressor.
    ///   - compressionLevel: zlib's level for the server's compressor.
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   setting the offer does not allow; ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``
    ///   when the server would have to compress with a window of 8;
    ///   ``NegotiationError/invalidValue(extension:parameter:value:allowed:)`` for a request of 8
    ///   or a negative size.
    public init(
        offer: PerMessageDeflateOffer,
        requestNoContextTakeover: Bool = false,
        requestMaxWindowBits: WindowBits? = nil,
        noContextTakeover: Bool? = nil,
        windowBits: WindowBits? = nil,
        memoryLevel: MemoryLevel? = nil,
        compressionLevel: CompressionLevel = .default,
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let deflate = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageDeflateParameter.clientNoContextTakeover, value: requestNoContextTakeover ? "true" : nil,
            allowed: offer.acceptNoContextTakeover, of: deflate)
        // Autobahn refuses to ask a client for a window its zlib cannot compress with.
        if let requestMaxWindowBits, !requestMaxWindowBits.isCompressible {
            throw .invalidValue(
                extension: deflate.extensionName, parameter: PerMessageDeflateParameter.clientMaxWindowBits.rawValue,
                value: requestMaxWindowBits.description, allowed: WindowBits.compressible.allowedText)
        }
        try NegotiationError.checkClientAllows(
            PerMessageDeflateParameter.clientMaxWindowBits, value: requestMaxWindowBits?.description, allowed: offer.acceptMaxWindowBits, of: deflate)
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: offer.requestNoContextTakeover, side: .server, of: deflate)
        try NegotiationError.checkAtMost(windowBits, limit: offer.requestMaxWindowBits, setting: .windowBits, side: .server, of: deflate)
        self.offer = offer
        self.requestNoContextTakeover = requestNoContextTakeover
        self.requestMaxWindowBits = requestMaxWindowBits
        self.noContextTakeover = noContextTakeover
        self.windowBits = windowBits
        self.memoryLevel = memoryLevel
        self.compressionLevel = compressionLevel
        self.maxMessageSize = maxMessageSize
        // The server's own configuration is checked now, so that an offer binding it to a
        // window of 8 is declined here.
        _ = try codecConfiguration(for: .server)
    }

    /// The response the server sends, as the client will parse it.
    public var response: PerMessageDeflateResponse {
        PerMessageDeflateResponse(
            clientMaxWindowBits: requestMaxWindowBits, clientNoContextTakeover: requestNoContextTakeover,
            serverMaxWindowBits: offer.requestMaxWindowBits, serverNoContextTakeover: offer.requestNoContextTakeover)
    }

    /// What the server sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { response.extensionString }

    /// The response's element.
    public var responseElement: WebSocketExtension { response.element }

    /// Maps the server's and client's parameters to `role`'s send and receive as Autobahn's
    /// `create_from_offer_accept` does: the server keeps or drops its window as
    /// ``noContextTakeover`` says, else as the offer asked; absent windows are 15.
    /// - Parameter role: Which end the codec serves; normally ``WebSocketRole/server``.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``
    ///   when the server would compress with a window of 8; ``NegotiationError/invalidValue(extension:parameter:value:allowed:)``
    ///   for a negative `maxMessageSize`.
    public func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> PerMessageDeflateCodec.Configuration {
        try PerMessageDeflateCodec.Configuration(
            role: role,
            server: (windowBits ?? offer.requestMaxWindowBits ?? .max, noContextTakeover ?? offer.requestNoContextTakeover),
            client: (requestMaxWindowBits ?? .max, requestNoContextTakeover),
            memoryLevel: memoryLevel, compressionLevel: compressionLevel, maxMessageSize: maxMessageSize,
            windowParameter: windowBits == nil ? PerMessageDeflateParameter.serverMaxWindowBits.rawValue : AcceptSetting.windowBits.rawValue)
    }
}
