/// A server's `permessage-deflate` response (RFC 7692 §7.1), as the client parses it; Autobahn|Python's
/// `PerMessageDeflateResponse`.
///
/// ```swift
/// let element = try WebSocketExtension.parse(header: "permessage-deflate; server_max_window_bits=10")[0]
/// let response = try PerMessageDeflateResponse.parse(element)
/// response.serverMaxWindowBits           // 10
/// ```
public struct PerMessageDeflateResponse: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/deflate``.
    public static let compressionExtension = CompressionExtension.deflate

    /// The largest window the client may compress with; `nil` when the server set none.
    public var clientMaxWindowBits: WindowBits?
    /// Whether the client must start every message with an empty window.
    public var clientNoContextTakeover: Bool
    /// The largest window the server compresses with; `nil` when it said nothing (15). 8 is
    /// accepted: the client only decompresses that direction.
    public var serverMaxWindowBits: WindowBits?
    /// Whether the server starts every message with an empty window.
    public var serverNoContextTakeover: Bool

    /// Creates a response.
    /// - Parameters:
    ///   - clientMaxWindowBits: `client_max_window_bits=N`, or `nil`.
    ///   - clientNoContextTakeover: `client_no_context_takeover`.
    ///   - serverMaxWindowBits: `server_max_window_bits=N`, or `nil`.
    ///   - serverNoContextTakeover: `server_no_context_takeover`.
    public init(
        clientMaxWindowBits: WindowBits? = nil,
        clientNoContextTakeover: Bool = false,
        serverMaxWindowBits: WindowBits? = nil,
        serverNoContextTakeover: Bool = false
    ) {
        self.clientMaxWindowBits = clientMaxWindowBits
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverMaxWindowBits = serverMaxWindowBits
        self.serverNoContextTakeover = serverNoContextTakeover
    }

    static let responseRules: [PerMessageDeflateParameter: ParameterRule] = [
        .clientMaxWindowBits: .setting(WindowBits.self),
        .clientNoContextTakeover: .flag,
        .serverMaxWindowBits: .setting(WindowBits.self),
        .serverNoContextTakeover: .flag,
    ]

    /// Parses the `permessage-deflate` element of a server's response, with Autobahn's rules:
    /// each parameter at most once, both window parameters with a value 8...15 (Autobahn: 9...15;
    /// a `client_max_window_bits=8` is refused when accepting), the `*_no_context_takeover`
    /// parameters without a value, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The response.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: responseRules)
        return Self(
            clientMaxWindowBits: parameters.setting(.clientMaxWindowBits),
            clientNoContextTakeover: parameters.contains(.clientNoContextTakeover),
            serverMaxWindowBits: parameters.setting(.serverMaxWindowBits),
            serverNoContextTakeover: parameters.contains(.serverNoContextTakeover))
    }

    /// The response as a header element, in the order Autobahn's server writes it.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if serverNoContextTakeover { parameters.append(.init(PerMessageDeflateParameter.serverNoContextTakeover)) }
        if let serverMaxWindowBits { parameters.append(.init(PerMessageDeflateParameter.serverMaxWindowBits, serverMaxWindowBits)) }
        if clientNoContextTakeover { parameters.append(.init(PerMessageDeflateParameter.clientNoContextTakeover)) }
        if let clientMaxWindowBits { parameters.append(.init(PerMessageDeflateParameter.clientMaxWindowBits, clientMaxWindowBits)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the server sends.
    public var extensionString: String { element.description }

    /// The response as the server sends it.
    public var description: String { extensionString }
}
