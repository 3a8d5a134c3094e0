/// The parameters of `permessage-bzip2` (Autobahn|Python's), by their wire names.
public enum PerMessageBzip2Parameter: String, ExtensionParameterName {
    /// `server_max_compress_level`: the highest level the server compresses with.
    case serverMaxCompressLevel = "server_max_compress_level"
    /// `client_max_compress_level`: the highest level the client compresses with.
    case clientMaxCompressLevel = "client_max_compress_level"
}

extension PerMessageBzip2Codec.Configuration {
    /// One end's configuration from the levels of both ends of a negotiated connection: the
    /// server compresses with `server`, the client with `client`.
    /// - Throws: ``NegotiationError`` for a negative `maxMessageSize`.
    init(role: WebSocketRole, server: Bzip2Level, client: Bzip2Level, maxMessageSize: Int?) throws(NegotiationError) {
        let sendLevel = role.sendAndReceive(server: server, client: client).send
        self = try NegotiationError.configuring { () throws(ConfigurationError) in try Self(sendLevel: sendLevel, maxMessageSize: maxMessageSize) }
    }
}
