/// A client's `permessage-snappy` offer, as Autobahn|Python's `PerMessageSnappyOffer`.
///
/// ```swift
/// PerMessageSnappyOffer(requestNoContextTakeover: true).extensionString
/// // "permessage-snappy; client_no_context_takeover; server_no_context_takeover"
/// ```
public struct PerMessageSnappyOffer: Hashable, Sendable, CustomStringConvertible {
    /// `permessage-snappy`.
    public static let extensionName = PerMessageSnappyCodec.extensionName

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

    static let rules: [String: ParameterRule] = [
        "client_no_context_takeover": .flag,
        "server_no_context_takeover": .flag,
    ]

    /// Parses one `permessage-snappy` element of a client's header, with Autobahn's rules: each
    /// parameter at most once, both without a value, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The offer.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, extensionName: extensionName, rules: rules)
        return Self(
            acceptNoContextTakeover: parameters.contains("client_no_context_takeover"),
            requestNoContextTakeover: parameters.contains("server_no_context_takeover"))
    }

    /// The offer as a header element, in Autobahn's parameter order.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if acceptNoContextTakeover { parameters.append(.init("client_no_context_takeover")) }
        if requestNoContextTakeover { parameters.append(.init("server_no_context_takeover")) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the client sends: the same string as Autobahn's `get_extension_string()`.
    public var extensionString: String { element.description }
}

extension PerMessageSnappyOffer: Codable, AutobahnRepresentable {
    static let autobahnClassName = "PerMessageSnappyOffer"

    var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "accept_no_context_takeover": .bool(acceptNoContextTakeover),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
        ]
    }

    init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            acceptNoContextTakeover: json.decode(Bool.self, "accept_no_context_takeover"),
            requestNoContextTakeover: json.decode(Bool.self, "request_no_context_takeover"))
    }
}
