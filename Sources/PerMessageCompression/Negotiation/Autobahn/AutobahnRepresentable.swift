/// A negotiation type that mirrors an Autobahn|Python class, with that class's `__repr__`
/// (``autobahnRepr``) and `__json__` (through ``AutobahnJSON``), byte for byte: for logs and
/// tests that compare with Autobahn|Python. Swift's own `description` and `Codable` stay Swift's.
///
/// Each type lists its fields once (``autobahnFields``), in Autobahn's order; both formats
/// follow from that list.
///
/// ```swift
/// let offer = PerMessageDeflateOffer(requestMaxWindowBits: WindowBits(rawValue: 12))
/// offer.autobahnRepr
/// // PerMessageDeflateOffer(accept_no_context_takeover = True, accept_max_window_bits = True, request_no_context_takeover = False, request_max_window_bits = 12)
/// let json = try JSONEncoder().encode(AutobahnJSON(offer))   // {"extension":"permessage-deflate","accept_max_window_bits":true,…}
/// let back = try JSONDecoder().decode(AutobahnJSON<PerMessageDeflateOffer>.self, from: json).value
/// ```
public protocol AutobahnRepresentable: Sendable {
    /// The extension, whose registered name is the `"extension"` value of the `__json__` form.
    static var compressionExtension: CompressionExtension { get }
    /// The Autobahn class name that starts the `__repr__`.
    static var autobahnClassName: String { get }
    /// The fields of `__json__` and `__repr__`, in Autobahn's order.
    var autobahnFields: KeyValuePairs<String, AutobahnField> { get }
    /// Creates the value from the fields of its `__json__` form, validating as the public initializer does.
    /// - Parameter json: The fields.
    /// - Throws: `DecodingError` for a missing or malformed field; ``NegotiationError`` for
    ///   settings the type's initializer refuses.
    init(autobahn json: AutobahnJSONReader) throws
}

extension AutobahnRepresentable {
    /// The extension's registered name, such as `permessage-deflate`.
    public static var extensionName: String { compressionExtension.extensionName }

    /// Autobahn's `__repr__`: `Class(key = value, …)`, with Python's `True`, `False` and `None`.
    public var autobahnRepr: String {
        "\(Self.autobahnClassName)(" + autobahnFields.map { "\($0.key) = \($0.value.pythonText)" }.joined(separator: ", ") + ")"
    }
}

/// A negotiation value in Autobahn|Python's `__json__` form: `"extension"`, then its fields
/// (`0` for a setting not requested, `null` for one left to the default).
public struct AutobahnJSON<Value: AutobahnRepresentable>: Codable, Sendable {
    /// The value.
    public var value: Value

    /// Wraps a value for encoding.
    /// - Parameter value: The value.
    public init(_ value: Value) { self.value = value }

    /// Decodes Autobahn's `__json__` form.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing key, another extension or a value out of range;
    ///   ``NegotiationError`` for an accept whose settings its offer or response does not allow.
    public init(from decoder: any Decoder) throws {
        value = try Value(autobahn: AutobahnJSONReader(decoder, extensionName: Value.compressionExtension.extensionName))
    }

    /// Encodes Autobahn's `__json__` form.
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AutobahnKey.self)
        try container.encode(Value.compressionExtension.extensionName, forKey: "extension")
        for (name, field) in value.autobahnFields {
            let key = AutobahnKey(stringValue: name)
            switch field {
            case .bool(let value?): try container.encode(value, forKey: key)
            case .int(let value?): try container.encode(value, forKey: key)
            case .bool(nil), .int(nil): try container.encodeNil(forKey: key)
            case .nested(let value): try Self.encode(value, forKey: key, in: &container)
            }
        }
    }
}

extension AutobahnJSON {
    /// Encodes a nested offer or response in its own `__json__` form.
    private static func encode<Nested: AutobahnRepresentable>(
        _ value: Nested, forKey key: AutobahnKey, in container: inout KeyedEncodingContainer<AutobahnKey>
    ) throws {
        try container.encode(AutobahnJSON<Nested>(value), forKey: key)
    }
}

