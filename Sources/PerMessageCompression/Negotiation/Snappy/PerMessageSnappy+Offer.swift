/// A client's `permessage-snappy` offer, as Autobahn|Python's `PerMessageSnappyOffer`.
///
/// ```swift
/// PerMessageSnappyOffer(requestNoContextTakeover: true).extensionString
/// // "permessage-snappy; client_no_context_takeover; server_no_context_takeover"
/// ```
public struct PerMessageSnappyOffer: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/snappy``.
    public static let compressionExtension = CompressionExtension.snappy

    /// Whether the client lets the server set `client_no_context_takeover` (the offer names it).
    public var acceptNoContextTakeover: Bool
    /// Whether the client asks the server to start a new snappy stream per message (`server_no_context_takeover`).
    public var requestNoContextTakeover: Bool

    /// Creates an offer; the defaults are Autobahn's.
    /// - Parameters:
    ///   - acceptNoContextTakeover: Send `client_no_context_takeover`.
    ///   - requestNoContextTakeover: Send `server_no_context_takeover`.
    public init(acceptNoContextTakeover: Bool = true, requestNoContextTakeover: Bool = false) {
        self.acceptNoContextTakeover = acceptNoContextTakeover
        self.requestNoContextTakeover = requestNoContextTakeover
    }

    static let rules: [PerMessageSnappyParameter: ParameterRule] = [
        .clientNoContextTakeover: .flag,
        .serverNoContextTakeover: .flag,
    ]

    /// Parses one `permessage-snappy` element of a client's header, with Autobahn's rules: each
    /// parameter at most once, both without a value, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The offer.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: rules)
        return Self(
            acceptNoContextTakeover: parameters.contains(.clientNoContextTakeover),
            requestNoContextTakeover: parameters.contains(.serverNoContextTakeover))
    }

    /// The offer as a header element, in Autobahn's parameter order.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if acceptNoContextTakeover { parameters.append(.init(PerMessageSnappyParameter.clientNoContextTakeover)) }
        if requestNoContextTakeover { parameters.append(.init(PerMessageSnappyParameter.serverNoContextTakeover)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the client sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { element.description }

    /// The offer as it is sent.
    public var description: String { extensionString }
}
