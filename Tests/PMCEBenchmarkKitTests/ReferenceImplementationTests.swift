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

    /// Snappy payloads the Swift decoder refuses, by what is wrong with them (names as test
    /// arguments: the last payload is 64 KiB).
    static let refusedSnappyPayloads: KeyValuePairs<String, [UInt8]> = [
        "an identifier with the wrong body": [0xFF, 0x06, 0x00, 0x00] + Array("sNaPpZ".utf8),
        "an identifier of the wrong length": [0xFF, 0x05, 0x00, 0x00] + Array("sNaPp".utf8),
        // 65,537 zero bytes, one past a chunk's most, with their masked CRC32C.
        "uncompressed data past 64 KiB": [0x01, 0x05, 0x00, 0x01, 0x95, 0x5A, 0xDB, 0x04] + Array(repeating: 0, count: 0x01_0001),
    ]

    /// The C snappy twin checks each chunk as the Swift decoder does, so that both do the same
    /// work per message: both refuse each of these payloads.
    @Test(arguments: refusedSnappyPayloads.map(\.key))
    func snappyReferenceRefusesTheChunksTheSwiftDecoderRefuses(wrong: String) throws {
        let payload = try #require(Self.refusedSnappyPayloads.first { $0.key == wrong }?.value)
        let codec = PerMessageSnappyCodec(try .init(receiveNoContextTakeover: true, maxMessageSize: 1 << 20))
        #expect(throws: CodecError.self) { try codec.decompressMessage(payload) }
        let reference = try #require(ReferenceImplementation.all(for: .snappy(contextTakeover: false)).first)
        let decoder = try reference.makeCoder(compressing: false)
        var output = MessageBuffer()
        var ends = [0]
        #expect(throws: CodecError.self) {
            _ = try decoder.pass(MessageBuffer(payload), [payload.count], into: &output, ends: &ends, room: 1 << 20, countingAllocations: false)
        }
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
