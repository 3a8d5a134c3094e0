/// What one (spec × corpus) cell measured: one row of every report.
///
/// Throughput is in MB/s of raw (uncompressed) message bytes, where 1 MB = 10^6 bytes, for both
/// directions. Latencies are per message in microseconds. Memory is one connection endpoint:
/// one compressor plus one decompressor with the spec's parameters.
public struct BenchmarkResult: Hashable, Sendable, Codable {
    /// The registered extension name, such as `permessage-deflate`.
    public var `extension`: String
    /// The spec's short label, such as `deflate w15 m8 takeover`.
    public var label: String
    /// The spec's parameters (only those that apply to the extension).
    public var parameters: CodecSpec.Parameters
    /// The corpus's name.
    public var corpus: String
    /// Messages in the corpus.
    public var messages: Int
    /// Raw bytes of all messages.
    public var rawBytes: Int
    /// Compressed payload bytes of all messages on one connection (from its first message).
    public var compressedBytes: Int
    /// `compressedBytes / rawBytes`: smaller is better.
    public var ratio: Double
    /// The mean over messages of each message's compressed / raw bytes (empty messages skipped).
    public var meanMessageRatio: Double
    /// Timed passes over the corpus.
    public var repetitions: Int
    /// Compression throughput in MB/s of raw bytes, over repetitions.
    public var compressMBps: Summary
    /// Decompression throughput in MB/s of raw bytes, over repetitions.
    public var decompressMBps: Summary
    /// Messages compressed per second, over repetitions.
    public var compressMessagesPerSecond: Summary
    /// Messages decompressed per second, over repetitions.
    public var decompressMessagesPerSecond: Summary
    /// Per-message compression time in microseconds, pooled over the latency passes (which read
    /// the clock around every message; throughput passes read it once per loop).
    public var compressLatencyMicroseconds: LatencyPercentiles
    /// Per-message decompression time in microseconds, pooled over the latency passes.
    public var decompressLatencyMicroseconds: LatencyPercentiles
    /// Bytes held by one endpoint (compressor + decompressor) after the corpus: library state
    /// from the allocator hooks plus the codec's buffers.
    public var memoryBytesPerConnection: Int
    /// The library-state part of ``memoryBytesPerConnection``.
    public var libraryMemoryBytesPerConnection: Int
    /// The most bytes the endpoint held after any message.
    public var peakMemoryBytesPerConnection: Int
    /// Heap allocations per message, compressing and decompressing it, in steady state;
    /// `nil` when allocations could not be counted.
    public var allocationsPerMessage: Double?
    /// The compression part of ``allocationsPerMessage``.
    public var compressAllocationsPerMessage: Double?
    /// The decompression part of ``allocationsPerMessage``.
    public var decompressAllocationsPerMessage: Double?

    /// Messages the send policy sent uncompressed on one connection (too small, or not smaller
    /// once compressed); 0 when every message is compressed; absent in reports from before send
    /// policies.
    public var rawMessages: Int?

    /// Plain C doing the same per-message work, timed interleaved with this row
    /// (`pmce bench --reference`), the like-for-like implementation first; absent otherwise.
    public var references: [ReferenceResult]?
    /// This row's compression speed ÷ the first reference's, one sample per interleaved pair
    /// of passes (C's pass time ÷ this row's); absent without references.
    public var compressVersusC: Summary?
    /// This row's decompression speed ÷ the first reference's, as ``compressVersusC``.
    public var decompressVersusC: Summary?
    /// Other Swift implementations of the same per-message work (`pmce bench --peer`, such as
    /// compress-nio driven as swift-websocket drives it), timed interleaved with this row as the
    /// references are; absent otherwise.
    public var peers: [ReferenceResult]?

    /// The references, then the peers: every implementation timed beside this row.
    public var comparisons: [ReferenceResult] { (references ?? []) + (peers ?? []) }

    /// The spec this row measured; `nil` for a row of an unknown extension or settings out of range.
    public var spec: CodecSpec? {
        CompressionExtension(extensionName: self.extension).flatMap { try? CodecSpec(extension: $0, parameters: parameters) }
    }

