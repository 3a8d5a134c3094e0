import Foundation
@testable import PMCEBenchmarkKit

enum JSONEncoderForTests {
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }
}

/// Small corpora built in the tests, deterministic.
enum TestCorpora {
    /// JSON-ish chat messages that compress well.
    static let chat: Corpus = {
        var generator = 0x9E37_79B9_7F4A_7C15 as UInt64
        func next() -> UInt64 {
            generator &+= 0x9E37_79B9_7F4A_7C15
            var z = generator
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let users = ["alice", "bob", "carol"]
        var messages: [[UInt8]] = []
        for index in 0..<60 {
            let user = users[Int(next() % 3)]
            let text = String(repeating: "hello ", count: Int(next() % 12) + 1)
            messages.append(Array(#"{"type":"message","id":\#(index),"user":"\#(user)","text":"\#(text)"}"#.utf8))
        }
        // No empty message: see MeasurerTests.emptyMessage… for that case.
        return Corpus(name: "test-chat", messages: messages)
    }()

    /// Bytes that do not compress.
    static let noise: Corpus = {
        var state: UInt32 = 12345
        let messages = (0..<8).map { index in
            (0..<(200 + index * 50)).map { _ -> UInt8 in
                state = state &* 1_103_515_245 &+ 12345
                return UInt8(truncatingIfNeeded: state >> 16)
            }
        }
        return Corpus(name: "test-noise", messages: messages)
    }()
}

/// A report with made-up figures, for the output formats.
enum SampleReport {
    static func row(_ spec: CodecSpec, corpus: String, ratio: Double, speed: Double, memory: Int, allocations: Double? = 0) -> BenchmarkResult {
        let raw = 100_000
        let nanoseconds = [0.9, 1.0, 1.1].map { UInt64(Double(raw) / speed / $0 * 1000) }
        return BenchmarkResult(
            spec: spec, corpus: corpus, messages: 1000, rawBytes: raw, compressedBytes: Int(Double(raw) * ratio),
            meanMessageRatio: ratio * 1.02, compressNanoseconds: nanoseconds, decompressNanoseconds: nanoseconds.map { $0 / 4 },
            compressLatency: LatencyPercentiles(p50: 2, p90: 3, p99: 5, max: 9),
            decompressLatency: LatencyPercentiles(p50: 0.5, p90: 0.7, p99: 1, max: 2),
            memory: CodecMemory(libraryBytes: memory - 1000, bufferBytes: 1000, libraryAllocations: 6), peakMemoryBytes: memory + 500,
            compressAllocations: allocations, decompressAllocations: allocations)
    }

    static let report: BenchReport = {
        let rows = [
            row(.testDeflate(), corpus: "chat <json>", ratio: 0.20, speed: 30, memory: 300_000),
            row(.testDeflate(windowBits: 9, memoryLevel: 1), corpus: "chat <json>", ratio: 0.35, speed: 35, memory: 16_000),
            row(.testDeflate(contextTakeover: false), corpus: "chat <json>", ratio: 0.60, speed: 20, memory: 300_000),
            row(.snappy(), corpus: "chat <json>", ratio: 0.50, speed: 400, memory: 70_000, allocations: nil),
            row(.testDeflate(), corpus: "noise", ratio: 1.001, speed: 60, memory: 300_000),
        ]
        return BenchReport(
            environment: Environment(
                machine: Environment.Machine(cores: 2, cpuModel: "Test CPU", os: "TestOS", kernel: "1.0", architecture: "x86_64"),
                toolchain: Environment.Toolchain(swift: "6.3.1", buildConfiguration: "release"),
                libraries: Environment.Libraries(zlib: "1.2.13", bzip2: "1.0.8", snappy: "1.1.9"),
                allocationCounting: "test"),
            settings: .quick, durationSeconds: 1.5, rows: rows)
    }()
}

extension CodecSpec {
    /// A deflate spec from literal settings, which the tests keep in range (a window of 9 or more).
    static func testDeflate(windowBits: Int = 15, memoryLevel: Int = 8, level: Int = -1, contextTakeover: Bool = true) -> CodecSpec {
        try! .deflate(
            windowBits: WindowBits(windowBits), memoryLevel: MemoryLevel(memoryLevel), level: CompressionLevel(level), contextTakeover: contextTakeover)
    }
}
