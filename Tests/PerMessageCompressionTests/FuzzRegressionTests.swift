import PerMessageCompression
import Testing

/// Inputs the fuzz targets in `Fuzz/` found, each kept as the smallest payload that shows the
/// fault. `Fuzz/README.md` says how they were found.
struct FuzzRegressionTests {
    /// `73 ff fd 7e`: a fixed-Huffman block with BFINAL set whose codes do not end within the
    /// payload. With the trailer appended it is still unfinished, so zlib refuses the message as
    /// truncated. libdeflate's path appended `00 00 ff ff 03 00` (the trailer and an empty final
    /// block), and the payload's block read those six bytes as more codes and ended exactly at
    /// their end, so the path took it for the trailer's own final block: 121 bytes, partly
    /// decoded from bytes the peer never sent. Fixed: the path now appends a seal of secret bytes
    /// (``LibdeflateDecompressor``), and such a payload goes to zlib.
    /// (DeflateDecoderFuzz, the zlib/libdeflate comparison.)
    static let finalBlockRunningIntoTheTrailer: [UInt8] = [0x73, 0xFF, 0xFD, 0x7E]

    /// `01 06 00 f9 ff`: the same fault at its plainest, made by hand after the fuzzer's find. A
    /// final stored block of six bytes whose payload ends after its header: zlib, given
    /// `00 00 ff ff`, waits for two more bytes (truncated); libdeflate's path read its own six
    /// appended bytes as the block's content.
    static let storedFinalBlockOfTheTrailer: [UInt8] = [0x01, 0x06, 0x00, 0xF9, 0xFF]

    static func receiver(_ backend: DeflateBackend) throws -> PerMessageDeflateCodec {
        PerMessageDeflateCodec(try .init(receiveNoContextTakeover: true, maxMessageSize: 64 << 10, backend: backend))
    }

    /// Both payloads: a final block that runs on past the payload's end.
    static let finalBlocksRunningIntoTheTrailer = [finalBlockRunningIntoTheTrailer, storedFinalBlockOfTheTrailer]

    @Test(arguments: finalBlocksRunningIntoTheTrailer)
    func zlibRefusesAFinalBlockThatRunsIntoTheTrailer(_ payload: [UInt8]) throws {
        let codec = try Self.receiver(.zlib)
        let error = try #require(throws: CodecError.self) { try codec.decompressMessage(payload) }
        #expect(error.reason == .truncated("the message ends inside a deflate block"))
    }

    @Test(arguments: finalBlocksRunningIntoTheTrailer)
    func libdeflateRefusesAFinalBlockThatRunsIntoTheTrailerAsZlibDoes(_ payload: [UInt8]) throws {
        let codec = try Self.receiver(.libdeflate)
        let error = try #require(throws: CodecError.self) { try codec.decompressMessage(payload) }
        #expect(error.reason == .truncated("the message ends inside a deflate block"))
    }

    @Test
    func libdeflateRefusesTheSamePayloadInPiecesAsZlibDoes() throws {
        // In two pieces the payload never reaches libdeflate (it takes whole payloads only), so
        // zlib decides, and refuses it.
        let codec = try Self.receiver(.libdeflate)
        let payload = Self.finalBlockRunningIntoTheTrailer
        var output = MessageBuffer()
        #expect(throws: CodecError.self) {
            try payload[..<2].withUnsafeBytes { try codec.decompress($0, isFinal: false, into: &output) }
            try payload[2...].withUnsafeBytes { try codec.decompress($0, isFinal: true, into: &output) }
        }
    }

    /// `f3 48 27 00`: a final fixed-Huffman block ("H", then 32 "g") whose last code and
    /// end-of-block read the first of the four bytes appended after the payload, leaving three.
    /// Decoded whole it is trailing data; decoded in slices of 16 bytes it decoded, because the
    /// copy of a small payload with its trailer, resumed after a slice, counted the trailer's
    /// last three bytes as all of it (DeflateDecoderFuzz, the whole/sliced comparison, before
    /// that path was committed).
    static let finalBlockReadingOneAppendedByte: [UInt8] = [0xF3, 0x48, 0x27, 0x00]

    @Test(arguments: [Int.max, 16, 1])
    func aFinalBlockThatReadsPartOfTheTrailerIsTrailingDataInSlicesToo(_ outputLimit: Int) throws {
        let codec = PerMessageDeflateCodec()
        var output = MessageBuffer()
        let error = try #require(throws: CodecError.self) {
            try Self.finalBlockReadingOneAppendedByte.withUnsafeBytes { payload in
                var rest = payload[...]
                while true {
                    let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: true, into: &output, outputLimit: outputLimit)
                    if step.isComplete { break }
                    rest = rest.dropFirst(step.consumedBytes)
                }
            }
        }
        #expect(error.reason == .trailingData(byteCount: 3))
    }

    /// A payload that refers 600 bytes back, sent to a receiver that agreed to a 512-byte
    /// window (`server_max_window_bits=9`): the sender broke the agreement. zlib checks a
    /// distance against its window only when it reaches before what the same `inflate` call has
    /// written, so one call with room for the whole message decoded it, and the same payload in
    /// slices of 64 bytes was refused (DeflateDecoderFuzz, the whole/sliced comparison, with a
    /// fuzzed payload; this one is made to show it). That is zlib's check, the default, as
    /// Autobahn|Python has it; ``ReceiveWindowCheck/exact`` refuses it however it arrives.
    static func referenceBeyondTheAgreedWindow() throws -> [UInt8] {
        var random = SeededRandom(seed: 0x600)
        let head = random.bytes(600)
        let message = head + head.prefix(100)
        // Compressed with a 32 KiB window: the last 100 bytes become one reference 600 back.
        return try PerMessageDeflateCodec(try .init(sendNoContextTakeover: true)).compressMessage(message)
    }

    static func smallWindowReceiver(_ check: ReceiveWindowCheck = .zlib) throws -> PerMessageDeflateCodec {
        PerMessageDeflateCodec(try .init(receiveWindowBits: WindowBits(rawValue: 9)!, receiveNoContextTakeover: true, receiveWindowCheck: check))
    }

    @Test func aReferenceBeyondTheAgreedWindowIsRefusedInSlices() throws {
        let payload = try Self.referenceBeyondTheAgreedWindow()
        let codec = try Self.smallWindowReceiver()
        var output = MessageBuffer()
        let error = try #require(throws: CodecError.self) {
            try payload.withUnsafeBytes { all in
                var rest = all[...]
                while true {
                    let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: true, into: &output, outputLimit: 64)
                    if step.isComplete { break }
                    rest = rest.dropFirst(step.consumedBytes)
                }
            }
        }
        #expect(error.reason == .corruptData("inflate: invalid distance too far back"))
    }

    @Test func aReferenceBeyondTheAgreedWindowIsDecodedWholeByZlibsCheckAndRefusedByTheExactOne() throws {
        let payload = try Self.referenceBeyondTheAgreedWindow()
        #expect(try Self.smallWindowReceiver().decompressMessage(payload).count == 700)
        let codec = try Self.smallWindowReceiver(.exact)
        let error = try #require(throws: CodecError.self) { try codec.decompressMessage(payload) }
        #expect(error.reason == .corruptData("a back-reference reaches 513–768 bytes back (distance code 18), beyond the agreed window of 512 bytes"))
    }
}
