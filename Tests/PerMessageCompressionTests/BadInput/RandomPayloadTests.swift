import PerMessageCompression
import Testing

/// Random bytes as a payload never crash a decoder and never pass unnoticed where the format
/// can tell (bzip2's magic, snappy's chunk headers and CRCs).
struct RandomPayloadTests {
    @Test(arguments: CodecMode.Extension.allCases)
    func randomPayloadsAreRejectedWithATypedError(_ extensionKind: CodecMode.Extension) throws {
        var random = SeededRandom(seed: 0xDEAD_0000 &+ UInt64(extensionKind.hashValue & 0xFF))
        var rejected = 0
        let trials = 300
        for trial in 0..<trials {
            let payload = random.bytes(Int.random(in: 1...3_000, using: &random))
            // A fresh codec each time: the first error fails a codec for good.
            let codec = try CodecMode(extension: extensionKind).makeCodec(maxMessageSize: 1 << 20)
            guard let error = codec.decompressionError(payload) else { continue }
            rejected += 1
            let allowed: Set<String> =
                switch extensionKind {
                case .deflate: ["corruptData", "truncated", "trailingData", "messageTooLarge"]
                case .bzip2: ["corruptData"]
                case .snappy: ["corruptData", "truncated", "checksumMismatch", "unknownChunkType"]
                }
            #expect(allowed.contains(error.reason.kind), "trial \(trial): \(error)")
            #expect(error.direction == .decompress && error.messageIndex == 0)
        }
        switch extensionKind {
        case .deflate:
            // Raw deflate has no checksum: a few random strings are valid streams.
            #expect(rejected > trials * 9 / 10)
        case .bzip2, .snappy:
            #expect(rejected == trials)
        }
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func randomPiecesOfRandomBytesNeverCrash(_ extensionKind: CodecMode.Extension) throws {
        var random = SeededRandom(seed: 0xFEED)
        for _ in 0..<100 {
            let payload = random.bytes(Int.random(in: 0...2_000, using: &random))
            let codec = try CodecMode(extension: extensionKind).makeCodec(maxMessageSize: 1 << 20)
            do {
                _ = try codec.decompressMessage(payload, pieces: random.pieceSizes(total: payload.count))
            } catch let error as CodecError {
                #expect(error.reason.kind != "library" && error.reason.kind != "failedEarlier", "\(error)")
            }
        }
    }
}