/// One field of an Autobahn negotiation object.
public enum AutobahnField: Sendable {
    /// A Boolean; `nil` is `null` / `None` (a setting left to the default).
    case bool(Bool?)
    /// A number; `nil` is `null` / `None`.
    case int(Int?)
    /// The offer or response being accepted, as its own `__json__` / `__repr__`.
    case nested(any AutobahnRepresentable)

    /// A setting's raw value, or `0` when absent (Autobahn's "not requested").
    /// - Parameter value: The setting.
    /// - Returns: The field.
    public static func zeroIfAbsent(_ value: (some BoundedSetting)?) -> Self { .int(value?.rawValue ?? 0) }

    /// A setting's raw value, or `null` / `None` when absent (Autobahn's "default").
    /// - Parameter value: The setting.
    /// - Returns: The field.
    public static func rawOrNull(_ value: (some BoundedSetting)?) -> Self { .int(value?.rawValue) }

    /// Python's spelling of the value in a `__repr__`.
    var pythonText: String {
        switch self {
        case .bool(let value?): value ? "True" : "False"
        case .int(let value?): String(value)
        case .bool(nil), .int(nil): "None"
        case .nested(let value): value.autobahnRepr
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

/// Reads the fields of one Autobahn `__json__` object, after checking that its `"extension"` is
/// the expected one.
public struct AutobahnJSONReader {
    private let container: KeyedDecodingContainer<AutobahnKey>

    init(_ decoder: any Decoder, extensionName: String) throws {
        container = try decoder.container(keyedBy: AutobahnKey.self)
        let found = try container.decode(String.self, forKey: "extension")
        guard found == extensionName else {
            throw DecodingError.dataCorruptedError(
                forKey: "extension", in: container, debugDescription: "expected extension '\(extensionName)', got '\(found)'")
        }
    }

    /// A Boolean that must be present.
    /// - Parameter key: The field's name.
    /// - Returns: The value.
    /// - Throws: `DecodingError` when it is missing or not a Boolean.
    public func bool(_ key: String) throws -> Bool {
        try container.decode(Bool.self, forKey: AutobahnKey(stringValue: key))
    }

    /// A value that is `null` or absent when left to the default.
    /// - Parameters:
    ///   - type: The value's type.
    ///   - key: The field's name.
    /// - Returns: The value, or `nil`.
    /// - Throws: `DecodingError` when it is malformed.
    public func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        try container.decodeIfPresent(type, forKey: AutobahnKey(stringValue: key))
    }

    /// The offer or response an accept holds, in its own `__json__` form.
    /// - Parameters:
    ///   - type: Its type.
    ///   - key: The field's name.
    /// - Returns: The value.
    /// - Throws: What decoding it throws.
    public func nested<T: AutobahnRepresentable>(_ type: T.Type, _ key: String) throws -> T {
        try container.decode(AutobahnJSON<T>.self, forKey: AutobahnKey(stringValue: key)).value
    }

    /// A setting where `0` (or an absent key) means "not requested".
    /// - Parameters:
    ///   - type: The setting's type.
    ///   - key: The field's name.
    /// - Returns: The setting, or `nil` for 0.
    /// - Throws: `DecodingError` for a value out of the setting's range.
    public func zeroAsAbsent<T: BoundedSetting>(_ type: T.Type, _ key: String) throws -> T? {
        let raw = try optional(Int.self, key) ?? 0
        return raw == 0 ? nil : try setting(type, raw, key)
    }

    /// A setting where `null` (or an absent key) means "default".
    /// - Parameters:
    ///   - type: The setting's type.
    ///   - key: The field's name.
    /// - Returns: The setting, or `nil`.
    /// - Throws: `DecodingError` for a value out of the setting's range.
    public func rawIfPresent<T: BoundedSetting>(_ type: T.Type, _ key: String) throws -> T? {
        guard let raw = try optional(Int.self, key) else { return nil }
        return try setting(type, raw, key)
    }

    private func setting<T: BoundedSetting>(_ type: T.Type, _ raw: Int, _ key: String) throws -> T {
        guard let value = T(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                forKey: AutobahnKey(stringValue: key), in: container, debugDescription: "\(raw) is not a valid \(T.self)")
        }
        return value
    }
}
