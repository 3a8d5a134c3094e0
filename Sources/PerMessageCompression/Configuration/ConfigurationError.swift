/// A setting outside what its extension or C library accepts: thrown by the initializers of
/// the setting types (``WindowBits``, ``MemoryLevel``, ``CompressionLevel``, ``Bzip2Level``) and
/// of the codec configurations, the only places a setting is checked.
///
/// ```swift
/// do { _ = try PerMessageDeflateCodec.Configuration(sendWindowBits: WindowBits(8)) }
/// catch { print(error) }   // deflate: window bits = 8 is outside 9...15 (zlib refuses 8 for raw deflate compression)
/// ```
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The setting that was out of range.
    public enum Setting: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// The LZ77 window, ``WindowBits``.
        case windowBits = "window bits"
        /// zlib's `memLevel`, ``MemoryLevel``.
        case memoryLevel = "memory level"
        /// zlib's compression level, ``CompressionLevel``.
        case compressionLevel = "compression level"
        /// libbz2's block size level, ``Bzip2Level``.
        case bzip2Level = "compress level"
        /// The most bytes a received message may decompress to.
        case maxMessageSize = "max message size"
        /// The smallest message a sender compresses, ``SendPolicy``.
        case minimumMessageSize = "minimum compressed message size"

        /// The setting in words, such as `window bits`.
        public var description: String { rawValue }
    }

    /// The setting.
    public var setting: Setting
    /// The value given.
    public var value: Int
    /// The values the setting takes here.
    public var allowed: ClosedRange<Int>
    /// Why the range is narrower than the type's, if it is (zlib's refusal of a window of 8).
    public var note: String?
    /// The extension whose configuration was being made; `nil` for a setting type on its own.
    public var compressionExtension: CompressionExtension?

    /// Creates an error.
    /// - Parameters:
    ///   - setting: The setting.
    ///   - value: The value given.
    ///   - allowed: The values the setting takes.
    ///   - note: Why the range is what it is, if that needs saying.
    ///   - compressionExtension: The extension, if known.
    public init(_ setting: Setting, value: Int, allowed: ClosedRange<Int>, note: String? = nil, extension compressionExtension: CompressionExtension? = nil) {
        self.setting = setting
        self.value = value
        self.allowed = allowed
        self.note = note
        self.compressionExtension = compressionExtension
    }

    /// A sentence naming the extension, the setting, the value and what is allowed.
    public var description: String {
        let range = allowed.upperBound == Int.max ? "\(allowed.lowerBound) or more" : "\(allowed.lowerBound)...\(allowed.upperBound)"
        let prefix = compressionExtension.map { "\($0): " } ?? ""
        return "\(prefix)\(setting) = \(value) is outside \(range)" + (note.map { " (\($0))" } ?? "")
    }

    /// The values `maxMessageSize` may take.
    static let messageSizes: ClosedRange<Int> = 0...Int.max

    /// Checks a configuration's `maxMessageSize`: a negative limit is one no message could meet.
    static func check(maxMessageSize: Int?, of compressionExtension: CompressionExtension) throws(ConfigurationError) {
        if let maxMessageSize, !messageSizes.contains(maxMessageSize) {
            throw ConfigurationError(.maxMessageSize, value: maxMessageSize, allowed: messageSizes, extension: compressionExtension)
        }
    }
}
