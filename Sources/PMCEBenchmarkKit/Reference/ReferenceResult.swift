/// What a C implementation measured on one row's corpus (``ReferenceImplementation``), its
/// passes interleaved with the row's own so that noise hits both alike.
public struct ReferenceResult: Hashable, Sendable, Codable {
    /// The implementation, such as `C zlib`.
    public var label: String
    /// Its compressed payload bytes of all messages on one connection.
    public var compressedBytes: Int
    /// Timed passes.
    public var repetitions: Int
    /// Compression throughput in MB/s of raw bytes, one sample per pass.
    public var compressMBps: Summary
    /// Decompression throughput in MB/s of raw bytes, one sample per pass.
    public var decompressMBps: Summary
    /// Heap allocations per message compressing it, in steady state; `nil` when not counted.
    public var compressAllocationsPerMessage: Double?
    /// Heap allocations per message decompressing it, in steady state; `nil` when not counted.
    public var decompressAllocationsPerMessage: Double?

    /// Both directions' allocations per message.
    public var allocationsPerMessage: Double? {
        compressAllocationsPerMessage.flatMap { c in decompressAllocationsPerMessage.map { c + $0 } }
    }
}
