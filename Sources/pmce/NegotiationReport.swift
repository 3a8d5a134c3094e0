import PerMessageCompression

/// What `pmce negotiate` prints: offers, the server's answer and codecs, in JSON.
struct NegotiationReport: Encodable {
    let offers: [WebSocketExtension]
    let server: ServerNegotiation
    var serverCodec: CodecParameters?
    var clientAccept: NegotiatedCompression?
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
        if let accepted = server.accepted {
            try Self.encodeAutobahnJSON(accepted.accept, forKey: .accept, in: &container)
        } else {
            try container.encodeNil(forKey: .accept)
        }
        try container.encode(server.declined.map { Declined(offer: $0.offer.description, reason: $0.reason.description) }, forKey: .declined)
        try container.encode(serverCodec, forKey: .serverCodec)
        if let clientAccept {
            try Self.encodeAutobahnJSON(clientAccept.accept, forKey: .clientAccept, in: &container)
        }
        try container.encodeIfPresent(clientCodec, forKey: .clientCodec)
    }

    /// Encodes an accept in Autobahn|Python's `__json__` form.
    private static func encodeAutobahnJSON<Accept: CompressionAccept>(
        _ accept: Accept, forKey key: CodingKeys, in container: inout KeyedEncodingContainer<CodingKeys>
    ) throws {
        try container.encode(AutobahnJSON(accept), forKey: key)
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

    init(_ configuration: CompressionConfiguration, role: WebSocketRole) {
        var fields: [String: Field] = [
            "extension": .string(configuration.extensionName), "role": .string(role.rawValue), "max_message_size": .int(configuration.maxMessageSize),
        ]
        switch configuration {
        case .deflate(let c):
            fields["send_window_bits"] = .int(c.sendWindowBits.rawValue)
            fields["send_no_context_takeover"] = .bool(c.sendNoContextTakeover)
            fields["mem_level"] = .int(c.memoryLevel.rawValue)
            fields["compression_level"] = .int(c.compressionLevel.rawValue)
            fields["receive_window_bits"] = .int(c.receiveWindowBits.rawValue)
            fields["receive_no_context_takeover"] = .bool(c.receiveNoContextTakeover)
        case .bzip2(let c):
            fields["send_level"] = .int(c.sendLevel.rawValue)
        case .snappy(let c):
            fields["send_no_context_takeover"] = .bool(c.sendNoContextTakeover)
            fields["receive_no_context_takeover"] = .bool(c.receiveNoContextTakeover)
        }
        self.fields = fields
    }

    func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}