    /// Creates a row.
    /// - Parameters:
    ///   - spec: The spec measured.
    ///   - corpus: The corpus's name.
    ///   - messages: Messages in the corpus.
    ///   - rawBytes: Raw bytes of all messages.
    ///   - compressedBytes: Compressed bytes of all messages.
    ///   - meanMessageRatio: Mean per-message ratio.
    ///   - rawMessages: Messages the send policy sent uncompressed.
    ///   - compressNanoseconds: Timed nanoseconds of each compression pass.
    ///   - decompressNanoseconds: Timed nanoseconds of each decompression pass.
    ///   - compressLatency: Per-message compression percentiles.
    ///   - decompressLatency: Per-message decompression percentiles.
    ///   - memory: The endpoint's memory after the corpus.
    ///   - peakMemoryBytes: The endpoint's peak bytes.
    ///   - compressAllocations: Compression allocations per message, if counted.
    ///   - decompressAllocations: Decompression allocations per message, if counted.
    ///   - references: The C implementations' figures with their compression and decompression
    ///     pass times, interleaved with this row's; the first gives ``compressVersusC`` and
    ///     ``decompressVersusC``.
    ///   - peers: The Swift peers' figures (``peers``).
    public init(
        spec: CodecSpec, corpus: String, messages: Int, rawBytes: Int, compressedBytes: Int, meanMessageRatio: Double, rawMessages: Int = 0,
        compressNanoseconds: [UInt64], decompressNanoseconds: [UInt64],
        compressLatency: LatencyPercentiles, decompressLatency: LatencyPercentiles,
        memory: CodecMemory, peakMemoryBytes: Int, compressAllocations: Double?, decompressAllocations: Double?,
        references: [(result: ReferenceResult, compressNanoseconds: [UInt64], decompressNanoseconds: [UInt64])] = [],
        peers: [ReferenceResult] = []
    ) {
        self.extension = spec.compressionExtension.extensionName
        self.label = spec.label
        self.parameters = spec.parameters
        self.corpus = corpus
        self.messages = messages
        self.rawBytes = rawBytes
        self.compressedBytes = compressedBytes
        self.ratio = rawBytes > 0 ? Double(compressedBytes) / Double(rawBytes) : 1
        self.meanMessageRatio = meanMessageRatio
        self.rawMessages = rawMessages
        self.repetitions = compressNanoseconds.count
        func throughput(_ nanoseconds: [UInt64], _ amount: Int, scale: Double) -> Summary {
            Summary(nanoseconds.map { Double(amount) / Double(Swift.max($0, 1)) * scale })
        }
        compressMBps = throughput(compressNanoseconds, rawBytes, scale: 1e3)
        decompressMBps = throughput(decompressNanoseconds, rawBytes, scale: 1e3)
        compressMessagesPerSecond = throughput(compressNanoseconds, messages, scale: 1e9)
        decompressMessagesPerSecond = throughput(decompressNanoseconds, messages, scale: 1e9)
        compressLatencyMicroseconds = compressLatency
        decompressLatencyMicroseconds = decompressLatency
        memoryBytesPerConnection = memory.totalBytes
        libraryMemoryBytesPerConnection = memory.libraryBytes
        peakMemoryBytesPerConnection = Swift.max(peakMemoryBytes, memory.totalBytes)
        compressAllocationsPerMessage = compressAllocations
        decompressAllocationsPerMessage = decompressAllocations
        allocationsPerMessage = compressAllocations.flatMap { c in decompressAllocations.map { c + $0 } }
        if let first = references.first {
            self.references = references.map(\.result)
            func versus(_ c: [UInt64], _ swift: [UInt64]) -> Summary {
                Summary(zip(c, swift).map { Double($0) / Double(Swift.max($1, 1)) })
            }
            compressVersusC = versus(first.compressNanoseconds, compressNanoseconds)
            decompressVersusC = versus(first.decompressNanoseconds, decompressNanoseconds)
        }
        if !peers.isEmpty { self.peers = peers }
    }
}
