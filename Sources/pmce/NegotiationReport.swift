import PerMessageCompression

/// What `pmce negotiate` prints: offers, the server's answer and codecs, in JSON.
struct NegotiationReport: Encodable {
    let offers: [WebSocketExtension]
    let server: ServerNegotiation
    var serverCodec: CodecParameters?
    var clientAccept: AcceptedResponse?
    var clientCodec: CodecParameters?

    private enum CodingKeys: String, CodingKey {
        case offers, responseHeader = "response_header", accept, declined
        case serverCodec = "server_codec", clientAccept = "client_accept", clientCodec = "client_codec"
    }

    private struct Declined: Encodable {
        let offer: String
        let reason: String
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(offers.map(\.description), forKey: .offers)
        try container.encode(server.responseHeader, forKey: .responseHeader)
        switch server.accepted {
        case .perMessageDeflate(let accept, _)?: try container.encode(accept, forKey: .accept)
        case .perMessageBzip2(let accept)?: try container.encode(accept, forKey: .accept)
        case .perMessageSnappy(let accept)?: try container.encode(accept, forKey: .accept)
        case nil: try container.encodeNil(forKey: .accept)
        }
        try container.encode(server.declined.map { Declined(offer: $0.offer.description, reason: $0.reason.description) }, forKey: .declined)
        try container.encode(serverCodec, forKey: .serverCodec)
        switch clientAccept {
        case .perMessageDeflate(let accept, _)?: try container.encode(accept, forKey: .clientAccept)
        case .perMessageBzip2(let accept)?: try container.encode(accept, forKey: .clientAccept)
        case .perMessageSnappy(let accept)?: try container.encode(accept, forKey: .clientAccept)
        case nil: break
        }
        try container.encodeIfPresent(clientCodec, forKey: .clientCodec)
    }
}

/// A codec's parameters in send/receive terms.
struct CodecParameters: Encodable {
    let fields: [String: Field]

    enum Field: Encodable {
        case int(Int?)
        case bool(Bool)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value?): try container.encode(value)
            case .int(nil): try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    init(_ codec: any PerMessageCodec, role: WebSocketRole) {
        var fields: [String: Field] = ["extension": .string(type(of: codec).extensionName), "role": .string(role.rawValue)]
        if let deflate = codec as? PerMessageDeflateCodec {
            let c = deflate.configuration
            fields["send_window_bits"] = .int(c.sendWindowBits.rawValue)
            fields["send_no_context_takeover"] = .bool(c.sendNoContextTakeover)
            fields["mem_level"] = .int(c.memoryLevel.rawValue)
            fields["compression_level"] = .int(c.compressionLevel.rawValue)
            fields["receive_window_bits"] = .int(c.receiveWindowBits.rawValue)
            fields["receive_no_context_takeover"] = .bool(c.receiveNoContextTakeover)
            fields["max_message_size"] = .int(c.maxMessageSize)
        } else if let bzip2 = codec as? PerMessageBzip2Codec {
            fields["send_level"] = .int(bzip2.configuration.sendLevel.rawValue)
            fields["max_message_size"] = .int(bzip2.configuration.maxMessageSize)
        } else if let snappy = codec as? PerMessageSnappyCodec {
            fields["send_no_context_takeover"] = .bool(snappy.configuration.sendNoContextTakeover)
            fields["receive_no_context_takeover"] = .bool(snappy.configuration.receiveNoContextTakeover)
            fields["max_message_size"] = .int(snappy.configuration.maxMessageSize)
        }
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}
