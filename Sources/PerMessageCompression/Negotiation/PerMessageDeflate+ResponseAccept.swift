/// How a client accepts a server's `permessage-deflate` response, as Autobahn|Python's
/// `PerMessageDeflateResponseAccept`: the client's own compressor settings within what the
/// server allowed.
///
/// ```swift
/// let response = PerMessageDeflateResponse(clientMaxWindowBits: WindowBits(rawValue: 12))
/// let accept = try PerMessageDeflateResponseAccept(response: response, memoryLevel: .max)
/// let codec = try accept.makeCodec(role: .client)   // sends with a 4 KiB window
/// ```
public struct PerMessageDeflateResponseAccept: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-deflate`.
    public static let extensionName = PerMessageDeflateCodec.extensionName

    /// The response being accepted.
    public let response: PerMessageDeflateResponse
    /// Overrides whether the client keeps its window; `nil` follows the response.
    public let noContextTakeover: Bool?
    /// Overrides the client's window (at most what the server allowed); `nil` follows the response.
    public let windowBits: WindowBits?
    /// zlib's `memLevel` for the client's compressor; `nil` for 8 (local, not negotiated).
    public let memoryLevel: MemoryLevel?
    /// The most bytes a received message may decompress to; `nil` for no limit (local; not
    /// part of Autobahn's `__json__`, so not encoded).
    public let maxMessageSize: Int?

    /// Accepts `response`.
    /// - Parameters:
    ///   - response: The server's response.
    ///   - noContextTakeover: Override the client's context takeover.
    ///   - windowBits: Override the client's window (9...15, at most the server's limit).
    ///   - memoryLevel: zlib's `memLevel` for the client's compressor.
    ///   - maxMessageSize: The most bytes a received message may decompress to (0 or more).
    /// - Throws: ``NegotiationError/notAllowedByPeer(extension:parameter:value:reason:)`` for a
    ///   setting the server forbade; ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``
    ///   when the server limits the client to a window of 8, which zlib cannot compress with.
    public init(
        response: PerMessageDeflateResponse,
        noContextTakeover: Bool? = nil,
        windowBits: WindowBits? = nil,
        memoryLevel: MemoryLevel? = nil,
        maxMessageSize: Int? = nil
    ) throws(NegotiationError) {
        let name = Self.extensionName
        try NegotiationError.checkContextTakeover(noContextTakeover, peerRequested: response.clientNoContextTakeover, side: .client, extensionName: name)
        try DeflateWindowRules.checkOwnWindow(windowBits, limit: response.clientMaxWindowBits, side: .client)
        try NegotiationError.checkMessageSize(maxMessageSize, extensionName: name)
        self.response = response
        self.noContextTakeover = noContextTakeover
        self.windowBits = windowBits
        self.memoryLevel = memoryLevel
        self.maxMessageSize = maxMessageSize
    }

    /// Creates the codec, mapping parameters as Autobahn's `create_from_response_accept` does.
    /// - Parameters:
    ///   - role: Which end the codec serves; normally ``WebSocketRole/client``.
    ///   - compressionLevel: zlib's level for the compressor (local, not negotiated).
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when zlib refuses.
    public func makeCodec(role: WebSocketRole = .client, compressionLevel: CompressionLevel = .default) throws(NegotiationError) -> PerMessageDeflateCodec {
        try DeflateWindowRules.makeCodec(
            role: role,
            server: (response.serverMaxWindowBits ?? .max, response.serverNoContextTakeover),
            client: (windowBits ?? response.clientMaxWindowBits ?? .max, noContextTakeover ?? response.clientNoContextTakeover),
            memoryLevel: memoryLevel, compressionLevel: compressionLevel, maxMessageSize: maxMessageSize)
    }
}

extension PerMessageDeflateResponseAccept: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageDeflateResponseAccept"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "no_context_takeover": .bool(noContextTakeover),
            "window_bits": .rawOrNull(windowBits),
            "mem_level": .rawOrNull(memoryLevel),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.decode(PerMessageDeflateResponse.self, "response"),
            noContextTakeover: json.decodeIfPresent(Bool.self, "no_context_takeover"),
            windowBits: json.decodeRawIfPresent(WindowBits.self, "window_bits"),
            memoryLevel: json.decodeRawIfPresent(MemoryLevel.self, "mem_level"))
    }
}
