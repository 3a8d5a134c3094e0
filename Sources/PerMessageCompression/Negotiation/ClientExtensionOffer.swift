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
    let accept: @Sendable (WebSocketExtension) throws(NegotiationError) -> NegotiatedCompression

    /// Parses the response with `parse`, checks it against the offer with `check`, and accepts
    /// it with `accept`: the one path every extension shares.
    private static func make<Response, Accept: CompressionAccept>(
        _ element: WebSocketExtension,
        parse: @escaping @Sendable (WebSocketExtension) throws(NegotiationError) -> Response,
        check: @escaping @Sendable (Response) throws(NegotiationError) -> Void,
        accept: @escaping @Sendable (Response) throws(NegotiationError) -> Accept
    ) -> Self {
        Self(element: element) { element throws(NegotiationError) in
            let response = try parse(element)
            try check(response)
            return try accept(response).negotiated()
        }
    }

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
        make(offer.element, parse: PerMessageDeflateResponse.parse, check: { response throws(NegotiationError) in try response.check(against: offer) }) {
            response throws(NegotiationError) in
            try PerMessageDeflateResponseAccept(
                response: response,
                noContextTakeover: fitted(noContextTakeover, peerRequested: response.clientNoContextTakeover),
                windowBits: fitted(windowBits, to: response.clientMaxWindowBits),
                memoryLevel: memoryLevel, compressionLevel: compressionLevel, maxMessageSize: maxMessageSize)
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
        make(offer.element, parse: PerMessageBzip2Response.parse, check: { response throws(NegotiationError) in try response.check(against: offer) }) {
            response throws(NegotiationError) in
            try PerMessageBzip2ResponseAccept(
                response: response, compressLevel: fitted(compressLevel, to: response.clientMaxCompressLevel), maxMessageSize: maxMessageSize)
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
        make(offer.element, parse: PerMessageSnappyResponse.parse, check: { response throws(NegotiationError) in try response.check(against: offer) }) {
            response throws(NegotiationError) in
            try PerMessageSnappyResponseAccept(
                response: response,
                noContextTakeover: fitted(noContextTakeover, peerRequested: response.clientNoContextTakeover),
                maxMessageSize: maxMessageSize)
        }
    }
}

extension ClientExtensionOffer {
    /// The offer a header element makes, with the library's defaults for the client's own
    /// settings: for replaying a client's `Sec-WebSocket-Extensions` header.
    /// - Parameter element: One element of a client's header.
    /// - Returns: The offer, or `nil` for an extension this package does not implement.
    /// - Throws: ``NegotiationError`` when the element breaks its extension's rules.
    public static func offering(_ element: WebSocketExtension) throws(NegotiationError) -> Self? {
        switch CompressionExtension(extensionName: element.name) {
        case .deflate: .perMessageDeflate(try .parse(element))
        case .bzip2: .perMessageBzip2(try .parse(element))
        case .snappy: .perMessageSnappy(try .parse(element))
        case nil: nil
        }
    }
}

extension PerMessageDeflateResponse {
    /// Throws when this response grants or sets something `offer` did not allow (RFC 7692 §7.1).
    func check(against offer: PerMessageDeflateOffer) throws(NegotiationError) {
        let deflate = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageDeflateParameter.clientMaxWindowBits, value: clientMaxWindowBits?.description, allowed: offer.acceptMaxWindowBits,
            of: deflate, reason: "the client's offer did not include client_max_window_bits")
        try NegotiationError.checkClientAllows(
            PerMessageDeflateParameter.clientNoContextTakeover, value: clientNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover,
            of: deflate, reason: "the client's offer did not accept it")
        try checkServerHonours(PerMessageDeflateParameter.serverMaxWindowBits, serverMaxWindowBits, requested: offer.requestMaxWindowBits, of: deflate)
        try checkServerHonours(PerMessageDeflateParameter.serverNoContextTakeover, serverNoContextTakeover, requested: offer.requestNoContextTakeover, of: deflate)
    }
}

extension PerMessageBzip2Response {
    /// Throws when this response grants or sets something `offer` did not allow.
    func check(against offer: PerMessageBzip2Offer) throws(NegotiationError) {
        let bzip2 = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageBzip2Parameter.clientMaxCompressLevel, value: clientMaxCompressLevel?.description, allowed: offer.acceptMaxCompressLevel,
            of: bzip2, reason: "the client's offer did not include client_max_compress_level")
        try checkServerHonours(PerMessageBzip2Parameter.serverMaxCompressLevel, serverMaxCompressLevel, requested: offer.requestMaxCompressLevel, of: bzip2)
    }
}

extension PerMessageSnappyResponse {
    /// Throws when this response grants or sets something `offer` did not allow.
    func check(against offer: PerMessageSnappyOffer) throws(NegotiationError) {
        let snappy = Self.compressionExtension
        try NegotiationError.checkClientAllows(
            PerMessageSnappyParameter.clientNoContextTakeover, value: clientNoContextTakeover ? "true" : nil, allowed: offer.acceptNoContextTakeover,
            of: snappy, reason: "the client's offer did not include client_no_context_takeover")
        try checkServerHonours(PerMessageSnappyParameter.serverNoContextTakeover, serverNoContextTakeover, requested: offer.requestNoContextTakeover, of: snappy)
    }
}

/// Throws when the client requested a server limit of at most `limit` and the response sets none or a larger one.
private func checkServerHonours<Value: Comparable & CustomStringConvertible>(
    _ parameter: some ExtensionParameterName, _ value: Value?, requested limit: Value?, of compressionExtension: CompressionExtension
) throws(NegotiationError) {
    guard let limit else { return }
    guard let value, value <= limit else {
        throw .notAllowedByPeer(
            extension: compressionExtension.extensionName, parameter: parameter.rawValue, value: value?.description ?? "absent",
            reason: "the client requested at most \(limit)")
    }
}

/// Throws when the client requested the server flag `parameter` and the response lacks it.
private func checkServerHonours(
    _ parameter: some ExtensionParameterName, _ present: Bool, requested: Bool, of compressionExtension: CompressionExtension
) throws(NegotiationError) {
    if requested && !present {
        throw .notAllowedByPeer(extension: compressionExtension.extensionName, parameter: parameter.rawValue, value: "absent", reason: "the client requested it")
    }
}
