@testable import PerMessageCompression
import Testing
import CSnappy
import TestSupport

struct CRC32CTests {
    @Test func checkValueMatchesTheCastagnoliStandard() {
        // The CRC-32C check value of "123456789" (RFC 3720 B.4, and every CRC catalogue).
        let digits = Array("123456789".utf8)
        digits.withUnsafeBytes { bytes in
            #expect(CRC32C.checksum(bytes) == 0xE306_9283)
            #expect(~CRC32C.tableUpdate(~0, bytes) == 0xE306_9283)
        }
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 1000, 65536])
    func hardwareAndTableAgreeOnEveryLength(length: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<length).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        bytes.withUnsafeBytes { raw in
            #expect(CRC32C.checksum(raw) == ~CRC32C.tableUpdate(~0, raw))
        }
    }

    /// From 256 bytes on, the hardware CRC runs three lanes at once and joins them with
    /// carry-less multiplies by constants; a wrong constant or lane boundary shows at some length
    /// or offset. Every length to 3 lanes of 1 KB and a little past, and around 3 lanes of 4 KB.
    @Test func hardwareInThreeLanesAgreesWithTheTableAtEveryLengthAndOffset() {
        guard CRC32C.hasHardware else { return }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let bytes = (0..<(3 * 4096 + 3 * 1024 + 600)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        bytes.withUnsafeBytes { all in
            var mismatches: [String] = []
            let lengths = Array(0...(3 * 1024 + 200)) + Array((3 * 4096 - 100)...(3 * 4096 + 3 * 1024 + 300))
            for length in lengths {
                for offset in [0, 1, 7] {
                    let raw = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    if CRC32C.hardwareUpdate(0x1234_5678, raw) != CRC32C.tableUpdate(0x1234_5678, raw) {
                        mismatches.append("\(length) bytes at offset \(offset)")
                    }
                }
            }
            #expect(mismatches.isEmpty, "hardware and table CRC32C differ for \(mismatches.prefix(5))")
        }
    }
}

struct SnappyCodecTests {
    @Test func decodesPythonSnappyFramesWithAndWithoutStreamIdentifier() throws {
        // python-snappy 0.7: the first message of a stream carries the identifier, the next does not.
        let codec = PerMessageSnappyCodec()
        let first = Hex.decode("ff060000734e61507059000f00005cac59071d1468656c6c6f205a0600")!
        #expect(try codec.decompressMessage(first) == Array("hello hello hello hello hello".utf8))
        let second = Hex.decode("000f00005cac59071d1468656c6c6f205a0600")!
        #expect(try codec.decompressMessage(second) == Array("hello hello hello hello hello".utf8))
    }

    @Test func firstMessageStartsWithStreamIdentifierAndLaterOnesDoNotWithTakeover() throws {
        let codec = PerMessageSnappyCodec()
        let first = try codec.compressMessage(Array("hello hello hello hello hello".utf8))
        let second = try codec.compressMessage(Array("hello hello hello hello hello".utf8))
        #expect(Array(first.prefix(10)) == SnappyFraming.streamIdentifierChunk)
        #expect(Array(first.dropFirst(10)) == second)
    }

    @Test func everyMessageStartsWithStreamIdentifierWithoutTakeover() throws {
        let codec = try PerMessageSnappyCodec(.init(sendNoContextTakeover: true))
        let first = try codec.compressMessage(Array("hello hello hello hello hello".utf8))
        let second = try codec.compressMessage(Array("hello hello hello hello hello".utf8))
        #expect(first == second)
        #expect(Array(first.prefix(10)) == SnappyFraming.streamIdentifierChunk)
    }

    @Test func incompressibleChunkIsSentUncompressed() throws {
        var state: UInt64 = 1
        let noise = (0..<1000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let codec = try PerMessageSnappyCodec(.init(sendNoContextTakeover: true))
        let payload = try codec.compressMessage(noise)
        #expect(payload[10] == SnappyFraming.uncompressedData)
        #expect(try codec.decompressMessage(payload) == noise)
    }

    @Test func largeMessageSplitsIntoChunksOf64KiB() throws {
        let message = [UInt8](repeating: 0x61, count: 300 * 1024)
        let codec = PerMessageSnappyCodec()
        let payload = try codec.compressMessage(message)
        #expect(try codec.decompressMessage(payload) == message)
    }
}

struct Bzip2CodecTests {
    @Test func helloMatchesPythonBz2AtLevel9() throws {
        let codec = PerMessageBzip2Codec()
        let expected = Hex.decode("425a68393141592653591a546492000000050000400204a000219a68334d13338bb9229c28480d2a324900")!
        #expect(try codec.compressMessage(Array("Hello".utf8)) == expected)
        #expect(try codec.decompressMessage(expected) == Array("Hello".utf8))
    }

