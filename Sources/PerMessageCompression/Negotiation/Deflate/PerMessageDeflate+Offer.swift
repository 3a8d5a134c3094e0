/// A client's `permessage-deflate` offer (RFC 7692 §7.1), as Autobahn|Python's
/// `PerMessageDeflateOffer`.
///
/// ```swift
/// let offer = PerMessageDeflateOffer(requestMaxWindowBits: WindowBits(rawValue: 12))
/// offer.extensionString
/// // "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=12"
/// let parsed = try PerMessageDeflateOffer.parse(WebSocketExtension.parse(header: offer.extensionString)[0])
/// ```
public struct PerMessageDeflateOffer: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/deflate``.
    public static let compressionExtension = CompressionExtension.deflate

    /// Whether the client lets the server set `client_no_context_takeover`. RFC 7692
    /// §7.1.1.2 lets a server do so whether or not the offer names it, so parsing always sets this.
    public var acceptNoContextTakeover: Bool
    /// Whether the client lets the server set `client_max_window_bits` (the offer names it).
    public var acceptMaxWindowBits: Bool
    /// Whether the client asks the server not to keep its window between messages (`server_no_context_takeover`).
    public var requestNoContextTakeover: Bool
    /// The largest window the client lets the server compress with (`server_max_window_bits`);
    /// `nil` when not requested. 8 is valid on the wire, but a zlib server must decline it.
    public var requestMaxWindowBits: WindowBits?

    /// Creates an offer; the defaults are Autobahn's.
    /// - Parameters:
    ///   - acceptNoContextTakeover: Send `client_no_context_takeover`.
    ///   - acceptMaxWindowBits: Send `client_max_window_bits` (without a value).
    ///   - requestNoContextTakeover: Send `server_no_context_takeover`.
    ///   - requestMaxWindowBits: Send `server_max_window_bits=N`.
    public init(
        acceptNoContextTakeover: Bool = true,
        acceptMaxWindowBits: Bool = true,
        requestNoContextTakeover: Bool = false,
        requestMaxWindowBits: WindowBits? = nil
    ) {
        self.acceptNoContextTakeover = acceptNoContextTakeover
        self.acceptMaxWindowBits = acceptMaxWindowBits
        self.requestNoContextTakeover = requestNoContextTakeover
        self.requestMaxWindowBits = requestMaxWindowBits
    }

    static let offerRules: [PerMessageDeflateParameter: ParameterRule] = [
        .clientMaxWindowBits: .optionalSetting(WindowBits.self),
        .clientNoContextTakeover: .flag,
        .serverMaxWindowBits: .setting(WindowBits.self),
        .serverNoContextTakeover: .flag,
    ]

    /// Parses one `permessage-deflate` element of a client's header, with Autobahn's rules.
    ///
    /// Each parameter at most once; `client_max_window_bits` with or without a value 8...15
    /// (the value is a hint and is dropped, as Autobahn does); `server_max_window_bits` with a
    /// value 8...15; the `*_no_context_takeover` parameters without a value. Unlike Autobahn,
    /// a window of 8 parses (RFC 7692 allows it; the server declines it when accepting), and a
    /// number with a leading zero or sign is refused (RFC 7692 §7.1.2).
    /// - Parameter element: The extension element.
    /// - Returns: The offer.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: offerRules)
        return Self(
            acceptNoContextTakeover: true,
            acceptMaxWindowBits: parameters.contains(.clientMaxWindowBits),
            requestNoContextTakeover: parameters.contains(.serverNoContextTakeover),
            requestMaxWindowBits: parameters.setting(.serverMaxWindowBits)
        )
    }

    /// The offer as a header element, in Autobahn's parameter order.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if acceptNoContextTakeover { parameters.append(.init(PerMessageDeflateParameter.clientNoContextTakeover)) }
        if acceptMaxWindowBits { parameters.append(.init(PerMessageDeflateParameter.clientMaxWindowBits)) }
        if requestNoContextTakeover { parameters.append(.init(PerMessageDeflateParameter.serverNoContextTakeover)) }
        if let requestMaxWindowBits { parameters.append(.init(PerMessageDeflateParameter.serverMaxWindowBits, requestMaxWindowBits)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the client sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { element.description }

    /// The offer as the client sends it.
    public var description: String { extensionString }
}
