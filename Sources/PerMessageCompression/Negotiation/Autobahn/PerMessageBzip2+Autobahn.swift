// Autobahn|Python's `__repr__` and `__json__` of the four permessage-bzip2 negotiation
// types (see ``AutobahnRepresentable``): one field table per type, in Autobahn's order.

extension PerMessageBzip2Offer: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageBzip2Offer"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "accept_max_compress_level": .bool(acceptMaxCompressLevel),
            "request_max_compress_level": .zeroIfAbsent(requestMaxCompressLevel),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            acceptMaxCompressLevel: json.bool("accept_max_compress_level"),
            requestMaxCompressLevel: json.zeroAsAbsent(Bzip2Level.self, "request_max_compress_level"))
    }
}

extension PerMessageBzip2OfferAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageBzip2Accept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "offer": .nested(offer),
            "request_max_compress_level": .zeroIfAbsent(requestMaxCompressLevel),
            "compress_level": .rawOrNull(compressLevel),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            offer: json.nested(PerMessageBzip2Offer.self, "offer"),
            requestMaxCompressLevel: json.zeroAsAbsent(Bzip2Level.self, "request_max_compress_level"),
            compressLevel: json.rawIfPresent(Bzip2Level.self, "compress_level"))
    }
}

extension PerMessageBzip2Response: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageBzip2Response"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "client_max_compress_level": .zeroIfAbsent(clientMaxCompressLevel),
            "server_max_compress_level": .zeroIfAbsent(serverMaxCompressLevel),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            clientMaxCompressLevel: json.zeroAsAbsent(Bzip2Level.self, "client_max_compress_level"),
            serverMaxCompressLevel: json.zeroAsAbsent(Bzip2Level.self, "server_max_compress_level"))
    }
}

extension PerMessageBzip2ResponseAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageBzip2ResponseAccept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "compress_level": .rawOrNull(compressLevel),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.nested(PerMessageBzip2Response.self, "response"),
            compressLevel: json.rawIfPresent(Bzip2Level.self, "compress_level"))
    }
}
