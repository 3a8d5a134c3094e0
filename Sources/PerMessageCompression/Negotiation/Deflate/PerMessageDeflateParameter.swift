/// The parameters of `permessage-deflate` (RFC 7692 §7.1), by their wire names.
public enum PerMessageDeflateParameter: String, ExtensionParameterName {
    /// `server_no_context_takeover`: the server starts every message with an empty window.
    case serverNoContextTakeover = "server_no_context_takeover"
    /// `client_no_context_takeover`: the client starts every message with an empty window.
    case clientNoContextTakeover = "client_no_context_takeover"
    /// `server_max_window_bits`: the largest window the server compresses with.
    case serverMaxWindowBits = "server_max_window_bits"
    /// `client_max_window_bits`: the largest window the client compresses with.
    case clientMaxWindowBits = "client_max_window_bits"
}

extension PerMessageDeflateCodec.Configuration {
    /// One end's configuration from the settings of both ends of a negotiated connection: the
    /// server sends with `server` and receives with `client`, the client the reverse.
    /// - Parameters:
    ///   - role: The end.
    ///   - server: The server's window and context takeover.
    ///   - client: The client's window and context takeover.
    ///   - memoryLevel: zlib's `memLevel` for this end's compressor (local).
    ///   - compressionLevel: zlib's level for this end's compressor (local).
    ///   - maxMessageSize: This end's limit on received messages (local).
    ///   - windowParameter: What to call this end's window in an error.
    /// - Throws: ``NegotiationError`` when this end would compress with a window of 8 or the
    ///   limit is negative.
    init(
        role: WebSocketRole, server: (windowBits: WindowBits, noContextTakeover: Bool), client: (windowBits: WindowBits, noContextTakeover: Bool),
        memoryLevel: MemoryLevel?, compressionLevel: CompressionLevel, maxMessageSize: Int?, windowParameter: String
    ) throws(NegotiationError) {
        let (send, receive) = role.sendAndReceive(server: server, client: client)
        self = try NegotiationError.configuring(windowParameter: windowParameter) { () throws(ConfigurationError) in
            try Self(
                sendWindowBits: send.windowBits, sendNoContextTakeover: send.noContextTakeover,
                memoryLevel: memoryLevel ?? .default, compressionLevel: compressionLevel,
                receiveWindowBits: receive.windowBits, receiveNoContextTakeover: receive.noContextTakeover,
                maxMessageSize: maxMessageSize)
        }
    }
}
