/// One of the twelve negotiation types, which mirror an Autobahn|Python class: its `__json__`
/// and its `__repr__` list the same fields in the same order, so each type lists them once
/// (`autobahnFields`), and `Codable` and `description` follow from that list.
protocol AutobahnRepresentable: Codable, CustomStringConvertible {
    /// The extension's name, the `"extension"` value of the `__json__` form.
    static var extensionName: String { get }
    /// The Autobahn class name that starts the `__repr__`.
    static var autobahnClassName: String { get }
    /// The fields of `__json__` and `__repr__`, in Autobahn's order.
    var autobahnFields: KeyValuePairs<String, AutobahnField> { get }
    /// Creates the value from the fields of its `__json__` form, validating as the public initializer does.
    init(autobahn json: AutobahnJSONReader) throws
}

extension AutobahnRepresentable {
    /// Autobahn's `__repr__`: `Class(key = value, …)`, with Python's `True`, `False` and `None`.
    public var description: String {
        "\(Self.autobahnClassName)(" + autobahnFields.map { "\($0.key) = \($0.value.pythonText)" }.joined(separator: ", ") + ")"
    }

    /// Decodes Autobahn's `__json__` form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing key, another extension or a value out of range;
    ///   ``NegotiationError`` for an accept whose settings its offer or response does not allow.
    public init(from decoder: any Decoder) throws {
        try self.init(autobahn: AutobahnJSONReader(decoder, extensionName: Self.extensionName))
    }

    /// Encodes Autobahn's `__json__` form: `"extension"`, then the fields (`0` for a setting not
    /// requested, `null` for one left to the default).
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AutobahnKey.self)
        try container.encode(Self.extensionName, forKey: "extension")
        for (name, field) in autobahnFields {
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

/// One field of an Autobahn negotiation object.
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

/// A key of an Autobahn `__json__` object.
struct AutobahnKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
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
