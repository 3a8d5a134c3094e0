/// A figure of a ``BenchmarkResult`` that ``RegressionCheck`` compares.
public enum RegressionMetric: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Compressed bytes over raw bytes; smaller is better. Deterministic.
    case ratio
    /// Compression throughput, MB/s of raw bytes; larger is better. Noisy.
    case compressThroughput
    /// Decompression throughput, MB/s of raw bytes; larger is better. Noisy.
    case decompressThroughput
    /// Heap allocations per message while compressing; smaller is better. Deterministic.
    case compressAllocationsPerMessage
    /// Heap allocations per message while decompressing; smaller is better. Deterministic.
    case decompressAllocationsPerMessage
    /// Bytes one connection endpoint holds in steady state; smaller is better. Deterministic.
    case memoryBytesPerConnection
    /// Wire benchmark: server socket bytes over the uncompressed equivalent; smaller is better.
    case wireRatio
    /// Wire benchmark: the bytes each idle connection's own codecs hold; smaller is better.
    case idleCodecBytesPerConnection
    /// Compression speed ÷ the C reference's, measured interleaved in one run (`--reference`).
    case compressVersusC
    /// Decompression speed ÷ the C reference's, measured interleaved in one run (`--reference`).
    case decompressVersusC

    /// The name used in reports, matching the JSON field it comes from.
    public var description: String {
        switch self {
        case .ratio: "ratio"
        case .compressThroughput: "compressMBps"
        case .decompressThroughput: "decompressMBps"
        case .compressAllocationsPerMessage: "compressAllocationsPerMessage"
        case .decompressAllocationsPerMessage: "decompressAllocationsPerMessage"
        case .memoryBytesPerConnection: "memoryBytesPerConnection"
        case .wireRatio: "wireRatio"
        case .idleCodecBytesPerConnection: "idleCodecBytesPerConnection"
        case .compressVersusC: "compressVersusC"
        case .decompressVersusC: "decompressVersusC"
        }
    }

    /// Whether a larger value is better.
    public var prefersLarger: Bool {
        switch self {
        case .compressThroughput, .decompressThroughput, .compressVersusC, .decompressVersusC: true
        default: false
        }
    }

    /// Formats a value of this metric for people: `0.1712`, `85.3 MB/s`, `0.00`, `12.5 KiB`.
    /// - Parameter value: The value.
    /// - Returns: The text.
    public func format(_ value: Double) -> String {
        switch self {
        case .ratio, .wireRatio: value.formatted(4)
        case .compressThroughput, .decompressThroughput: "\(value.formatted(1)) MB/s"
        case .compressAllocationsPerMessage, .decompressAllocationsPerMessage: value.formatted(2)
        case .memoryBytesPerConnection, .idleCodecBytesPerConnection: ByteCount.format(Int(value))
        case .compressVersusC, .decompressVersusC: "\(value.formatted(3))× C"
        }
    }
}
