// Autobahn|Python's `__repr__` and `__json__` of the four permessage-deflate negotiation
// types (see ``AutobahnRepresentable``): one field table per type, in Autobahn's order.

extension PerMessageDeflateOffer: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageDeflateOffer"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "accept_no_context_takeover": .bool(acceptNoContextTakeover),
            "accept_max_window_bits": .bool(acceptMaxWindowBits),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
            "request_max_window_bits": .zeroIfAbsent(requestMaxWindowBits),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            acceptNoContextTakeover: json.bool("accept_no_context_takeover"),
            acceptMaxWindowBits: json.bool("accept_max_window_bits"),
            requestNoContextTakeover: json.bool("request_no_context_takeover"),
            requestMaxWindowBits: json.zeroAsAbsent(WindowBits.self, "request_max_window_bits"))
    }
}

extension PerMessageDeflateOfferAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageDeflateOfferAccept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "offer": .nested(offer),
            "request_no_context_takeover": .bool(requestNoContextTakeover),
            "request_max_window_bits": .zeroIfAbsent(requestMaxWindowBits),
            "no_context_takeover": .bool(noContextTakeover),
            "window_bits": .rawOrNull(windowBits),
            "mem_level": .rawOrNull(memoryLevel),
            "max_message_size": .int(maxMessageSize),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            offer: json.nested(PerMessageDeflateOffer.self, "offer"),
            requestNoContextTakeover: json.bool("request_no_context_takeover"),
            requestMaxWindowBits: json.zeroAsAbsent(WindowBits.self, "request_max_window_bits"),
            noContextTakeover: json.optional(Bool.self, "no_context_takeover"),
            windowBits: json.rawIfPresent(WindowBits.self, "window_bits"),
            memoryLevel: json.rawIfPresent(MemoryLevel.self, "mem_level"),
            maxMessageSize: json.optional(Int.self, "max_message_size"))
    }
}

extension PerMessageDeflateResponse: AutobahnRepresentable {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageDeflateResponse"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "client_max_window_bits": .zeroIfAbsent(clientMaxWindowBits),
            "client_no_context_takeover": .bool(clientNoContextTakeover),
            "server_max_window_bits": .zeroIfAbsent(serverMaxWindowBits),
            "server_no_context_takeover": .bool(serverNoContextTakeover),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            clientMaxWindowBits: json.zeroAsAbsent(WindowBits.self, "client_max_window_bits"),
            clientNoContextTakeover: json.bool("client_no_context_takeover"),
            serverMaxWindowBits: json.zeroAsAbsent(WindowBits.self, "server_max_window_bits"),
            serverNoContextTakeover: json.bool("server_no_context_takeover"))
    }
}

extension PerMessageDeflateResponseAccept {
    /// The Autobahn|Python class this type mirrors.
    public static let autobahnClassName = "PerMessageDeflateResponseAccept"

    /// The fields of Autobahn's `__json__` and `__repr__`, in its order.
    public var autobahnFields: KeyValuePairs<String, AutobahnField> {
        [
            "response": .nested(response),
            "no_context_takeover": .bool(noContextTakeover),
            "window_bits": .rawOrNull(windowBits),
            "mem_level": .rawOrNull(memoryLevel),
        ]
    }

    /// Reads Autobahn's `__json__` fields, validating as the initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` or ``NegotiationError``.
    public init(autobahn json: AutobahnJSONReader) throws {
        try self.init(
            response: json.nested(PerMessageDeflateResponse.self, "response"),
            noContextTakeover: json.optional(Bool.self, "no_context_takeover"),
            windowBits: json.rawIfPresent(WindowBits.self, "window_bits"),
            memoryLevel: json.rawIfPresent(MemoryLevel.self, "mem_level"))
    }
}
