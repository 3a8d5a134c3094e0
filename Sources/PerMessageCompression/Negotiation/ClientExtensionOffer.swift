/// One extension offer a client sends, and how it accepts the server's response to it.
///
/// ```swift
/// let offers: [ClientExtensionOffer] = [
///     .perMessageDeflate(.init(requestMaxWindowBits: WindowBits(rawValue: 12)), maxMessageSize: 1 << 20),
///     .perMessageSnappy(),
/// ]
/// ```
public struct ClientExtensionOffer: Sendable {
    /// The offer as sent.
    public let element: WebSocketExtension
    let accept: @Sendable (WebSocketExtension) throws(NegotiationError) -> AcceptedResponse

    /// Offers `permessage-deflate`.
    ///
    /// The response must fit the offer: `client_max_window_bits` only if the offer allowed it,
    /// `server_max_window_bits` no larger than requested and present when requested,
    /// `server_no_context_takeover` when requested. A `client_max_window_bits=8` is refused with
    /// ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``.
    /// - Parameters:
    ///   - offer: What to offer.
    ///   - noContextTakeover: Drop the client's window between messages even if not asked (`nil`: as the server says).
    ///   - windowBits: The largest window the client compresses with, lowered to the server's limit.
    ///   - memoryLevel: zlib's `memLevel` for the client's compressor.
    ///   - compressionLevel: zlib's level for the client's compressor.
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The offer.
    public static func perMessageDeflate(
        _ offer: PerMessageDeflateOffer = .init(),
        noContextTakeover: Bool? = nil,
        windowBits: WindowBits? = nil,
        memoryLevel: MemoryLevel? = nil,
        compressionLevel: CompressionLevel = .default,
        maxMessageSize: Int? = nil
    ) -> Self {
        Self(element: offer.element) { element throws(NegotiationError) in
            let response = try PerMessageDeflateResponse.parse(element)
            try response.check(against: offer)
            let accept = try PerMessageDeflateResponseAccept(
                response: response,
                noContextTakeover: fitted(noContextTakeover, peerRequested: response.clientNoContextTakeover),
                windowBits: fitted(windowBits, to: response.clientMaxWindowBits),
                memoryLevel: memoryLevel,
                maxMessageSize: maxMessageSize)
            return .perMessageDeflate(accept, compressionLevel: compressionLevel)
        }
    }

    /// Offers `permessage-bzip2`.
    /// - Parameters:
    ///   - offer: What to offer.
    ///   - compressLevel: The client's level, lowered to the server's limit.
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The offer.
    public static func perMessageBzip2(
        _ offer: PerMessageBzip2Offer = .init(), compressLevel: Bzip2Level? = nil, maxMessageSize: Int? = nil
    ) -> Self {
        Self(element: offer.element) { element throws(NegotiationError) in
            let response = try PerMessageBzip2Response.parse(element)
            try response.check(against: offer)
            return .perMessageBzip2(
                try PerMessageBzip2ResponseAccept(
                    response: response, compressLevel: fitted(compressLevel, to: response.clientMaxCompressLevel),
                    maxMessageSize: maxMessageSize))
        }
    }

    /// Offers `permessage-snappy`.
    /// - Parameters:
    ///   - offer: What to offer.
    ///   - noContextTakeover: Start a new stream per sent message even if not asked (`nil`: as the server says).
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The offer.
    public static func perMessageSnappy(
        _ offer: PerMessageSnappyOffer = .init(), noContextTakeover: Bool? = nil, maxMessageSize: Int? = nil
    ) -> Self {
        Self(element: offer.element) { element throws(NegotiationError) in
            let response = try PerMessageSnappyResponse.parse(element)
            try response.check(against: offer)
            return .perMessageSnappy(
                try PerMessageSnappyResponseAccept(
                    response: response,
                    noContextTakeover: fitted(noContextTakeover, peerRequested: response.clientNoContextTakeover),
                    maxMessageSize: maxMessageSize))
        }
    }
}

extension PerMessageDeflateResponse {
    /// Throws when this response grants or sets something `offer` did not allow (RFC 7692 §7.1).
    func check(against offer: PerMessageDeflateOffer) throws(NegotiationError) {
        let name = Self.extensionName
        try NegotiationError.checkClientAllows(
            "client_max_window_bits", value: clientMaxWindowBits?.description, allowed: offer.acceptMaxWindowBits, extensionName: name,
            reason: "the client's offer did not include client_max_window_bits")
        try NegotiationError.checkClientAllows(
            "client_no_context_takeover", value: clientNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover, extensionName: name,
            reason: "the client's offer did not accept it")
        try checkServerHonours("server_max_window_bits", serverMaxWindowBits, requested: offer.requestMaxWindowBits, extensionName: name)
        try checkServerHonours("server_no_context_takeover", serverNoContextTakeover, requested: offer.requestNoContextTakeover, extensionName: name)
    }
}

extension PerMessageBzip2Response {
    /// Throws when this response grants or sets something `offer` did not allow.
    func check(against offer: PerMessageBzip2Offer) throws(NegotiationError) {
        let name = Self.extensionName
        try NegotiationError.checkClientAllows(
            "client_max_compress_level", value: clientMaxCompressLevel?.description, allowed: offer.acceptMaxCompressLevel, extensionName: name,
            reason: "the client's offer did not include client_max_compress_level")
        try checkServerHonours("server_max_compress_level", serverMaxCompressLevel, requested: offer.requestMaxCompressLevel, extensionName: name)
    }
}

extension PerMessageSnappyResponse {
    /// Throws when this response grants or sets something `offer` did not allow.
    func check(against offer: PerMessageSnappyOffer) throws(NegotiationError) {
        let name = Self.extensionName
        try NegotiationError.checkClientAllows(
            "client_no_context_takeover", value: clientNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover, extensionName: name,
            reason: "the client's offer did not include client_no_context_takeover")
        try checkServerHonours("server_no_context_takeover", serverNoContextTakeover, requested: offer.requestNoContextTakeover, extensionName: name)
    }
}

/// Throws when the client requested a server limit of at most `limit` and the response sets none or a larger one.
private func checkServerHonours<Value: Comparable & CustomStringConvertible>(
    _ parameter: String, _ value: Value?, requested limit: Value?, extensionName: String
) throws(NegotiationError) {
    guard let limit else { return }
    guard let value, value <= limit else {
        throw .notAllowedByPeer(extension: extensionName, parameter: parameter, value: value?.description ?? "absent", reason: "the client requested at most \(limit)")
    }
}

/// Throws when the client requested the server flag `parameter` and the response lacks it.
private func checkServerHonours(_ parameter: String, _ present: Bool, requested: Bool, extensionName: String) throws(NegotiationError) {
    if requested && !present {
        throw .notAllowedByPeer(extension: extensionName, parameter: parameter, value: "absent", reason: "the client requested it")
    }
}
