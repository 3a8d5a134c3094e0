/// One extension a server is willing to accept, and how it accepts an offer of it.
///
/// Build one with the static factories: either give the settings you want and let the policy
/// fit them to each offer (request only what the offer allows, never exceed what it requested),
/// or pass a closure that turns an offer into an accept, or `nil` to decline it.
///
/// ```swift
/// let policies: [ServerExtensionPolicy] = [
///     .perMessageDeflate(requestMaxWindowBits: WindowBits(rawValue: 12), maxMessageSize: 1 << 20),
///     .perMessageSnappy(),
/// ]
/// ```
public struct ServerExtensionPolicy: Sendable {
    /// What happened to one offer.
    enum Outcome {
        case accepted(NegotiatedCompression)
        /// The offer broke the extension's rules.
        case invalid(NegotiationError)
        /// The offer was valid but could not be accepted; `nil` when the policy declined it.
        case declined(NegotiationError?)
    }

    /// The extension this policy accepts.
    public let extensionName: String
    let evaluate: @Sendable (WebSocketExtension) -> Outcome

    /// Parses with `parse`, accepts with `accept`: the one path every extension shares.
    private static func make<Offer, Accept: CompressionAccept>(
        parse: @escaping @Sendable (WebSocketExtension) throws(NegotiationError) -> Offer,
        accept: @escaping @Sendable (Offer) throws(NegotiationError) -> Accept?
    ) -> Self {
        Self(extensionName: Accept.extensionName) { element in
            let offer: Offer
            do throws(NegotiationError) { offer = try parse(element) } catch { return .invalid(error) }
            do throws(NegotiationError) {
                guard let accepted = try accept(offer) else { return .declined(nil) }
                return .accepted(try accepted.negotiated())
            } catch {
                return .declined(error)
            }
        }
    }

    /// Accepts `permessage-deflate` offers through `accept`.
    /// - Parameter accept: Returns the accept for an offer, `nil` to decline it, or throws to decline with a reason.
    /// - Returns: The policy.
    public static func perMessageDeflate(
        accepting accept: @escaping @Sendable (PerMessageDeflateOffer) throws(NegotiationError) -> PerMessageDeflateOfferAccept?
    ) -> Self {
        make(parse: PerMessageDeflateOffer.parse, accept: accept)
    }

    /// Accepts `permessage-deflate` offers with these settings, fitted to each offer.
    ///
    /// Requests are made only where the offer allows them; the server's window is the smaller
    /// of `windowBits` and the offer's `server_max_window_bits`; an offer that would bind the
    /// server to a window of 8 is declined with ``NegotiationError/unsupportedByCompressor(extension:parameter:value:reason:)``.
    /// - Parameters:
    ///   - requestNoContextTakeover: Ask clients for `client_no_context_takeover`.
    ///   - requestMaxWindowBits: Ask clients for `client_max_window_bits=N` (9...15).
    ///   - noContextTakeover: Drop the server's own window between messages (`nil`: as the offer asks).
    ///   - windowBits: The largest window the server compresses with (9...15).
    ///   - memoryLevel: zlib's `memLevel` for the server's compressor.
    ///   - compressionLevel: zlib's level for the server's compressor.
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The policy.
    public static func perMessageDeflate(
        requestNoContextTakeover: Bool = false,
        requestMaxWindowBits: WindowBits? = nil,
        noContextTakeover: Bool? = nil,
        windowBits: WindowBits? = nil,
        memoryLevel: MemoryLevel? = nil,
        compressionLevel: CompressionLevel = .default,
        maxMessageSize: Int? = nil
    ) -> Self {
        perMessageDeflate { offer throws(NegotiationError) in
            try PerMessageDeflateOfferAccept(
                offer: offer,
                requestNoContextTakeover: requestNoContextTakeover && offer.acceptNoContextTakeover,
                requestMaxWindowBits: offer.acceptMaxWindowBits ? requestMaxWindowBits : nil,
                noContextTakeover: fitted(noContextTakeover, peerRequested: offer.requestNoContextTakeover),
                windowBits: fitted(windowBits, to: offer.requestMaxWindowBits),
                memoryLevel: memoryLevel,
                compressionLevel: compressionLevel,
                maxMessageSize: maxMessageSize)
        }
    }

