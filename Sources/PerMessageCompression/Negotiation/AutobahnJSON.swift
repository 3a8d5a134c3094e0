/// Coding helpers for Autobahn|Python's `__json__` shapes: a constant `"extension"` key, `0` for
/// a request that was not made, and `null` for a setting left to the default.
extension KeyedEncodingContainer {
    /// Encodes `value`'s raw value, or `0` when `nil` (Autobahn's "not requested").
    mutating func encodeZeroIfAbsent<T: RawRepresentable<Int>>(_ value: T?, forKey key: Key) throws {
        try encode(value?.rawValue ?? 0, forKey: key)
    }

    /// Encodes `value`, or an explicit `null` when `nil` (Autobahn's `None`).
    mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Encodes `value`'s raw value, or an explicit `null` when `nil`.
    mutating func encodeRawOrNull<T: RawRepresentable<Int>>(_ value: T?, forKey key: Key) throws {
        try encodeOrNull(value?.rawValue, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Checks that the `"extension"` key holds `expected`.
    func decodeExtensionName(_ expected: String, forKey key: Key) throws {
        let found = try decode(String.self, forKey: key)
        guard found == expected else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected extension '\(expected)', got '\(found)'")
        }
    }

    /// Decodes a raw value where `0` (or an absent key) means "not requested".
    func decodeZeroAsAbsent<T: RawRepresentable<Int>>(_ type: T.Type, forKey key: Key) throws -> T? {
        let raw = try decodeIfPresent(Int.self, forKey: key) ?? 0
        return raw == 0 ? nil : try rawValue(type, raw, forKey: key)
    }

    /// Decodes a raw value where `null` (or an absent key) means "default".
    func decodeRawIfPresent<T: RawRepresentable<Int>>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let raw = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        return try rawValue(type, raw, forKey: key)
    }

    private func rawValue<T: RawRepresentable<Int>>(_ type: T.Type, _ raw: Int, forKey key: Key) throws -> T {
        guard let value = T(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(raw) is not a valid \(T.self)")
        }
        return value
    }
}
