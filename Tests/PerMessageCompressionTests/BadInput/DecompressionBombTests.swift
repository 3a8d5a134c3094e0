import PerMessageCompression
import Testing

/// A small payload that inflates far past `maxMessageSize` stops at the limit with
/// `messageTooLarge(limit:)`, without allocating anything like the inflated size.
struct DecompressionBombTests {
    static let limit = 1 << 20
    static let bombSize = 100 << 20

    /// 100 MiB of zeros, compressed by feeding 1 MiB at a time (the test never holds 100 MiB).
    static func bomb(_ mode: CodecMode) throws -> [UInt8] {
        let codec = try mode.makeCodec()
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var payload = MessageBuffer()
        try zeros.withUnsafeBytes { piece in
            for index in 0..<(bombSize / zeros.count) {
                try codec.compress(piece, isFinal: index == bombSize / zeros.count - 1, into: &payload)
            }
        }
        return payload.bytes
    }

    @Test(arguments: [CodecMode.deflate(), .deflate(windowBits: 9, memoryLevel: 1, noContextTakeover: true), .bzip2(level: 9), .snappy(noContextTakeover: false)])
    func hundredMebibyteBombStopsAtTheLimitAndStaysSmall(_ mode: CodecMode) throws {
        let payload = try Self.bomb(mode)
        #expect(payload.count < Self.bombSize / 16, "the bomb compresses well: \(payload.count) bytes")

        let codec = try mode.makeCodec(maxMessageSize: Self.limit)
        var output = MessageBuffer()
        let error = #expect(throws: CodecError.self) {
            try payload.withUnsafeBytes { try codec.decompress($0, isFinal: true, into: &output) }
        }
        #expect(error?.reason == .messageTooLarge(limit: Self.limit))
        #expect(output.capacity <= Self.limit + (1 << 20), "output grew to \(output.capacity) bytes")
        #expect(codec.memory.totalBytes < 16 << 20, "codec holds \(codec.memory)")

        let again = #expect(throws: CodecError.self) {
            try payload.withUnsafeBytes { try codec.decompress($0, isFinal: true, into: &output) }
        }
        #expect(again?.reason.kind == "failedEarlier")
    }

    @Test(arguments: [CodecMode.deflate(), .bzip2(level: 1), .snappy(noContextTakeover: true)])
    func bombFedInPiecesStopsAtTheLimitToo(_ mode: CodecMode) throws {
        let payload = try Self.bomb(mode)
        let codec = try mode.makeCodec(maxMessageSize: Self.limit)
        var random = SeededRandom(seed: 99)
        let error = #expect(throws: CodecError.self) {
            _ = try codec.decompressMessage(payload, pieces: random.pieceSizes(total: payload.count, maximumPieces: 50))
        }
        #expect(error?.reason == .messageTooLarge(limit: Self.limit))
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func messageExactlyAtTheLimitDecodes(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let message = [UInt8](repeating: 0x61, count: 4096)
        let payload = try mode.makeCodec().compressMessage(message)
        #expect(try mode.makeCodec(maxMessageSize: 4096).decompressMessage(payload) == message)
        let error = try #require(try mode.makeCodec(maxMessageSize: 4095).decompressionError(payload))
        #expect(error.reason == .messageTooLarge(limit: 4095))
    }
}
