/// A server's `permessage-snappy` response, as the client parses it; Autobahn|Python's
/// `PerMessageSnappyResponse`.
///
/// ```swift
/// let element = try WebSocketExtension.parse(header: "permessage-snappy; client_no_context_takeover")[0]
/// try PerMessageSnappyResponse.parse(element).clientNoContextTakeover   // true
/// ```
public struct PerMessageSnappyResponse: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/snappy``.
    public static let compressionExtension = CompressionExtension.snappy

    /// Whether the client must start a new snappy stream per message.
    public var clientNoContextTakeover: Bool
    /// Whether the server starts a new snappy stream per message.
    public var serverNoContextTakeover: Bool

    /// Creates a response.
    /// - Parameters:
    ///   - clientNoContextTakeover: `client_no_context_takeover`.
    ///   - serverNoContextTakeover: `server_no_context_takeover`.
    public init(clientNoContextTakeover: Bool = false, serverNoContextTakeover: Bool = false) {
        self.clientNoContextTakeover = clientNoContextTakeover
        self.serverNoContextTakeover = serverNoContextTakeover
    }

    /// Parses the `permessage-snappy` element of a server's response, with Autobahn's rules:
    /// each parameter at most once, both without a value, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The response.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: PerMessageSnappyOffer.rules)
        return Self(
            clientNoContextTakeover: parameters.contains(.clientNoContextTakeover),
            serverNoContextTakeover: parameters.contains(.serverNoContextTakeover))
    }

    /// The response as a header element, in the order Autobahn's server writes it.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if serverNoContextTakeover { parameters.append(.init(PerMessageSnappyParameter.serverNoContextTakeover)) }
        if clientNoContextTakeover { parameters.append(.init(PerMessageSnappyParameter.clientNoContextTakeover)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the server sends.
    public var extensionString: String { element.description }

    /// The response as it is sent.
    public var description: String { extensionString }
}
