import PerMessageCompression
import Testing

/// An error's description says what was wrong in words, not a bare number.
struct ErrorDescriptionTests {
    @Test func outOfMemoryWithoutARequestSizeDoesNotClaimZeroBytes() {
        #expect(CodecError.Reason.outOfMemory(bytes: 0).description == "out of memory: the library could not allocate its state")
        #expect(CodecError.Reason.outOfMemory(bytes: 4096).description == "out of memory allocating 4096 bytes")
    }

    @Test func snappyCompressedChunkThatDoesNotParseNamesTheStatus() throws {
        // A compressed chunk whose preamble says 10 bytes, followed by a copy tag with no offset.
        let body: [UInt8] = [0x0A, 0xFF]
        let chunk: [UInt8] = [0x00, UInt8(4 + body.count), 0x00, 0x00, 0x00, 0x00, 0x00, 0x00] + body
        let error = try #require(PerMessageSnappyCodec().decompressionError(chunk))
        #expect(error.reason == .corruptData("snappy_uncompress rejected a compressed chunk of 2 bytes (SNAPPY_INVALID_INPUT)"))
    }
}
