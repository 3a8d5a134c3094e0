@testable import PerMessageCompression
import Testing

/// The seal ``LibdeflateDecompressor`` appends after `00 00 ff ff`, so that libdeflate, which
/// decodes to a final block in one call, takes a payload exactly when zlib would: a sync-flushed
/// payload is libdeflate's; one whose last block runs on into the appended bytes goes to zlib.
struct LibdeflateSealTests {
    /// Runs the decompressor alone: whether libdeflate took `payload`, and what it appended.
    static func libdeflateTakes(_ payload: [UInt8], limit: Int? = nil) throws -> (taken: Bool, output: [UInt8]) {
        var decompressor = LibdeflateDecompressor()
        var output = MessageBuffer()
        let taken = try payload.withUnsafeBytes { (bytes) throws(CodecError) in try decompressor.decompress(bytes, limit: limit, into: &output) }
        return (taken, output.bytes)
    }

    static func zlibPayload(_ message: [UInt8]) throws -> [UInt8] {
        try PerMessageDeflateCodec(try .init(sendNoContextTakeover: true)).compressMessage(message)
    }

    @Test func aSyncFlushedPayloadIsDecodedByLibdeflateWithoutTheSecret() throws {
        for message in MessageCorpus.messages(count: 40, seed: 0x5EA1) + [[], Array("Hello".utf8)] {
            let (taken, output) = try Self.libdeflateTakes(try Self.zlibPayload(message))
            #expect(taken)
            #expect(output == message)
        }
    }

    @Test func aStoredBlockThatCopiesTheAppendedBytesIsLeftToZlib() throws {
        // A non-final stored block whose length covers "abc", `00 00 ff ff`, the seal's
        // five-byte header and its 16 secret bytes: libdeflate reads to the seal's end, and the
        // output ends with the secret, but behind the copied header.
        let length = UInt16(3 + 4 + 5 + LibdeflateDecompressor.secretCount)
        let payload: [UInt8] = [0x00, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)] + Array("abc".utf8)
        #expect(try Self.libdeflateTakes(payload).taken == false)
        let error = try #require(throws: CodecError.self) { try FuzzRegressionTests.receiver(.libdeflate).decompressMessage(payload) }
        #expect(error.reason == .truncated("the message ends inside a deflate block"))
    }

    @Test func aMessageThatEndsWithTheSealsHeaderIsDecodedByZlibInstead() throws {
        // The seal's stored-block header for 16 bytes, as a message's last bytes.
        let message = Array("ends with the header".utf8) + [0x00, 0x10, 0x00, 0xEF, 0xFF]
        let payload = try Self.zlibPayload(message)
        #expect(try Self.libdeflateTakes(payload).taken == false)
        #expect(try FuzzRegressionTests.receiver(.libdeflate).decompressMessage(payload) == message)
    }

    @Test func aMessageOfExactlyTheLimitFitsBesideTheSecret() throws {
        let message = [UInt8](repeating: 0x61, count: 4096)
        let (taken, output) = try Self.libdeflateTakes(try Self.zlibPayload(message), limit: 4096)
        #expect(taken)
        #expect(output == message)
        #expect(try Self.libdeflateTakes(try Self.zlibPayload(message + [0x61]), limit: 4096).taken == false)
    }

    @Test func eachDecompressorDrawsASecretOfItsOwn() throws {
        var first = LibdeflateDecompressor()
        var second = LibdeflateDecompressor()
        #expect(first.memory.totalBytes == 0, "nothing before the first message")
        var output = MessageBuffer()
        let payload = try Self.zlibPayload(Array("x".utf8))
        _ = try payload.withUnsafeBytes { (bytes) throws(CodecError) in try first.decompress(bytes, limit: nil, into: &output) }
        _ = try payload.withUnsafeBytes { (bytes) throws(CodecError) in try second.decompress(bytes, limit: nil, into: &output) }
        #expect(first.secret != second.secret)
    }

    /// A final dynamic block whose code lengths end with a run of 11 zeros where one length is
    /// left (the distance code's): "AA" once the 10 extra lengths are ignored. zlib refuses it
    /// ("invalid bit length repeat"), and so does libdeflate from 1.16; 1.14, Debian 12's, ignores
    /// them (fuzz finding 6, `DeflateDecoderFuzz`).
    static let codeLengthsPastTheirCount: [UInt8] = [0x05, 0xC0, 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x90, 0x36, 0xFF, 0x53, 0x02, 0x08]

    @Test func codeLengthsPastTheirCountAreRefusedByZlib() throws {
        let error = try #require(throws: CodecError.self) { try FuzzRegressionTests.receiver(.zlib).decompressMessage(Self.codeLengthsPastTheirCount) }
        #expect(error.reason == .corruptData("inflate: invalid bit length repeat"))
    }

    @Test func codeLengthsPastTheirCountAreRefusedByTheLibdeflateBackendFromLibdeflate116() throws {
        let codec = try FuzzRegressionTests.receiver(.libdeflate)
        withKnownIssue("libdeflate before 1.16 ignores code lengths past their count (Fuzz/README.md, finding 6; refused with ReceiveWindowCheck.exact)") {
            #expect(throws: CodecError.self) { try codec.decompressMessage(Self.codeLengthsPastTheirCount) }
        } when: {
            !LibdeflateVersion.refusesExtraCodeLengths
        }
    }

    /// A final fixed-Huffman block: "A", then literal/length symbol 286 with distance 1, then the
    /// end of block. Symbols 286 and 287 have fixed codes but no meaning: zlib refuses them
    /// ("invalid literal/length code"); libdeflate decodes them as a length of 258, by design
    /// ("we accept what zlib accepts, plus a bit more", as it does for the unused codeword of a
    /// one-symbol code), so here 259 "A"s (fuzz finding 6).
    static let meaninglessLengthSymbol: [UInt8] = [0x73, 0x1C, 0x03, 0x00]

    @Test func aMeaninglessLengthSymbolIsRefusedByZlibAndDecodedByLibdeflate() throws {
        let error = try #require(throws: CodecError.self) { try FuzzRegressionTests.receiver(.zlib).decompressMessage(Self.meaninglessLengthSymbol) }
        #expect(error.reason == .corruptData("inflate: invalid literal/length code"))
        let codec = try FuzzRegressionTests.receiver(.libdeflate)
        withKnownIssue("libdeflate decodes fixed-code symbols 286 and 287 as a length of 258 (Fuzz/README.md, finding 6; refused with ReceiveWindowCheck.exact)") {
            #expect(throws: CodecError.self) { try codec.decompressMessage(Self.meaninglessLengthSymbol) }
        }
    }
}
