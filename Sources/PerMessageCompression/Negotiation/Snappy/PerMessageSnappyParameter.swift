/// The parameters of `permessage-snappy` (Autobahn|Python's), by their wire names.
public enum PerMessageSnappyParameter: String, ExtensionParameterName {
    /// `server_no_context_takeover`: the server starts a framing stream per message.
    case serverNoContextTakeover = "server_no_context_takeover"
    /// `client_no_context_takeover`: the client starts a framing stream per message.
    case clientNoContextTakeover = "client_no_context_takeover"
}

extension PerMessageSnappyCodec.Configuration {
    /// One end's configuration from the settings of both ends of a negotiated connection: the
    /// server sends with the server's setting, the client with the client's.
    /// - Throws: ``NegotiationError`` for a negative `maxMessageSize`.
    init(role: WebSocketRole, serverNoContextTakeover: Bool, clientNoContextTakeover: Bool, maxMessageSize: Int?) throws(NegotiationError) {
        let (send, receive) = role.sendAndReceive(server: serverNoContextTakeover, client: clientNoContextTakeover)
        self = try NegotiationError.configuring { () throws(ConfigurationError) in
            try Self(sendNoContextTakeover: send, receiveNoContextTakeover: receive, maxMessageSize: maxMessageSize)
        }
    }
}
