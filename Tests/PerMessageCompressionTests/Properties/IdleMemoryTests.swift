import PerMessageCompression
import Testing

/// A codec holds memory only for what it has been used for: an idle connection costs almost
/// nothing, and a sender of whole messages needs no staging buffer.
struct IdleMemoryTests {
    @Test(arguments: [false, true])
    func idleSnappyCodecHoldsNoBuffers(noContextTakeover: Bool) throws {
        let codec = try PerMessageSnappyCodec(.init(sendNoContextTakeover: noContextTakeover, receiveNoContextTakeover: noContextTakeover))
        #expect(codec.memory.totalBytes == 0, "\(codec.memory)")
    }

    @Test func snappySenderOfWholeMessagesNeverStagesAndPiecesStillGiveTheSameBytes() throws {
        var random = SeededRandom(seed: 0x1D1E)
        let messages = [[], [0x61], MessageCorpus.repeatedText(300_000, using: &random), random.bytes(70_000), random.bytes(65_536)]
        let whole = PerMessageSnappyCodec()
        let pieces = PerMessageSnappyCodec()
        for message in messages {
            let payload = try whole.compressMessage(message)
            #expect(whole.memory.bufferBytes == 0, "whole messages are compressed in place: \(whole.memory)")
            #expect(try pieces.compressMessage(message, pieces: [1000, 70_000, 3]) == payload)
        }
        #expect(whole.memory.libraryBytes > 0, "the hash table is allocated once the codec sends")
        #expect(pieces.memory.bufferBytes > 0, "pieces off chunk boundaries are staged")
    }

    @Test(arguments: [CodecMode.deflate(), .deflate(windowBits: 9, memoryLevel: 1, noContextTakeover: true)])
    func idleDeflateCodecHoldsNoZlibStateUntilEachDirectionIsUsed(_ mode: CodecMode) throws {
        let codec = try mode.makeCodec()
        #expect(codec.memory.totalBytes == 0, "\(codec.memory)")
        let payload = try codec.compressMessage(Array("Hello".utf8))
        let sendState = codec.memory.libraryBytes
        #expect(sendState > 0, "deflateInit2 ran on the first message sent")
        // An empty payload needs no inflate: the stream stays unset, even where it is reset.
        #expect(try codec.decompressMessage([]) == [])
        #expect(codec.memory.libraryBytes == sendState)
        #expect(try codec.decompressMessage(payload) == Array("Hello".utf8))
        #expect(codec.memory.libraryBytes > sendState, "inflateInit2 ran on the first message received")
    }

    @Test func sendWindowOfEightIsStillRefusedWhenTheConfigurationIsMade() {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try PerMessageDeflateCodec.Configuration(sendWindowBits: WindowBits(rawValue: 8)!)
        }
        #expect(error == ConfigurationError(.windowBits, value: 8, allowed: 9...15, note: "zlib refuses 8 for raw deflate compression", extension: .deflate))
    }
}
