/// libbz2's `blockSize100k`, which Autobahn calls the compress level: 1 (100 kB blocks, about
/// 1.1 MB of compressor state) to 9 (900 kB blocks, about 7.5 MB), RFC-less
/// `server_max_compress_level` / `client_max_compress_level`.
@frozen
public struct Bzip2Level: BoundedSetting {
    /// The level, 1...9.
    public let rawValue: Int

    /// The values libbz2 accepts.
    public static let allowed: ClosedRange<Int> = 1...9
    /// ``ConfigurationError/Setting/bzip2Level``.
    public static let setting = ConfigurationError.Setting.bzip2Level

    /// Creates a level, or `nil` outside 1...9.
    /// - Parameter rawValue: The level.
    public init?(rawValue: Int) {
        guard Self.allowed.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The fastest, smallest-memory level, 1.
    public static let min = Bzip2Level(rawValue: 1)!
    /// The best level, 9: the default when none was negotiated.
    public static let max = Bzip2Level(rawValue: 9)!
}
