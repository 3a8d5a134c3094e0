#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReferenceCodecs
import PerMessageCompression

/// A corpus laid end to end, as the C passes read it and as their output is checked against.
struct FlatCorpus {
    let bytes: [UInt8]
    /// Where each message ends in ``bytes``.
    let ends: [Int]
    let name: String

    init(_ corpus: Corpus) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(corpus.rawBytes)
        var ends: [Int] = []
        ends.reserveCapacity(corpus.messages.count)
        for message in corpus.messages {
            bytes += message
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

/// One C implementation's passes over a cell's corpus: compress every message with a fresh
/// compressor, decompress every payload with a fresh decompressor, each pass one call into C
/// timed as a whole, the round trip checked after the clock stops.
struct ReferenceCell {
    let implementation: ReferenceImplementation
    private var payloads: [UInt8]
    private var payloadEnds: [Int]
    private var roundTrip: [UInt8]
    private var roundTripEnds: [Int]
    private(set) var compressPasses: [UInt64] = []
    private(set) var decompressPasses: [UInt64] = []
    /// The payload bytes of a pass on a fresh compressor (the allocation count's second pass
    /// on a warm one compresses better with takeover).
    private var compressedBytes = 0
    private var compressAllocations: Double?
    private var decompressAllocations: Double?

    init(_ implementation: ReferenceImplementation, corpus: FlatCorpus) {
        self.implementation = implementation
        payloads = Array(repeating: 0, count: corpus.payloadCapacity)
        payloadEnds = Array(repeating: 0, count: corpus.ends.count)
        roundTrip = Array(repeating: 0, count: corpus.bytes.count + 1)
        roundTripEnds = payloadEnds
    }

    /// One timed pass each way with a fresh compressor and decompressor.
    /// - Returns: The nanoseconds of compression and of decompression.
    @discardableResult
    mutating func timedPass(_ corpus: FlatCorpus, record: Bool) throws(BenchmarkError) -> (UInt64, UInt64) {
        let (sender, receiver) = try makePair(corpus)
        let compress = try run(corpus, sender, compressing: true)
        compressedBytes = payloadEnds.last ?? 0
        let decompress = try run(corpus, receiver, compressing: false)
        try check(corpus)
        if record {
            compressPasses.append(compress)
            decompressPasses.append(decompress)
        }
        return (compress, decompress)
    }

    /// Counts allocations over a second pass of one warm compressor and decompressor.
    mutating func countAllocations(_ corpus: FlatCorpus) throws(BenchmarkError) {
        guard AllocationCounter.isAvailable else { return }
        let (sender, receiver) = try makePair(corpus)
        _ = try run(corpus, sender, compressing: true)
        _ = try run(corpus, receiver, compressing: false)
        let compressCount = try AllocationCounter.count { () throws(BenchmarkError) in _ = try run(corpus, sender, compressing: true) } ?? 0
        let decompressCount = try AllocationCounter.count { () throws(BenchmarkError) in _ = try run(corpus, receiver, compressing: false) } ?? 0
        try check(corpus)
        compressAllocations = Double(compressCount) / Double(corpus.ends.count)
        decompressAllocations = Double(decompressCount) / Double(corpus.ends.count)
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

    private func makePair(_ corpus: FlatCorpus) throws(BenchmarkError) -> (ReferenceCodec, ReferenceCodec) {
        guard let sender = implementation.makeCodec(), let receiver = implementation.makeCodec() else {
            throw .codec(spec: implementation.label, corpus: corpus.name, error: CodecError(.outOfMemory(bytes: 0)))
        }
        return (sender, receiver)
    }

    /// One pass, one direction, timed as a whole.
    private mutating func run(_ corpus: FlatCorpus, _ codec: ReferenceCodec, compressing: Bool) throws(BenchmarkError) -> UInt64 {
        let count = corpus.ends.count
        let start: UInt64
        let status: CReference_Status
        if compressing {
            let capacity = payloads.count
            (start, status) = corpus.bytes.withUnsafeBufferPointer { input in
                payloads.withUnsafeMutableBufferPointer { output in
                    payloadEnds.withUnsafeMutableBufferPointer { outputEnds in
                        let start = MonotonicClock.nanoseconds()
                        let status = CReference_compressPass(codec.pointer, input.baseAddress, corpus.ends, count, output.baseAddress, capacity, outputEnds.baseAddress)
                        return (start, status)
                    }
                }
            }
        } else {
            let capacity = roundTrip.count
            (start, status) = payloads.withUnsafeBufferPointer { input in
                roundTrip.withUnsafeMutableBufferPointer { output in
                    roundTripEnds.withUnsafeMutableBufferPointer { outputEnds in
                        let start = MonotonicClock.nanoseconds()
                        let status = CReference_decompressPass(codec.pointer, input.baseAddress, payloadEnds, count, output.baseAddress, capacity, outputEnds.baseAddress)
                        return (start, status)
                    }
                }
            }
        }
        let elapsed = MonotonicClock.nanoseconds() &- start
        guard status == CReference_ok else {
            let function = compressing ? "CReference_compressPass" : "CReference_decompressPass"
            throw .codec(spec: implementation.label, corpus: corpus.name, error: CodecError(.library(function: function, code: status.rawValue, message: nil)))
        }
        return elapsed
    }

    /// Checks that the last decompression pass gave back every message.
    private func check(_ corpus: FlatCorpus) throws(BenchmarkError) {
        let total = corpus.bytes.count
        let equal = roundTripEnds == corpus.ends && corpus.bytes.withUnsafeBytes { expected in
            roundTrip.withUnsafeBytes { actual in total == 0 || memcmp(expected.baseAddress!, actual.baseAddress!, total) == 0 }
        }
        guard !equal else { return }
        var start = 0
        for (index, end) in corpus.ends.enumerated() {
            let actualStart = index == 0 ? 0 : roundTripEnds[index - 1]
            let actualEnd = roundTripEnds[index]
            let expected = corpus.bytes[start..<end]
            let actual = roundTrip[actualStart..<Swift.max(actualStart, actualEnd)]
            if !expected.elementsEqual(actual) {
                let difference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? Swift.min(expected.count, actual.count)
                throw .roundTripMismatch(
                    spec: implementation.label, corpus: corpus.name, messageIndex: index, expectedBytes: expected.count,
                    actualBytes: actual.count, firstDifference: difference)
            }
            start = end
        }
    }
}
