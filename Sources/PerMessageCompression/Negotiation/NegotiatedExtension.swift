/// The offer a server accepted, with everything needed to answer and to build its codec.
public enum AcceptedOffer: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-deflate`, with zlib's compression level for the server's compressor (local).
    case perMessageDeflate(PerMessageDeflateOfferAccept, compressionLevel: CompressionLevel)
    /// `permessage-bzip2`.
    case perMessageBzip2(PerMessageBzip2OfferAccept)
    /// `permessage-snappy`.
    case perMessageSnappy(PerMessageSnappyOfferAccept)

    /// The accept this case holds, for what every accept type has.
    private var accept: any AutobahnRepresentable {
        switch self {
        case .perMessageDeflate(let accept, _): accept
        case .perMessageBzip2(let accept): accept
        case .perMessageSnappy(let accept): accept
        }
    }

    /// The accepted extension's name.
    public var extensionName: String { type(of: accept).extensionName }

    /// The `Sec-WebSocket-Extensions` value the server answers with.
    public var extensionString: String {
        switch self {
        case .perMessageDeflate(let accept, _): return accept.extensionString
        case .perMessageBzip2(let accept): return accept.extensionString
        case .perMessageSnappy(let accept): return accept.extensionString
        }
    }

    /// Creates the server's codec for the accepted offer.
    /// - Parameter role: Which end the codec serves; ``WebSocketRole/server`` unless testing.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when the library refuses.
    public func makeCodec(role: WebSocketRole = .server) throws(NegotiationError) -> any PerMessageCodec {
        switch self {
        case .perMessageDeflate(let accept, let level): return try accept.makeCodec(role: role, compressionLevel: level)
        case .perMessageBzip2(let accept): return try accept.makeCodec(role: role)
        case .perMessageSnappy(let accept): return try accept.makeCodec(role: role)
        }
    }

    /// The accept's Autobahn-style description.
    public var description: String { accept.description }
}

/// The response a client accepted, with everything needed to build its codec.
public enum AcceptedResponse: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-deflate`, with zlib's compression level for the client's compressor (local).
    case perMessageDeflate(PerMessageDeflateResponseAccept, compressionLevel: CompressionLevel)
    /// `permessage-bzip2`.
    case perMessageBzip2(PerMessageBzip2ResponseAccept)
    /// `permessage-snappy`.
    case perMessageSnappy(PerMessageSnappyResponseAccept)

    /// The accept this case holds, for what every accept type has.
    private var accept: any AutobahnRepresentable {
        switch self {
        case .perMessageDeflate(let accept, _): accept
        case .perMessageBzip2(let accept): accept
        case .perMessageSnappy(let accept): accept
        }
    }

    /// The accepted extension's name.
    public var extensionName: String { type(of: accept).extensionName }

    /// Creates the client's codec for the accepted response.
    /// - Parameter role: Which end the codec serves; ``WebSocketRole/client`` unless testing.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError/codecUnavailable(extension:_:)`` when the library refuses.
    public func makeCodec(role: WebSocketRole = .client) throws(NegotiationError) -> any PerMessageCodec {
        switch self {
        case .perMessageDeflate(let accept, let level): return try accept.makeCodec(role: role, compressionLevel: level)
        case .perMessageBzip2(let accept): return try accept.makeCodec(role: role)
        case .perMessageSnappy(let accept): return try accept.makeCodec(role: role)
        }
    }

    /// The accept's Autobahn-style description.
    public var description: String { accept.description }
}

/// Creates a negotiated codec, reporting a refusal as ``NegotiationError/codecUnavailable(extension:_:)``.
func negotiatedCodec<Codec: PerMessageCodec>(_ make: () throws(CodecError) -> Codec) throws(NegotiationError) -> Codec {
    do {
        return try make()
    } catch {
        throw .codecUnavailable(extension: Codec.extensionName, error)
    }
}
