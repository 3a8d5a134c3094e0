/// A client's `permessage-bzip2` offer, as Autobahn|Python's `PerMessageBzip2Offer`.
///
/// ```swift
/// let offer = PerMessageBzip2Offer(requestMaxCompressLevel: Bzip2Level(rawValue: 5))
/// offer.extensionString   // "permessage-bzip2; client_max_compress_level; server_max_compress_level=5"
/// ```
public struct PerMessageBzip2Offer: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/bzip2``.
    public static let compressionExtension = CompressionExtension.bzip2

    /// Whether the client lets the server limit its compression level (`client_max_compress_level`).
    public var acceptMaxCompressLevel: Bool
    /// The highest level the client lets the server compress with (`server_max_compress_level=N`); `nil` for none.
    public var requestMaxCompressLevel: Bzip2Level?

    /// Creates an offer; the defaults are Autobahn's.
    /// - Parameters:
    ///   - acceptMaxCompressLevel: Send `client_max_compress_level`.
    ///   - requestMaxCompressLevel: Send `server_max_compress_level=N`.
    public init(acceptMaxCompressLevel: Bool = true, requestMaxCompressLevel: Bzip2Level? = nil) {
        self.acceptMaxCompressLevel = acceptMaxCompressLevel
        self.requestMaxCompressLevel = requestMaxCompressLevel
    }

    static let offerRules: [PerMessageBzip2Parameter: ParameterRule] = [
        .clientMaxCompressLevel: .flag,
        .serverMaxCompressLevel: .setting(Bzip2Level.self),
    ]

    /// Parses one `permessage-bzip2` element of a client's header, with Autobahn's rules: each
    /// parameter at most once, `client_max_compress_level` without a value,
    /// `server_max_compress_level` with a value 1...9, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The offer.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: offerRules)
        return Self(
            acceptMaxCompressLevel: parameters.contains(.clientMaxCompressLevel),
            requestMaxCompressLevel: parameters.setting(.serverMaxCompressLevel))
    }

    /// The offer as a header element, in Autobahn's parameter order.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if acceptMaxCompressLevel { parameters.append(.init(PerMessageBzip2Parameter.clientMaxCompressLevel)) }
        if let requestMaxCompressLevel { parameters.append(.init(PerMessageBzip2Parameter.serverMaxCompressLevel, requestMaxCompressLevel)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the client sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { element.description }

    /// The offer as it is sent.
    public var description: String { extensionString }
}
