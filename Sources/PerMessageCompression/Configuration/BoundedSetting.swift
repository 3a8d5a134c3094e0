/// A C library parameter with a fixed range of integers: ``WindowBits``, ``MemoryLevel``,
/// ``CompressionLevel`` and ``Bzip2Level``.
///
/// Each conforming type checks its range in `init?(rawValue:)` and nowhere else; the throwing
/// ``init(_:)`` and `Codable` go through it.
///
/// ```swift
/// let bits = try WindowBits(12)          // or WindowBits(rawValue: 12), nil when out of range
/// try MemoryLevel(0)                     // throws: memory level = 0 is outside 1...9
/// ```
public protocol BoundedSetting: RawRepresentable<Int>, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Every value the setting takes.
    static var allowed: ClosedRange<Int> { get }
    /// Which setting this is, for errors.
    static var setting: ConfigurationError.Setting { get }
}

extension BoundedSetting {
    /// Creates the setting, or throws naming it and its range.
    /// - Parameter value: The raw value.
    /// - Throws: ``ConfigurationError`` when `value` is outside ``allowed``.
    public init(_ value: Int) throws(ConfigurationError) {
        guard let setting = Self(rawValue: value) else {
            throw ConfigurationError(Self.setting, value: value, allowed: Self.allowed)
        }
        self = setting
    }

    /// Compares by raw value.
    /// - Parameters:
    ///   - lhs: A value.
    ///   - rhs: Another value.
    /// - Returns: Whether `lhs` is the smaller.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value.
    public var description: String { String(rawValue) }
}
