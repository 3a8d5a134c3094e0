/// One field of an Autobahn|Python negotiation object. Its `__json__` and its `__repr__` list the
/// same fields in the same order, so each type lists them once (`autobahnFields`) and both
/// `encode(to:)` and `description` are written from that list.
enum AutobahnField {
    /// A Boolean; `nil` is `null` / `None` (a setting left to the default).
    case bool(Bool?)
    /// A number; `nil` is `null` / `None`.
    case int(Int?)
    /// The offer or response being accepted, as its own `__json__` / `__repr__`.
    case nested(any Encodable & CustomStringConvertible)

    /// A setting's raw value, or `0` when absent (Autobahn's "not requested").
    static func zeroIfAbsent(_ value: (some RawRepresentable<Int>)?) -> Self { .int(value?.rawValue ?? 0) }

    /// A setting's raw value, or `null` / `None` when absent (Autobahn's "default").
    static func rawOrNull(_ value: (some RawRepresentable<Int>)?) -> Self { .int(value?.rawValue) }

    /// Python's spelling of the value in a `__repr__`.
    var pythonText: String {
        switch self {
        case .bool(let value?): value ? "True" : "False"
        case .int(let value?): String(value)
        case .bool(nil), .int(nil): "None"
        case .nested(let value): value.description
        }
    }
}

/// Autobahn|Python's `__repr__` shape, `Type(key = value, …)`, for `description`.
func autobahnDescription(_ typeName: String, _ fields: KeyValuePairs<String, AutobahnField>) -> String {
    "\(typeName)(" + fields.map { "\($0.key) = \($0.value.pythonText)" }.joined(separator: ", ") + ")"
}

/// A key of an Autobahn `__json__` object.
struct AutobahnKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

extension Encoder {
    /// Encodes Autobahn's `__json__` object: `"extension": extensionName`, then `fields` in order.
    func encodeAutobahn(extensionName: String, _ fields: KeyValuePairs<String, AutobahnField>) throws {
        var container = container(keyedBy: AutobahnKey.self)
        try container.encode(extensionName, forKey: "extension")
        for (name, field) in fields {
            let key = AutobahnKey(stringValue: name)
            switch field {
            case .bool(let value?): try container.encode(value, forKey: key)
            case .int(let value?): try container.encode(value, forKey: key)
            case .bool(nil), .int(nil): try container.encodeNil(forKey: key)
            case .nested(let value): try container.encode(value, forKey: key)
            }
        }
    }
}

/// Reads one Autobahn `__json__` object, after checking that its `"extension"` is the expected one.
struct AutobahnJSONReader {
    private let container: KeyedDecodingContainer<AutobahnKey>

    /// - Throws: `DecodingError` when the object or its `"extension"` key is missing or names another extension.
    init(_ decoder: any Decoder, extensionName: String) throws {
        container = try decoder.container(keyedBy: AutobahnKey.self)
        let found = try container.decode(String.self, forKey: "extension")
        guard found == extensionName else {
            throw DecodingError.dataCorruptedError(
                forKey: "extension", in: container, debugDescription: "expected extension '\(extensionName)', got '\(found)'")
        }
    }

    /// The value at `key`, which must be present.
    func decode<T: Decodable>(_ type: T.Type, _ key: AutobahnKey) throws -> T {
        try container.decode(type, forKey: key)
    }

    /// The value at `key`, or `nil` when it is `null` or absent.
    func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: AutobahnKey) throws -> T? {
        try container.decodeIfPresent(type, forKey: key)
    }

    /// A raw value where `0` (or an absent key) means "not requested".
    func decodeZeroAsAbsent<T: RawRepresentable<Int>>(_ type: T.Type, _ key: AutobahnKey) throws -> T? {
        let raw = try decodeIfPresent(Int.self, key) ?? 0
        return raw == 0 ? nil : try rawValue(type, raw, key)
    }

    /// A raw value where `null` (or an absent key) means "default".
    func decodeRawIfPresent<T: RawRepresentable<Int>>(_ type: T.Type, _ key: AutobahnKey) throws -> T? {
        guard let raw = try decodeIfPresent(Int.self, key) else { return nil }
        return try rawValue(type, raw, key)
    }

    private func rawValue<T: RawRepresentable<Int>>(_ type: T.Type, _ raw: Int, _ key: AutobahnKey) throws -> T {
        guard let value = T(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(raw) is not a valid \(T.self)")
        }
        return value
    }
}
