import Testing
@testable import PMCEBenchmarkKit

struct MeasurerTests {
    let measurer = Measurer(settings: .quick)

    @Test(arguments: [CodecSpec.testDeflate(), .testDeflate(contextTakeover: false), .testDeflate(windowBits: 9, memoryLevel: 1)])
    func ratioIsCompressedBytesOfOneConnectionOverRawBytes(spec: CodecSpec) throws {
        let corpus = TestCorpora.chat
        let result = try measurer.measure(spec, on: corpus)
        // The same bytes as compressing the corpus on one fresh codec.
        let codec = spec.makeCodec()
        let compressed = try corpus.messages.reduce(0) { $0 + (try codec.compressMessage($1)).count }
        #expect(result.compressedBytes == compressed)
        #expect(result.rawBytes == corpus.rawBytes)
        #expect(result.messages == corpus.messages.count)
        #expect(result.ratio == Double(compressed) / Double(corpus.rawBytes))
        #expect(result.ratio < 1)
        #expect(result.repetitions == 3)
        #expect(result.compressMBps.samples == 3)
        #expect(result.compressMBps.median > 0)
        #expect(result.decompressMessagesPerSecond.median > 0)
    }

    @Test func meanMessageRatioAveragesNonEmptyMessages() throws {
        let corpus = Corpus(name: "two", messages: [Array(repeating: 65, count: 1000), Array("xyz".utf8), []])
        let spec = CodecSpec.testDeflate(contextTakeover: false)
        let result = try measurer.measure(spec, on: corpus)
        let codec = spec.makeCodec()
        let first = Double(try codec.compressMessage(corpus.messages[0]).count) / 1000
        let second = Double(try codec.compressMessage(corpus.messages[1]).count) / 3
        #expect(abs(result.meanMessageRatio - (first + second) / 2) < 1e-12)
    }

    @Test func incompressibleCorpusHasRatioAboveOne() throws {
        let result = try measurer.measure(.testDeflate(), on: TestCorpora.noise)
        #expect(result.ratio > 1)
    }

    @Test func memoryPerConnectionCoversCompressorAndDecompressor() throws {
        let big = try measurer.measure(.testDeflate(windowBits: 15, memoryLevel: 8), on: TestCorpora.chat)
        let small = try measurer.measure(.testDeflate(windowBits: 9, memoryLevel: 1), on: TestCorpora.chat)
        // zlib's deflate state for w15/m8 alone is about 256 KiB (window 64 KiB, hash and prev
        // 128 KiB, pending 64 KiB); w9/m1 needs far less.
        #expect(big.memoryBytesPerConnection > 256 * 1024)
        #expect(small.memoryBytesPerConnection < big.memoryBytesPerConnection / 4)
        #expect(big.peakMemoryBytesPerConnection >= big.memoryBytesPerConnection)
        #expect(big.libraryMemoryBytesPerConnection <= big.memoryBytesPerConnection)
    }

    @Test func steadyStateHotPathMakesNoAllocationsPerMessage() throws {
        try #require(AllocationCounter.isAvailable)
        // Counting is per thread, so tests running in parallel do not disturb it; a few runs
        // still guard against a one-off (such as a lazily made runtime structure).
        var least = Double.infinity
        for _ in 0..<5 {
            let result = try measurer.measure(.testDeflate(), on: TestCorpora.chat)
            least = min(least, try #require(result.allocationsPerMessage))
        }
        #expect(least == 0)
    }

    @Test func emptyCorpusIsAnErrorNamingIt() {
        #expect(throws: BenchmarkError.emptyCorpus(name: "nothing")) {
            try measurer.measure(.testDeflate(), on: Corpus(name: "nothing", messages: []))
        }
    }

    @Test func runnerMeasuresEverySpecOnEveryCorpusAndReportsProgress() throws {
        var seen: [Int] = []
        let specs = [CodecSpec.testDeflate(), .testDeflate(windowBits: 12, memoryLevel: 5)]
        let report = try BenchmarkRunner(settings: .quick).run(specs: specs, corpora: [TestCorpora.chat, TestCorpora.noise]) { seen.append($0.completed) }
        #expect(report.rows.count == 4)
        #expect(report.corpora == ["test-chat", "test-noise"])
        #expect(seen == [0, 1, 2, 3, 4])
        #expect(report.schemaVersion == 1)
        #expect(!report.libraries.zlib.isEmpty)
        #expect(try BenchReport.decode(try report.jsonData()) == report)
    }

    @Test func runnerRejectsTooFewRepetitions() {
        let settings = MeasurementSettings(warmupRepetitions: 0, minimumRepetitions: 1, maximumRepetitions: 1, timeBudgetSeconds: 0)
        #expect(throws: BenchmarkError.self) {
            try BenchmarkRunner(settings: settings).run(specs: [.testDeflate()], corpora: [TestCorpora.chat])
        }
    }
}

struct MeasurerEmptyMessageTests {
    @Test(arguments: CodecSpec.defaultMatrix)
    func emptyMessageBetweenOthersRoundTripsOnOneConnection(spec: CodecSpec) throws {
        let corpus = Corpus(name: "with-empty", messages: [Array("hello hello".utf8), [], Array("hello again".utf8), []])
        let result = try Measurer(settings: .quick).measure(spec, on: corpus)
        #expect(result.messages == 4)
    }
}
