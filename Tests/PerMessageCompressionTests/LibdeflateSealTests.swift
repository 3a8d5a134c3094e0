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
}
