/// Which end of the WebSocket connection a codec serves; it decides whether the `server_*`
/// or the `client_*` parameters govern what the codec sends.
public enum WebSocketRole: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// The server: sends with the `server_*` parameters, receives with the `client_*` ones.
    case server
    /// The client: sends with the `client_*` parameters, receives with the `server_*` ones.
    case client

    /// `server` or `client`.
    public var description: String { rawValue }
}

extension WebSocketRole {
    /// The other end of the connection.
    var peer: WebSocketRole { self == .server ? .client : .server }

    /// This end's settings from the server's and the client's: it sends with its own and receives with its peer's.
    func sendAndReceive<Setting>(server: Setting, client: Setting) -> (send: Setting, receive: Setting) {
        self == .server ? (server, client) : (client, server)
    }
}
