import PMCEBenchmarkKit

/// One spec of the benchmark kit under the name its package-benchmark targets and threshold
/// files use (`compress_<name>_<corpus>`).
///
/// Each benchmark makes a fresh codec from the spec, configured the same way for both
/// directions, as after a negotiation in which both peers asked for the same thing.
struct BenchmarkedCodec: Sendable {
    /// The name in benchmark and threshold names, such as `deflate-w15-takeover`.
    let name: String
    /// What is measured.
    let spec: CodecSpec

    /// The measured specs: deflate w15/m8 with and without takeover, bzip2 level 1, snappy with takeover.
    // Cannot fail: zlib's default window, 15, is one it compresses with.
    static let all: [BenchmarkedCodec] = try! [
        BenchmarkedCodec(name: "deflate-w15-takeover", spec: .deflate(contextTakeover: true)),
        BenchmarkedCodec(name: "deflate-w15-no-takeover", spec: .deflate(contextTakeover: false)),
        BenchmarkedCodec(name: "bzip2-l1", spec: .bzip2(level: .min)),
        BenchmarkedCodec(name: "snappy-takeover", spec: .snappy(contextTakeover: true)),
    ]

    /// Makes a codec in its initial state.
    /// - Returns: The codec.
    func makeCodec() -> any PerMessageCodec { spec.makeCodec() }
}