    @Test func stateMemoryIsReusedAcrossMessages() throws {
        let codec = try PerMessageBzip2Codec(.init(sendLevel: .min))
        let message = Array(repeating: Array("some text to compress ".utf8), count: 50).flatMap { $0 }
        var wire = MessageBuffer()
        var plain = MessageBuffer()
        try codec.compressMessage(message, into: &wire)
        try wire.withUnsafeReadableBytes { (bytes) throws(CodecError) in try codec.decompressMessage(bytes, into: &plain) }
        let afterFirst = codec.memory
        for _ in 0..<20 {
            wire.removeAll()
            plain.removeAll()
            try codec.compressMessage(message, into: &wire)
            try wire.withUnsafeReadableBytes { (bytes) throws(CodecError) in try codec.decompressMessage(bytes, into: &plain) }
            #expect(plain.bytes == message)
        }
        #expect(codec.memory == afterFirst)
        #expect(afterFirst.libraryAllocations > 0)
    }
}

struct SnappyBlockCompressorTests {
    #if os(Linux)
    @Test func debianLibsnappyExportsTheAllocationFreeFragmentCompressor() {
        // Without it the comparison below would compare snappy_compress with itself.
        #expect(SnappyBlockCompressor.usesFragmentCompressor)
    }
    #endif

    @Test(arguments: [1, 15, 16, 100, 255, 256, 257, 4096, 20000, 65535, 65536])
    func producesTheSameBytesAsSnappyCompress(length: Int) throws {
        var state: UInt64 = UInt64(length)
        let words = ["tick", "price", "user", "42.17", "{\"id\":", "the", "quick"]
        var input: [UInt8] = []
        while input.count < length {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            input += Array(words[Int(state >> 60) % words.count].utf8)
        }
        input = Array(input.prefix(length))
        var compressor = SnappyBlockCompressor()
        var ours = [UInt8](repeating: 0, count: SnappyBlockCompressor.bound(length))
        let oursLength = try input.withUnsafeBytes { source in
            try ours.withUnsafeMutableBytes { try compressor.compress(source, into: $0.baseAddress!) }
        }
        var theirs = [UInt8](repeating: 0, count: SnappyBlockCompressor.bound(length))
        var theirsLength = theirs.count
        input.withUnsafeBytes { source in
            theirs.withUnsafeMutableBytes {
                _ = snappy_compress(source.baseAddress?.assumingMemoryBound(to: CChar.self), length, $0.baseAddress!.assumingMemoryBound(to: CChar.self), &theirsLength)
            }
        }
        #expect(Array(ours.prefix(oursLength)) == Array(theirs.prefix(theirsLength)))
    }
}

struct SnappyFramingConstantTests {
    @Test func maximumCompressedChunkIsTheChecksumPlusLibsnappysBoundFor64KiB() {
        #expect(SnappyFraming.maximumCompressedChunk == SnappyFraming.checksumSize + snappy_max_compressed_length(SnappyFraming.maximumChunkData))
    }

    @Test(arguments: [0, 1, 5, 6, 100, 4095, 4096, 65535, 65536])
    func blockBoundIsLibsnappysMaxCompressedLength(count: Int) {
        #expect(SnappyBlockCompressor.bound(count) == snappy_max_compressed_length(count))
    }

    @Test func storedStreamIdentifierIsTheFramingFormatsChunk() {
        var stored = [UInt8](repeating: 0, count: SnappyFraming.streamIdentifierChunkSize)
        stored.withUnsafeMutableBytes { SnappyFraming.storeStreamIdentifier(at: $0.baseAddress!) }
        #expect(stored == SnappyFraming.streamIdentifierChunk)
    }
}