    /// Accepts `permessage-bzip2` offers through `accept`.
    /// - Parameter accept: Returns the accept for an offer, `nil` to decline it, or throws to decline with a reason.
    /// - Returns: The policy.
    public static func perMessageBzip2(
        accepting accept: @escaping @Sendable (PerMessageBzip2Offer) throws(NegotiationError) -> PerMessageBzip2OfferAccept?
    ) -> Self {
        make(parse: PerMessageBzip2Offer.parse, accept: accept)
    }

    /// Accepts `permessage-bzip2` offers with these settings, fitted to each offer.
    /// - Parameters:
    ///   - requestMaxCompressLevel: Ask clients for `client_max_compress_level=N` where the offer allows it.
    ///   - compressLevel: The server's level, lowered to the offer's `server_max_compress_level`.
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The policy.
    public static func perMessageBzip2(
        requestMaxCompressLevel: Bzip2Level? = nil, compressLevel: Bzip2Level? = nil, maxMessageSize: Int? = nil
    ) -> Self {
        perMessageBzip2 { offer throws(NegotiationError) in
            try PerMessageBzip2OfferAccept(
                offer: offer,
                requestMaxCompressLevel: offer.acceptMaxCompressLevel ? requestMaxCompressLevel : nil,
                compressLevel: fitted(compressLevel, to: offer.requestMaxCompressLevel),
                maxMessageSize: maxMessageSize)
        }
    }

    /// Accepts `permessage-snappy` offers through `accept`.
    /// - Parameter accept: Returns the accept for an offer, `nil` to decline it, or throws to decline with a reason.
    /// - Returns: The policy.
    public static func perMessageSnappy(
        accepting accept: @escaping @Sendable (PerMessageSnappyOffer) throws(NegotiationError) -> PerMessageSnappyOfferAccept?
    ) -> Self {
        make(parse: PerMessageSnappyOffer.parse, accept: accept)
    }

    /// Accepts `permessage-snappy` offers with these settings, fitted to each offer.
    /// - Parameters:
    ///   - requestNoContextTakeover: Ask clients for `client_no_context_takeover` where the offer allows it.
    ///   - noContextTakeover: Start a new stream per sent message (`nil`: as the offer asks).
    ///   - maxMessageSize: The most bytes a received message may decompress to.
    /// - Returns: The policy.
    public static func perMessageSnappy(
        requestNoContextTakeover: Bool = false, noContextTakeover: Bool? = nil, maxMessageSize: Int? = nil
    ) -> Self {
        perMessageSnappy { offer throws(NegotiationError) in
            try PerMessageSnappyOfferAccept(
                offer: offer,
                requestNoContextTakeover: requestNoContextTakeover && offer.acceptNoContextTakeover,
                noContextTakeover: fitted(noContextTakeover, peerRequested: offer.requestNoContextTakeover),
                maxMessageSize: maxMessageSize)
        }
    }
}

/// A local preference lowered to the peer's limit; `nil` (follow the peer) without a preference.
func fitted<T: Comparable>(_ preference: T?, to limit: T?) -> T? {
    guard let preference else { return nil }
    guard let limit else { return preference }
    return min(preference, limit)
}

/// A local context-takeover override fitted to the peer: keeping context (`false`) where the
/// peer asked for `*_no_context_takeover` becomes `nil` (follow the peer).
func fitted(_ noContextTakeover: Bool?, peerRequested: Bool) -> Bool? {
    peerRequested && noContextTakeover == false ? nil : noContextTakeover
}
