/// The `permessage-deflate` rules shared by the four negotiation types: which windows our
/// compressor can take, and how server/client parameters become a codec's send/receive ones.
enum DeflateWindowRules {
    /// Throws when `windowBits` would bind our compressor to a window zlib refuses (8).
    static func checkCompressible(_ windowBits: WindowBits, parameter: String) throws(NegotiationError) {
        guard WindowBits.compressible.contains(windowBits.rawValue) else {
            throw .unsupportedByCompressor(
                extension: PerMessageDeflateCodec.extensionName, parameter: parameter, value: windowBits.description,
                reason: "zlib (1.2.9 and later) cannot compress raw deflate with a window of 8 bits; declining")
        }
    }

    /// Throws when `side` would compress with a window zlib refuses (its own `windowBits`, else
    /// the peer's `limit`), or when `windowBits` exceeds the `limit` the peer requested.
    static func checkOwnWindow(_ windowBits: WindowBits?, limit: WindowBits?, side: WebSocketRole) throws(NegotiationError) {
        if let windowBits {
            try checkCompressible(windowBits, parameter: "window_bits")
        } else if let limit {
            try checkCompressible(limit, parameter: "\(side)_max_window_bits")
        }
        try NegotiationError.checkAtMost(windowBits, limit: limit, parameter: "window_bits", side: side, extensionName: PerMessageDeflateCodec.extensionName)
    }

    /// The codec for `role`: the server sends with `server` and receives with `client`; the client the reverse.
    static func makeCodec(
        role: WebSocketRole,
        server: (windowBits: WindowBits, noContextTakeover: Bool),
        client: (windowBits: WindowBits, noContextTakeover: Bool),
        memoryLevel: MemoryLevel?, compressionLevel: CompressionLevel, maxMessageSize: Int?
    ) throws(NegotiationError) -> PerMessageDeflateCodec {
        let (send, receive) = role.sendAndReceive(server: server, client: client)
        let configuration = PerMessageDeflateCodec.Configuration(
            sendWindowBits: send.windowBits, sendNoContextTakeover: send.noContextTakeover,
            memoryLevel: memoryLevel ?? .default, compressionLevel: compressionLevel,
            receiveWindowBits: receive.windowBits, receiveNoContextTakeover: receive.noContextTakeover,
            maxMessageSize: maxMessageSize)
        return try negotiatedCodec { () throws(CodecError) in try PerMessageDeflateCodec(configuration) }
    }
}
