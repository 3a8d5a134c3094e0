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
