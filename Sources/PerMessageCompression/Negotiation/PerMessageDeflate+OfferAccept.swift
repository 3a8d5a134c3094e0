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
/// let codec = try accept.makeCodec(role: .server)
/// ```
public struct PerMessageDeflateOfferAccept: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-deflate`.
    public static let extensionName = PerMessageDeflateCodec.extensionName

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
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let name = Self.extensionName
        try NegotiationError.checkClientAllows(
            "client_no_context_takeover", value: requestNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover, extensionName: name)
        if let requestMaxWindowBits, !WindowBits.compressible.contains(requestMaxWindowBits.rawValue) {
            throw .outOfRange(name, "client_max_window_bits", requestMaxWindowBits.rawValue, WindowBits.compressible)
        }
        try NegotiationError.checkClientAllows(
            "client_max_window_bits", value: requestMaxWindowBits?.description, allowed: offer.acceptMaxWindowBits, extensionName: name)
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: offer.requestNoContextTakeover, side: .server, extensionName: name)
        try DeflateWindowRules.checkOwnWindow(windowBits, limit: offer.requestMaxWindowBits, side: .server)
        try NegotiationError.checkMessageSize(maxMessageSize, extensionName: name)
        self.offer = offer
        self.requestNoContextTakeover = requestNoContextTakeover
        self.requestMaxWindowBits = requestMaxWindowBits
        self.noContextTakeover = noContextTakeover
        self.windowBits = windowBits
        self.memoryLevel = memoryLevel
        self.maxMessageSize = maxMessageSize
    }

    /// The response the server sends, as the client will parse it.
    public var response: PerMessageDeflateResponse {
        PerMessageDeflateResponse(
            clientMaxWindowBits: requestMaxWindowBits, clientNoContextTakeover: requestNoContextTakeover,
            serverMaxWindowBits: offer.requestMaxWindowBits, serverNoContextTakeover: offer.requestNoContextTakeover)
    }

    /// What the server sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { response.extensionString }

    /// Creates the codec, mapping the server's and client's parameters to send and receive as
    /// Autobahn's `create_from_offer_accept` does (the server keeps or drops its window as
    /// ``noContextTakeover`` says, else as the offer asked; absent windows are 15).
    /// - Parameters:
    ///   - role: Which end the codec serves; normally ``WebSocketRole/server``.
    ///   - compressionLevel: zlib's level for the compressor (local, not negotiated).
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when zlib refuses.
    public func makeCodec(role: WebSocketRole = .server, compressionLevel: CompressionLevel = .default) throws(NegotiationError) -> PerMessageDeflateCodec {
        try DeflateWindowRules.makeCodec(
            role: role,
            server: (windowBits ?? offer.requestMaxWindowBits ?? .max, noContextTakeover ?? offer.requestNoContextTakeover),
            client: (requestMaxWindowBits ?? .max, requestNoContextTakeover),
            memoryLevel: memoryLevel, compressionLevel: compressionLevel, maxMessageSize: maxMessageSize)
    }
}

extension PerMessageDeflateOfferAccept: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageDeflateOfferAccept"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "offer": .nested(offer),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
            "request_max_window_bits": .zeroIfAbsent(requestMaxWindowBits),
            "no_context_takeover": .bool(noContextTakeover),
            "window_bits": .rawOrNull(windowBits),
            "mem_level": .rawOrNull(memoryLevel),
            "max_message_size": .int(maxMessageSize),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            offer: json.decode(PerMessageDeflateOffer.self, "offer"),
            requestNoContextTakeover: json.decode(Bool.self, "request_no_context_takeover"),
            requestMaxWindowBits: json.decodeZeroAsAbsent(WindowBits.self, "request_max_window_bits"),
            noContextTakeover: json.decodeIfPresent(Bool.self, "no_context_takeover"),
            windowBits: json.decodeRawIfPresent(WindowBits.self, "window_bits"),
            memoryLevel: json.decodeRawIfPresent(MemoryLevel.self, "mem_level"),
            maxMessageSize: json.decodeIfPresent(Int.self, "max_message_size"))
    }
}
