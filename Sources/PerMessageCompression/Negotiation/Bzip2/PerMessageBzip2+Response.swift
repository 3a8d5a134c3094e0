/// A server's `permessage-bzip2` response, as the client parses it; Autobahn|Python's
/// `PerMessageBzip2Response`.
///
/// ```swift
/// let element = try WebSocketExtension.parse(header: "permessage-bzip2; client_max_compress_level=3")[0]
/// try PerMessageBzip2Response.parse(element).clientMaxCompressLevel   // 3
/// ```
public struct PerMessageBzip2Response: Hashable, Sendable, Codable, CustomStringConvertible {
    /// ``CompressionExtension/bzip2``.
    public static let compressionExtension = CompressionExtension.bzip2

    /// The highest level the client may compress with; `nil` when the server set none (9).
    public var clientMaxCompressLevel: Bzip2Level?
    /// The highest level the server compresses with; `nil` when it said nothing.
    public var serverMaxCompressLevel: Bzip2Level?

    /// Creates a response.
    /// - Parameters:
    ///   - clientMaxCompressLevel: `client_max_compress_level=N`, or `nil`.
    ///   - serverMaxCompressLevel: `server_max_compress_level=N`, or `nil`.
    public init(clientMaxCompressLevel: Bzip2Level? = nil, serverMaxCompressLevel: Bzip2Level? = nil) {
        self.clientMaxCompressLevel = clientMaxCompressLevel
        self.serverMaxCompressLevel = serverMaxCompressLevel
    }

    static let responseRules: [PerMessageBzip2Parameter: ParameterRule] = [
        .clientMaxCompressLevel: .setting(Bzip2Level.self),
        .serverMaxCompressLevel: .setting(Bzip2Level.self),
    ]

    /// Parses the `permessage-bzip2` element of a server's response, with Autobahn's rules:
    /// each parameter at most once, both with a value 1...9, nothing else.
    /// - Parameter element: The extension element.
    /// - Returns: The response.
    /// - Throws: ``NegotiationError`` naming the parameter and value that broke a rule.
    public static func parse(_ element: WebSocketExtension) throws(NegotiationError) -> Self {
        let parameters = try ParsedParameters(element, of: compressionExtension, rules: responseRules)
        return Self(
            clientMaxCompressLevel: parameters.setting(.clientMaxCompressLevel),
            serverMaxCompressLevel: parameters.setting(.serverMaxCompressLevel))
    }

    /// The response as a header element, in the order Autobahn's server writes it.
    public var element: WebSocketExtension {
        var parameters: [WebSocketExtension.Parameter] = []
        if let serverMaxCompressLevel { parameters.append(.init(PerMessageBzip2Parameter.serverMaxCompressLevel, serverMaxCompressLevel)) }
        if let clientMaxCompressLevel { parameters.append(.init(PerMessageBzip2Parameter.clientMaxCompressLevel, clientMaxCompressLevel)) }
        return WebSocketExtension(name: Self.extensionName, parameters: parameters)
    }

    /// What the server sends.
    public var extensionString: String { element.description }

    /// The response as it is sent.
    public var description: String { extensionString }
}
