/// The base-two logarithm of the LZ77 window size: zlib's `windowBits`, RFC 7692's
/// `server_max_window_bits` / `client_max_window_bits`.
///
/// RFC 7692 allows 8...15. zlib (1.2.9 and later) refuses 8 for raw deflate *compression*, so a
/// compressor takes 9...15 (``compressible``, checked by ``PerMessageDeflateCodec/Configuration``);
/// a decompressor takes 8...15 (it inflates with a window of 9 or more, which decodes data sent
/// with a window of 8).
@frozen
public struct WindowBits: BoundedSetting {
    /// The number of bits, 8...15.
    public let rawValue: Int

    /// Every value RFC 7692 allows.
    public static let allowed: ClosedRange<Int> = 8...15
    /// The values zlib accepts for raw deflate compression.
    public static let compressible: ClosedRange<Int> = 9...15
    /// Why ``compressible`` excludes 8.
    static let compressibleNote = "zlib refuses 8 for raw deflate compression"
    /// ``ConfigurationError/Setting/windowBits``.
    public static let setting = ConfigurationError.Setting.windowBits

    /// Creates window bits, or `nil` outside 8...15.
    /// - Parameter rawValue: The number of bits.
    public init?(rawValue: Int) {
        guard Self.allowed.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A 32 KiB window, the default (zlib's `MAX_WBITS`).
    public static let max = WindowBits(rawValue: 15)!
    /// A 512-byte window, the smallest zlib compresses with.
    public static let minCompressible = WindowBits(rawValue: 9)!

    /// Whether zlib can compress with this window (not 8).
    public var isCompressible: Bool { Self.compressible.contains(rawValue) }

    /// The window in bytes.
    public var windowBytes: Int { 1 << rawValue }
}

/// How much memory zlib's compressor uses for its hash tables: zlib's `memLevel`, 1...9.
/// Memory grows as `2^(memLevel + 9)`; 8 is zlib's and Autobahn's default.
@frozen
public struct MemoryLevel: BoundedSetting {
    /// The level, 1...9.
    public let rawValue: Int

    /// The values zlib accepts.
    public static let allowed: ClosedRange<Int> = 1...9
    /// ``ConfigurationError/Setting/memoryLevel``.
    public static let setting = ConfigurationError.Setting.memoryLevel

    /// Creates a memory level, or `nil` outside 1...9.
    /// - Parameter rawValue: The level.
    public init?(rawValue: Int) {
        guard Self.allowed.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// zlib's default, 8 (`DEF_MEM_LEVEL`).
    public static let `default` = MemoryLevel(rawValue: 8)!
    /// The least memory, 1.
    public static let min = MemoryLevel(rawValue: 1)!
    /// The most memory, 9 (`MAX_MEM_LEVEL`).
    public static let max = MemoryLevel(rawValue: 9)!
}

/// zlib's compression `level`: 0 (store) to 9 (best), or -1 for zlib's default
/// (`Z_DEFAULT_COMPRESSION`, which is 6), as Autobahn uses.
@frozen
public struct CompressionLevel: BoundedSetting {
    /// The level, -1...9.
    public let rawValue: Int

    /// The values zlib accepts.
    public static let allowed: ClosedRange<Int> = -1...9
    /// ``ConfigurationError/Setting/compressionLevel``.
    public static let setting = ConfigurationError.Setting.compressionLevel

    /// Creates a level, or `nil` outside -1...9.
    /// - Parameter rawValue: The level.
    public init?(rawValue: Int) {
        guard Self.allowed.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// zlib's default (`Z_DEFAULT_COMPRESSION`).
    public static let `default` = CompressionLevel(rawValue: -1)!
    /// Fastest (`Z_BEST_SPEED`).
    public static let bestSpeed = CompressionLevel(rawValue: 1)!
    /// Smallest (`Z_BEST_COMPRESSION`).
    public static let bestCompression = CompressionLevel(rawValue: 9)!

    /// Compares by level, zlib's default counting as 6 and ordered just below an explicit 6, so
    /// that exactly one of `<`, `==` and `>` holds for any two levels, as `Comparable` requires.
    /// - Parameters:
    ///   - lhs: A level.
    ///   - rhs: Another level.
    /// - Returns: Whether `lhs` compresses less than `rhs`.
    public static func < (lhs: CompressionLevel, rhs: CompressionLevel) -> Bool {
        (lhs.effectiveLevel, lhs.rawValue) < (rhs.effectiveLevel, rhs.rawValue)
    }

    /// The level zlib uses: 6 for the default.
    public var effectiveLevel: Int { rawValue < 0 ? 6 : rawValue }

    /// The level, or `default`.
    public var description: String { rawValue < 0 ? "default" : String(rawValue) }
}
