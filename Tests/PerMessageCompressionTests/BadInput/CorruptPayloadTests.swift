import PerMessageCompression
import Testing

/// Damaged payloads get the typed error that names the damage, with the codec's context, and
/// leave the decompressor refusing further use (a WebSocket connection fails on the first).
struct CorruptPayloadTests {
    /// A message that compresses well, so its payload is mostly compressed data.
    static let text = MessageCorpus.repeatedText(100_000, using: &seededRandom)
    nonisolated(unsafe) static var seededRandom = SeededRandom(seed: 0xBAD)

    static func payload(_ mode: CodecMode, _ message: [UInt8] = text) throws -> [UInt8] {
        try mode.makeCodec().compressMessage(message)
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func errorCarriesExtensionDirectionAndMessageIndex(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let codec = try mode.makeCodec()
        let good = try Self.payload(mode, Array("first".utf8))
        #expect(try codec.decompressMessage(good) == Array("first".utf8))
        let error = try #require(codec.decompressionError([0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))
        #expect(error.extensionName == type(of: codec).extensionName)
        #expect(error.direction == .decompress)
        #expect(error.messageIndex == 1)
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func decompressorRefusesFurtherUseAfterAnError(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let codec = try mode.makeCodec()
        let first = try #require(codec.decompressionError([0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))
        let good = try Self.payload(mode, Array("valid".utf8))
        let second = try #require(codec.decompressionError(good))
        #expect(second.reason == .failedEarlier(first.description))
        #expect(second.reason.kind == "failedEarlier")
        // The other direction is independent and still works.
        #expect(try codec.compressMessage(Array("still sending".utf8)).isEmpty == false)
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func truncatedPayloadIsReportedAsTruncated(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        // Noise: deflate stores it, so cutting it ends the message inside a stored block.
        var random = SeededRandom(seed: 7)
        let payload = try Self.payload(mode, random.bytes(20_000))
        for cut in [payload.count / 2, payload.count - 1] {
            let error = try #require(try mode.makeCodec().decompressionError(Array(payload.prefix(cut))))
            #expect(error.reason.kind == "truncated", "cut at \(cut) of \(payload.count): \(error)")
        }
    }

    @Test func deflateFlippedBitInStoredBlockLengthIsCorruptData() throws {
        var random = SeededRandom(seed: 8)
        var payload = try Self.payload(.deflate(), random.bytes(1_000))
        #expect(payload[0] & 0x06 == 0, "noise is sent as a stored block")
        payload[1] ^= 0x10  // LEN no longer matches NLEN
        let error = try #require(PerMessageDeflateCodec().decompressionError(payload))
        #expect(error.reason.kind == "corruptData", "\(error)")
        #expect(error.description.contains("invalid stored block lengths"))
    }

    @Test func deflateReservedBlockTypeIsCorruptData() throws {
        let error = try #require(PerMessageDeflateCodec().decompressionError([0x06, 0x00, 0x00]))
        #expect(error.reason.kind == "corruptData", "\(error)")
        #expect(error.description.contains("invalid block type"))
    }

    @Test func deflateDataAfterAFinalBlockIsTrailingData() throws {
        // RFC 7692 §7.2.3.3 "Hello" with BFINAL set, then 3 more bytes.
        let error = try #require(PerMessageDeflateCodec().decompressionError([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x01, 0x02, 0x03]))
        #expect(error.reason == .trailingData(byteCount: 3))
    }

    /// A whole payload of up to 1,020 bytes is inflated together with the `00 00 ff ff` appended to
    /// it, in one call; in pieces, the payload and the four bytes are inflated apart. Both judge
    /// every payload alike: the same message or the same error.
    @Test(arguments: [
        [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00],  // RFC 7692's "Hello": decodes
        [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00],  // with BFINAL set: decodes
        [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00],  // and one 00 after it: decodes
        [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x00, 0x00],  // two: trailing data
        [0xF3, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00, 0x01, 0x02, 0x03],  // three more: trailing data
        [0x01, 0x04, 0x00, 0xFB, 0xFF],  // a final stored block of the four appended bytes: decodes
        [0x01, 0x02, 0x00, 0xFD, 0xFF],  // one of two of them: two bytes of trailing data
        [0x01, 0x06, 0x00, 0xF9, 0xFF],  // one of six: truncated
        [0xF2, 0x48, 0xCD],  // cut inside a block: truncated
        [0x06, 0x00, 0x00],  // a reserved block type: corrupt
    ] as [[UInt8]])
    func deflateJudgesAWholeSmallPayloadAsItsPieces(_ payload: [UInt8]) throws {
        func outcome(_ decode: () throws -> [UInt8]) -> Result<[UInt8], CodecError> {
            do { return .success(try decode()) } catch let error as CodecError { return .failure(error) } catch { fatalError("\(error)") }
        }
        let whole = outcome { try PerMessageDeflateCodec().decompressMessage(payload) }
        let pieces = outcome { try PerMessageDeflateCodec().decompressMessage(payload, pieces: [1, payload.count]) }
        switch (whole, pieces) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(a.reason == b.reason)
        default: Issue.record("whole: \(whole), in pieces: \(pieces)")
        }
    }

    @Test func bzip2FlippedBitFailsTheBlockCRC() throws {
        var payload = try Self.payload(.bzip2(level: 9))
        payload[payload.count / 2] ^= 0x01
        let error = try #require(PerMessageBzip2Codec().decompressionError(payload))
        #expect(error.reason.kind == "corruptData", "\(error)")
        #expect(error.description.contains("BZ_DATA_ERROR"))
    }

    @Test func bzip2BytesWithoutTheMagicAreCorruptData() throws {
        let error = try #require(PerMessageBzip2Codec().decompressionError(Array("BZx9 not bzip2 at all".utf8)))
        #expect(error.reason == .corruptData("BZ2_bzDecompress: not a bzip2 stream (BZ_DATA_ERROR_MAGIC)"))
    }

    @Test func bzip2BytesAfterTheStreamAreTrailingData() throws {
        let payload = try Self.payload(.bzip2(level: 1), Array("Hello".utf8)) + [1, 2, 3, 4, 5]
        let error = try #require(PerMessageBzip2Codec().decompressionError(payload))
        #expect(error.reason == .trailingData(byteCount: 5))
    }

    /// An uncompressed snappy chunk holding "Hello" with its masked CRC32C (python-snappy's bytes).
    static let snappyHello: [UInt8] = [0x01, 0x09, 0x00, 0x00, 0x8a, 0xee, 0xb9, 0xbe, 0x48, 0x65, 0x6c, 0x6c, 0x6f]

    @Test func snappyChunkWithABadCRCIsAChecksumMismatch() throws {
        #expect(try PerMessageSnappyCodec().decompressMessage(Self.snappyHello) == Array("Hello".utf8))
        var payload = Self.snappyHello
        payload[4] ^= 0x01
        let error = try #require(PerMessageSnappyCodec().decompressionError(payload))
        #expect(error.reason == .checksumMismatch(expected: 0xbeb9_ee8b, actual: 0xbeb9_ee8a))
    }

    @Test func snappyFlippedDataBitIsAChecksumMismatch() throws {
        var payload = Self.snappyHello
        payload[10] ^= 0x20  // "Hello" -> "HeLlo"
        let error = try #require(PerMessageSnappyCodec().decompressionError(payload))
        #expect(error.reason.kind == "checksumMismatch", "\(error)")
    }

    @Test func snappyFlippedBitInCompressedDataIsDetected() throws {
        var payload = try Self.payload(.snappy(noContextTakeover: false))
        payload[payload.count / 2] ^= 0x04
        let error = try #require(PerMessageSnappyCodec().decompressionError(payload))
        #expect(["checksumMismatch", "corruptData"].contains(error.reason.kind), "\(error)")
    }

    @Test(arguments: [UInt8(0x02), 0x40, 0x7F])
    func snappyUnskippableReservedChunkIsAnUnknownChunkType(_ type: UInt8) throws {
        let payload = SnappyFrames.streamIdentifier + [type, 0x03, 0x00, 0x00, 0xAA, 0xBB, 0xCC] + Self.snappyHello
        let error = try #require(PerMessageSnappyCodec().decompressionError(payload))
        #expect(error.reason == .unknownChunkType(type))
    }

    @Test(arguments: [UInt8(0x80), 0xFD, 0xFE])
    func snappySkippableChunkIsSkipped(_ type: UInt8) throws {
        let payload = SnappyFrames.streamIdentifier + [type, 0x03, 0x00, 0x00, 0xAA, 0xBB, 0xCC] + Self.snappyHello
        #expect(try PerMessageSnappyCodec().decompressMessage(payload) == Array("Hello".utf8))
    }

    @Test func snappyChunkLongerThanAllowedIsCorruptData() throws {
        let error = try #require(PerMessageSnappyCodec().decompressionError([0x01, 0xFF, 0xFF, 0x01, 0, 0, 0, 0]))
        #expect(error.reason.kind == "corruptData", "\(error)")
    }
}

enum SnappyFrames {
    /// The snappy framing stream identifier chunk.
    static let streamIdentifier: [UInt8] = [0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]
}
