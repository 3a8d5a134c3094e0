import PMCEBenchmarkKit
import PMCEPeers
import PerMessageCompression
import Testing

struct CompressNIOPeerTests {
    /// Chat-like messages and a large one.
    static let corpus: Corpus = {
        var messages = (0..<50).map { index in
            Array(#"{"type":"message","id":\#(index),"user":"user\#(index % 4)","text":"\#(String(repeating: "hello ", count: index % 9 + 1))"}"#.utf8)
        }
        messages.append((0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        return Corpus(name: "peer-test", messages: messages)
    }()

    let measurer = Measurer(settings: .quick, peers: [CompressNIOPeer()])

    static let deflateSpecs = CodecSpec.defaultMatrix.filter { $0.compressionExtension == .deflate }

    @Test(arguments: deflateSpecs)
    func compressNIORoundTripsEveryMessageAndWritesTheSameBytes(spec: CodecSpec) throws {
        let result = try measurer.measure(spec, on: Self.corpus)
        let peer = try #require(result.peers?.first)
        #expect(peer.label == "compress-nio (swift-websocket)")
        #expect(peer.repetitions == result.repetitions)
        // The same zlib with the same settings and a sync flush per message: the same bytes.
        #expect(peer.compressedBytes == result.compressedBytes)
    }

    @Test(arguments: deflateSpecs)
    func compressNIOSendsEmptyMessagesUncompressed(spec: CodecSpec) throws {
        var messages = Self.corpus.messages
        messages.insert([], at: 0)
        messages.insert([], at: 10)
        messages.insert([], at: 11)
        let result = try measurer.measure(spec, on: Corpus(name: "with-empty", messages: messages))
        let peer = try #require(result.peers?.first)
        // This package compresses an empty message to one octet; the peer sends it raw.
        #expect(peer.compressedBytes == result.compressedBytes - 3)
    }

    @Test func compressNIOImplementsDeflateOnZlibWithoutASendPolicyOnly() throws {
        let peer = CompressNIOPeer()
        for spec in CodecSpec.defaultMatrix {
            #expect(peer.implements(spec) == (spec.compressionExtension == .deflate), "\(spec.label)")
        }
        let policy = CodecSpec(CodecSpec.defaultMatrix[0].configuration, sendPolicy: try SendPolicy(minimumMessageSize: 256, rawWhenLarger: false))
        #expect(!peer.implements(policy))
        let libdeflate = try #require(Self.deflateSpecs.first { $0.label.hasSuffix("no-takeover") }).coding(with: .libdeflate)
        #expect(libdeflate.label.hasSuffix("libdeflate"))
        #expect(!peer.implements(libdeflate))
    }

    @Test func compressNIOAllocatesPerMessage() throws {
        try #require(AllocationCounter.isAvailable)
        let result = try measurer.measure(Self.deflateSpecs[0], on: Self.corpus)
        #expect(try #require(result.peers?.first?.allocationsPerMessage) >= 2)
        #expect(result.allocationsPerMessage == 0)
    }

    @Test func aPeerIsNeverTheYardstickOfSwiftVersusC() throws {
        let alone = try measurer.measure(Self.deflateSpecs[0], on: Self.corpus)
        #expect(alone.references == nil)
        #expect(alone.compressVersusC == nil)
        let withC = try Measurer(settings: .quick, measuresReference: true, peers: [CompressNIOPeer()]).measure(Self.deflateSpecs[0], on: Self.corpus)
        #expect(withC.references?.map(\.label) == ["C zlib"])
        #expect(withC.peers?.map(\.label) == ["compress-nio (swift-websocket)"])
        #expect(withC.comparisons.map(\.label) == ["C zlib", "compress-nio (swift-websocket)"])
        #expect(withC.compressVersusC != nil)
    }

    @Test func peerRowsAppearInEveryOutputFormat() throws {
        let runner = BenchmarkRunner(settings: .quick, peers: [CompressNIOPeer()])
        let report = try runner.run(specs: [Self.deflateSpecs[0], .snappy()], corpora: [Self.corpus])
        let table = report.table()
        #expect(table.contains("↳ compress-nio (swift-websocket)"))
        #expect(!table.contains("÷C comp"))
        let csv = report.csv().split(separator: "\n")
        #expect(csv.count == 4)
        #expect(csv.filter { $0.contains(",compress-nio (swift-websocket),") }.count == 1)
        #expect(report.html().contains("↳ compress-nio (swift-websocket)"))
        #expect(try BenchReport.decode(try report.jsonData()) == report)
    }
}
