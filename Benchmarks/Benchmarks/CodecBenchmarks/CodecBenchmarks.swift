import Benchmark
import PerMessageCompression

// Codec hot paths: compress and decompress, per extension configuration, per corpus.
//
// Each iteration is one pass over a whole corpus with a codec in its initial state (a new
// connection). The codec, its output buffer and the compressed payloads are made before
// `startMeasurement()`, and the measurement stops before they are torn down, so the figures are
// the per-message work alone.
//
// Gated metrics: `mallocCountTotal` and `compressedBytes` are deterministic for a given
// zlib / libbz2 / libsnappy, so they are checked exactly, and they are the only metrics kept in
// the static thresholds (`Thresholds/`, written by Scripts/benchmark-thresholds-update.sh).
// Time (`wallClock`, `throughput`) moves ±25 % between identical runs on a shared 2-core
// machine and means nothing across machines: it is measured and printed, and `baseline check`
// between two runs on one machine allows it 50 % either way, catching a collapse only.

/// Payload bytes of one pass: compressed output when compressing, compressed input when
/// decompressing. Deterministic, so a ratio regression shows up as an exact change.
let compressedBytesMetric = BenchmarkMetric.custom("compressedBytes", polarity: .prefersSmaller, useScalingFactor: false)

/// Tolerances for `swift package benchmark thresholds check` and `baseline check`.
enum Tolerance {
    /// Exact: any change at all is a deviation.
    static var exact: BenchmarkThresholds {
        BenchmarkThresholds(relative: [.p50: 0, .p90: 0], absolute: [.p50: 0, .p90: 0])
    }

    /// Wide, for time on a noisy machine: 50 % either way.
    static var relaxedTime: BenchmarkThresholds {
        BenchmarkThresholds(relative: [.p50: 50, .p90: 50])
    }
}

let benchmarks: @Sendable () -> Void = {
    #if DEBUG
    print("""
            ************************************************************************
            WARNING: the codec benchmarks were built in DEBUG mode. Timings are not
            representative; run `swift package benchmark` (it builds release).
            ************************************************************************
            """)
    #endif

    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal, .throughput, .wallClock, compressedBytesMetric],
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count, compressedBytesMetric: .count],
        warmupIterations: 3,
        maxDuration: .seconds(1),
        maxIterations: 200,
        thresholds: [
            .mallocCountTotal: Tolerance.exact,
            compressedBytesMetric: Tolerance.exact,
            .wallClock: Tolerance.relaxedTime,
            .throughput: Tolerance.relaxedTime,
        ]
    )

    let corpora: [BenchmarkCorpora.Named]
    do {
        corpora = try BenchmarkCorpora.load()
    } catch {
        // Register one benchmark that fails with the reason, so the run reports it.
        Benchmark("corpora") { benchmark in benchmark.error("cannot load the benchmark corpora: \(error)") }
        return
    }
    for corpus in corpora {
        for codec in BenchmarkedCodec.all {
            registerCompress(codec, corpus)
            registerDecompress(codec, corpus)
        }
    }
}

/// Registers `compress_<codec>_<corpus>`: one pass compressing every message.
func registerCompress(_ codec: BenchmarkedCodec, _ corpus: BenchmarkCorpora.Named) {
    let largest = corpus.messages.map(\.count).max() ?? 0
    Benchmark("compress_\(codec.name)_\(corpus.name)") { benchmark in
        do {
            let compressor = codec.makeCodec()
            var pass = CorpusPass(inputs: corpus.messages, largestOutput: largest + largest / 8 + 64)
            benchmark.startMeasurement()
            let compressedBytes = try pass.compressAll(with: compressor)
            benchmark.stopMeasurement()
            Benchmark.blackHole(pass.output)
            benchmark.measurement(compressedBytesMetric, compressedBytes)
        } catch {
            benchmark.error("\(codec.name) on \(corpus.name): \(error)")
        }
    }
}

/// Registers `decompress_<codec>_<corpus>`: one pass decompressing every payload, which the
/// setup compressed (and checked to round-trip) once.
func registerDecompress(_ codec: BenchmarkedCodec, _ corpus: BenchmarkCorpora.Named) {
    let largest = corpus.messages.map(\.count).max() ?? 0
    var payloads: [[UInt8]] = []
    Benchmark("decompress_\(codec.name)_\(corpus.name)") { benchmark in
        do {
            let decompressor = codec.makeCodec()
            var pass = CorpusPass(inputs: payloads, largestOutput: largest)
            benchmark.startMeasurement()
            let decompressedBytes = try pass.decompressAll(with: decompressor)
            benchmark.stopMeasurement()
            Benchmark.blackHole(decompressedBytes)
            benchmark.measurement(compressedBytesMetric, payloads.reduce(0) { $0 + $1.count })
        } catch {
            benchmark.error("\(codec.name) on \(corpus.name): \(error)")
        }
    } setup: {
        payloads = try CorpusPass.preparePayloads(corpus.messages, codec: codec)
    }
}
