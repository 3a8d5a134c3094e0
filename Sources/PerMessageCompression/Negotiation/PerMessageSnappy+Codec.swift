/// How `permessage-snappy`'s server and client parameters become a codec's send and receive ones.
enum SnappyTakeoverRules {
    /// The codec for `role`: the server sends with the server's setting, the client with the client's.
    static func makeCodec(
        role: WebSocketRole, serverNoContextTakeover: Bool, clientNoContextTakeover: Bool, maxMessageSize: Int?
    ) throws(NegotiationError) -> PerMessageSnappyCodec {
        let (send, receive) = role.sendAndReceive(server: serverNoContextTakeover, client: clientNoContextTakeover)
        return try negotiatedCodec { () throws(CodecError) in
            try PerMessageSnappyCodec(.init(sendNoContextTakeover: send, receiveNoContextTakeover: receive, maxMessageSize: maxMessageSize))
        }
    }
}
