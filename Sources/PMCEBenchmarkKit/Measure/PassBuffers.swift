#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PerMessageCompression

/// What a throughput pass writes: every payload end to end, then every message decompressed
/// from them end to end, with where each ends. One set per cell, kept across passes, and shared
/// by the Swift codec's passes and the C reference's (see ``ReferenceCell``).
struct PassBuffers {
    var payloads = MessageBuffer()
    var payloadEnds: [Int]
    var received = MessageBuffer()
    var receivedEnds: [Int]

    /// Buffers with room for `corpus` in any codec's payloads and in full.
    init(_ corpus: FlatCorpus) {
        payloads.reserveCapacity(corpus.payloadCapacity)
        payloadEnds = Array(repeating: 0, count: corpus.ends.count)
        received.reserveCapacity(corpus.bytes.count + 1)
        receivedEnds = payloadEnds
    }

    /// Checks that the messages received are the corpus: one `memcmp` when they are, message by
    /// message to name the first that is not.
    /// - Parameters:
    ///   - corpus: The messages sent.
    ///   - label: Who decoded them, for the error.
    /// - Throws: ``BenchmarkError/roundTripMismatch(spec:corpus:messageIndex:expectedBytes:actualBytes:firstDifference:)``.
    func checkReceived(_ corpus: FlatCorpus, label: String) throws(BenchmarkError) {
        try received.withUnsafeReadableBytes { (all) throws(BenchmarkError) in
            try corpus.bytes.withUnsafeReadableBytes { (expected) throws(BenchmarkError) in
                let equal = receivedEnds == corpus.ends && expected.count == all.count
                    && (expected.isEmpty || memcmp(expected.baseAddress!, all.baseAddress!, expected.count) == 0)
                guard !equal else { return }
                for index in corpus.ends.indices {
                    let want = UnsafeRawBufferPointer(rebasing: expected[(index == 0 ? 0 : corpus.ends[index - 1])..<corpus.ends[index]])
                    let start = index == 0 ? 0 : receivedEnds[index - 1]
                    let got = UnsafeRawBufferPointer(rebasing: all[start..<Swift.max(start, receivedEnds[index])])
                    if let mismatch = BenchmarkError.mismatch(spec: label, corpus: corpus.name, messageIndex: index, expected: want, actual: got) {
                        throw mismatch
                    }
                }
            }
        }
    }
}
