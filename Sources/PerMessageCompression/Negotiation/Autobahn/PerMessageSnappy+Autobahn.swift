// Autobahn|Python's `__repr__` and `__json__` of the four permessage-snappy negotiation
// types (see ``AutobahnRepresentable``): one field table per type, in Autobahn's order.

extension PerMessageSnappyOffer: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageSnappyOffer"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "accept_no_context_takeover": .bool(acceptNoContextTakeover),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            acceptNoContextTakeover: json.bool("accept_no_context_takeover"),
            requestNoContextTakeover: json.bool("request_no_context_takeover"))
    }
}

extension PerMessageSnappyOfferAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageSnappyAccept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "offer": .nested(offer),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
            "no_context_takeover": .bool(noContextTakeover),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            offer: json.nested(PerMessageSnappyOffer.self, "offer"),
            requestNoContextTakeover: json.bool("request_no_context_takeover"),
            noContextTakeover: json.optional(Bool.self, "no_context_takeover"))
    }
}

extension PerMessageSnappyResponse: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageSnappyResponse"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "client_no_context_takeover": .bool(clientNoContextTakeover),
            "server_no_context_takeover": .bool(serverNoContextTakeover),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            clientNoContextTakeover: json.bool("client_no_context_takeover"),
            serverNoContextTakeover: json.bool("server_no_context_takeover"))
    }
}

extension PerMessageSnappyResponseAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageSnappyResponseAccept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "no_context_takeover": .bool(noContextTakeover),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.nested(PerMessageSnappyResponse.self, "response"),
            noContextTakeover: json.optional(Bool.self, "no_context_takeover"))
    }
}
