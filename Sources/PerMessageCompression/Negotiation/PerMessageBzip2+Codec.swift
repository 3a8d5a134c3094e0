/// How `permessage-bzip2`'s server and client levels become a codec's send level.
enum Bzip2LevelRules {
    /// The codec for `role`: the server compresses with `server`, the client with `client`.
    static func makeCodec(role: WebSocketRole, server: Bzip2Level, client: Bzip2Level, maxMessageSize: Int?) throws(NegotiationError) -> PerMessageBzip2Codec {
        try negotiatedCodec { () throws(CodecError) in
            try PerMessageBzip2Codec(.init(sendLevel: role.sendAndReceive(server: server, client: client).send, maxMessageSize: maxMessageSize))
        }
    }
}
