import PerMessageCompression

/// A corpus laid end to end, as the C passes read it and as their output is checked against.
struct FlatCorpus {
    let bytes: MessageBuffer
    /// Where each message ends in ``bytes``.
    let ends: [Int]
    let name: String

    init(_ corpus: Corpus) {
        var bytes = MessageBuffer(capacity: corpus.rawBytes)
        var ends: [Int] = []
        ends.reserveCapacity(corpus.messages.count)
        for message in corpus.messages {
            message.withUnsafeBytes { bytes.append($0) }
            ends.append(bytes.count)
        }
        self.bytes = bytes
        self.ends = ends
        name = corpus.name
    }

    /// Room for any codec's payloads of these messages: bzip2 adds up to about 600 bytes to a
    /// tiny message, snappy and deflate a sixth of a large one at worst.
    var payloadCapacity: Int { bytes.count + bytes.count / 4 + ends.count * 640 + 65536 }
}

/// One reference implementation's passes over a cell's corpus: compress every message with a fresh
/// compressor, decompress every payload with a fresh decompressor, each pass one call into C
/// timed as a whole, the round trip checked after the clock stops.
///
/// The passes read and write the very buffers the Swift codec's passes use (``PassBuffers``):
/// where a buffer lies relative to another (4 KiB aliasing, cache sets) changes how fast copy-
/// heavy work runs, and differs from one process to the next; sharing the buffers gives both
/// sides the same luck.
struct ReferenceCell {
    let implementation: ReferenceImplementation
    private(set) var compressPasses: [UInt64] = []
    private(set) var decompressPasses: [UInt64] = []
    /// The payload bytes of a pass on a fresh compressor (the allocation count's second pass
    /// on a warm one compresses better with takeover).
    private var compressedBytes = 0
    private var compressAllocations: Double?
    private var decompressAllocations: Double?

    init(_ implementation: ReferenceImplementation) {
        self.implementation = implementation
    }

    /// One timed pass each way with a fresh compressor and decompressor.
    /// - Returns: The nanoseconds of compression and of decompression.
    mutating func timedPass(_ corpus: FlatCorpus, _ buffers: inout PassBuffers, record: Bool) throws(BenchmarkError) {
        let (sender, receiver) = try makePair(corpus)
        let (compress, _) = try run(corpus, sender, &buffers, compressing: true)
        compressedBytes = buffers.payloads.count
        let (decompress, _) = try run(corpus, receiver, &buffers, compressing: false)
        try buffers.checkReceived(corpus, label: implementation.label)
        if record {
            compressPasses.append(compress)
            decompressPasses.append(decompress)
        }
    }

    /// Counts the allocations the coding makes (the call into C alone, a peer's ``PeerCoder/run()``
    /// alone) over a second pass of one warm compressor and decompressor.
    mutating func countAllocations(_ corpus: FlatCorpus, _ buffers: inout PassBuffers) throws(BenchmarkError) {
        guard AllocationCounter.isAvailable else { return }
        let (sender, receiver) = try makePair(corpus)
        _ = try run(corpus, sender, &buffers, compressing: true)
        _ = try run(corpus, receiver, &buffers, compressing: false)
        let (_, compressCount) = try run(corpus, sender, &buffers, compressing: true, countingAllocations: true)
        let (_, decompressCount) = try run(corpus, receiver, &buffers, compressing: false, countingAllocations: true)
        try buffers.checkReceived(corpus, label: implementation.label)
        compressAllocations = compressCount.map { Double($0) / Double(corpus.ends.count) }
        decompressAllocations = decompressCount.map { Double($0) / Double(corpus.ends.count) }
    }

    /// The figures so far.
    func result(rawBytes: Int) -> ReferenceResult {
        func throughput(_ nanoseconds: [UInt64]) -> Summary {
            Summary(nanoseconds.map { Double(rawBytes) / Double(Swift.max($0, 1)) * 1e3 })
        }
        return ReferenceResult(
            label: implementation.label, compressedBytes: compressedBytes, repetitions: compressPasses.count,
            compressMBps: throughput(compressPasses), decompressMBps: throughput(decompressPasses),
            compressAllocationsPerMessage: compressAllocations, decompressAllocationsPerMessage: decompressAllocations)
    }

    private func makePair(_ corpus: FlatCorpus) throws(BenchmarkError) -> (any ReferenceCoder, any ReferenceCoder) {
        try guarded(corpus) { () throws(CodecError) in
            (try implementation.makeCoder(compressing: true), try implementation.makeCoder(compressing: false))
        }
    }

    /// One pass, one direction, timed as a whole: compressing reads the corpus and writes
    /// `buffers.payloads`, decompressing reads those and writes `buffers.received`.
    /// - Returns: The pass's nanoseconds, and the allocations its coding made when counted.
    private func run(
        _ corpus: FlatCorpus, _ coder: any ReferenceCoder, _ buffers: inout PassBuffers, compressing: Bool, countingAllocations: Bool = false
    ) throws(BenchmarkError) -> (UInt64, Int?) {
        // Each buffer is its own argument: a closure that captured `buffers` while one of its
        // buffers is being written would make Swift copy that buffer first (an allocation).
        try guarded(corpus) { () throws(CodecError) in
            compressing
                ? try coder.pass(
                    corpus.bytes, corpus.ends, into: &buffers.payloads, ends: &buffers.payloadEnds,
                    room: corpus.payloadCapacity, countingAllocations: countingAllocations)
                : try coder.pass(
                    buffers.payloads, buffers.payloadEnds, into: &buffers.received, ends: &buffers.receivedEnds,
                    room: corpus.bytes.count + 1, countingAllocations: countingAllocations)
        }
    }

    /// Runs `body`, turning its error into a ``BenchmarkError`` naming the implementation and corpus.
    private func guarded<R>(_ corpus: FlatCorpus, _ body: () throws(CodecError) -> R) throws(BenchmarkError) -> R {
        do {
            return try body()
        } catch {
            throw .codec(spec: implementation.label, corpus: corpus.name, error: error)
        }
    }
}
