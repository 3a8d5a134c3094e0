import PerMessageCompression
import Testing
@testable import PMCEBenchmarkKit

/// The runner's rows for send policies: raw messages counted at their own size, and sweeps that
/// cross specs with policies.
struct SendPolicyMeasurementTests {
    let measurer = Measurer(settings: .quick)

    @Test func messagesBelowTheMinimumAreCountedRawAtTheirOwnSize() throws {
        let corpus = Corpus(name: "mixed", messages: [Array("tiny".utf8), Array(repeating: 65, count: 2000), []])
        let spec = CodecSpec.testDeflate(contextTakeover: false).sending(with: try SendPolicy(minimumMessageSize: 100, rawWhenLarger: false))
        let result = try measurer.measure(spec, on: corpus)
        #expect(result.rawMessages == 2)
        let large = try spec.makeCodec().compressMessage(corpus.messages[1]).count
        #expect(result.compressedBytes == 4 + large)
        #expect(spec.label == "deflate w15 m8 no-takeover min100")
    }

    @Test(arguments: [CodecSpec.snappy(contextTakeover: false), .bzip2(level: .min), .testDeflate(contextTakeover: false)])
    func whereNoContextIsCarriedNoiseGoesRawAndTheRatioIsOne(_ spec: CodecSpec) throws {
        let policy = try SendPolicy(minimumMessageSize: 0, rawWhenLarger: true)
        let result = try measurer.measure(spec.sending(with: policy), on: TestCorpora.noise)
        #expect(result.rawMessages == TestCorpora.noise.messages.count)
        #expect(result.ratio == 1)
        #expect(try measurer.measure(spec, on: TestCorpora.noise).ratio > 1)
    }

    @Test func rawWhenLargerWithContextCarriedIsTheSameSpec() throws {
        let policy = try SendPolicy(minimumMessageSize: 0, rawWhenLarger: true)
        #expect(CodecSpec.testDeflate().sending(with: policy) == .testDeflate())
        #expect(CodecSpec.snappy(contextTakeover: false).sending(with: policy) != .snappy(contextTakeover: false))
    }

    @Test func sweepsCrossEverySpecWithEveryPolicyAndTheJSONFormReadsBack() throws {
        let sweep = Sweep(extensions: [.snappy], takeover: .both, minimumMessageSizes: [0, 256], rawWhenLarger: .both)
        let specs = try sweep.expand()
        // takeover: raw-when-larger does nothing, so 2 sizes; no takeover: 2 sizes × 2.
        #expect(specs.map(\.label) == [
            "snappy takeover", "snappy takeover min256",
            "snappy no-takeover", "snappy no-takeover raw-if-larger", "snappy no-takeover min256", "snappy no-takeover min256 raw-if-larger",
        ])
        for spec in specs {
            #expect(try CodecSpec(extension: spec.compressionExtension, parameters: spec.parameters) == spec)
        }
        #expect(throws: BenchmarkError.self) { try Sweep(minimumMessageSizes: [-1]).expand() }
    }
}
