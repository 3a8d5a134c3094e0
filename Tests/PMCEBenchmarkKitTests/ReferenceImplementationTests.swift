import PerMessageCompression
import Testing
@testable import PMCEBenchmarkKit

struct ReferenceImplementationTests {
    let measurer = Measurer(settings: .quick, measuresReference: true)

    @Test(arguments: CodecSpec.defaultMatrix)
    func cReferenceWritesTheSameBytesAsTheSwiftCodec(spec: CodecSpec) throws {
        let result = try measurer.measure(spec, on: TestCorpora.chat)
        let references = try #require(result.references)
        #expect(references.map(\.label) == ReferenceImplementation.all(for: spec).map(\.label))
        for reference in references {
            #expect(reference.compressedBytes == result.compressedBytes, "\(reference.label)")
        }
    }

    @Test(arguments: CodecSpec.defaultMatrix)
    func cReferenceRoundTripsEmptyAndLargeMessages(spec: CodecSpec) throws {
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let corpus = Corpus(name: "mixed", messages: [Array("hello hello".utf8), [], large, [], Array("hello again".utf8)])
        let result = try measurer.measure(spec, on: corpus)
        #expect(result.references?.first?.compressedBytes == result.compressedBytes)
    }

    @Test func versusCHasOneSamplePerInterleavedPassPair() throws {
        let result = try measurer.measure(.testDeflate(), on: TestCorpora.chat)
        let versus = try #require(result.compressVersusC)
        #expect(versus.samples == result.repetitions)
        #expect(try #require(result.decompressVersusC).samples == result.repetitions)
        #expect(result.references?.first?.repetitions == result.repetitions)
        #expect(versus.median > 0)
    }

    @Test func bzip2HasThePooledReferenceFirstAndTheAllocatingOneSecond() {
        let labels = ReferenceImplementation.all(for: .bzip2(level: .max)).map(\.label)
        #expect(labels == ["C libbz2, pooled", "C libbz2, BZ2_bzBuffToBuff"])
    }

    @Test(arguments: [-1, 1, 9])
    func libdeflateReferenceWritesTheSameBytesAsTheLibdeflateBackendAndReadsThemBack(level: Int) throws {
        let spec = CodecSpec.testDeflate(level: level, contextTakeover: false).coding(with: .libdeflate)
        #expect(ReferenceImplementation.all(for: spec).map(\.label) == ["C libdeflate"])
        for corpus in [TestCorpora.chat, Corpus(name: "mixed", messages: [Array("hello hello".utf8), [], Array(repeating: 7, count: 300_000)])] {
            let result = try measurer.measure(spec, on: corpus)
            let reference = try #require(result.references?.first)
            #expect(reference.compressedBytes == result.compressedBytes, "\(corpus.name)")
            if AllocationCounter.isAvailable { #expect(reference.allocationsPerMessage == 0) }
        }
    }

    @Test func libdeflateInOneDirectionOnlyHasNoReference() {
        // With a window under 15 the codec compresses with zlib and decompresses with libdeflate.
        #expect(ReferenceImplementation.all(for: CodecSpec.testDeflate(windowBits: 12, contextTakeover: false).coding(with: .libdeflate)).isEmpty)
    }

    @Test func pooledReferencesMakeNoAllocationsPerMessageAndBuffToBuffDoes() throws {
        try #require(AllocationCounter.isAvailable)
        let result = try measurer.measure(.bzip2(level: .max), on: TestCorpora.chat)
        let references = try #require(result.references)
        #expect(references[0].allocationsPerMessage == 0)
        #expect(try #require(references[1].allocationsPerMessage) >= 2)
        let deflate = try measurer.measure(.testDeflate(contextTakeover: false), on: TestCorpora.chat)
        #expect(deflate.references?.first?.allocationsPerMessage == 0)
    }

    @Test func specWithASendPolicyHasNoReference() throws {
        let spec = CodecSpec(CodecSpec.testDeflate().configuration, sendPolicy: try SendPolicy(minimumMessageSize: 256, rawWhenLarger: false))
        #expect(ReferenceImplementation.all(for: spec).isEmpty)
        let result = try measurer.measure(spec, on: TestCorpora.chat)
        #expect(result.references == nil)
        #expect(result.compressVersusC == nil)
    }

    @Test func withoutReferenceRowsCarryNone() throws {
        let result = try Measurer(settings: .quick).measure(.testDeflate(), on: TestCorpora.chat)
        #expect(result.references == nil)
    }

    @Test func referenceRowsAppearInEveryOutputFormat() throws {
        let report = try BenchmarkRunner(settings: .quick, measuresReference: true).run(specs: [.testDeflate()], corpora: [TestCorpora.chat])
        let table = report.table()
        #expect(table.contains("÷C comp"))
        #expect(table.contains("↳ C zlib"))
        let csv = report.csv().split(separator: "\n")
        #expect(csv.count == 3)
        #expect(csv[2].contains(",C zlib,"))
        #expect(csv[1].contains(",pmce,"))
        #expect(report.html().contains("↳ C zlib"))
        #expect(try BenchReport.decode(try report.jsonData()) == report)
    }
}
