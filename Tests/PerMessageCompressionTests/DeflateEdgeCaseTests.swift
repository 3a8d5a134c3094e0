import PerMessageCompression
import Testing

/// zlib corner cases the permessage-deflate compressor must get right to stay byte-identical
/// with Autobahn|Python (which drives the same zlib through Python's `zlib` module).
struct DeflateEdgeCaseTests {
    @Test func emptyMessageAfterAMessageWithTakeoverIsStillTheSingleZeroByte() throws {
        // zlib answers a second sync flush without input in between with Z_BUF_ERROR.
        let sender = PerMessageDeflateCodec()
        let receiver = PerMessageDeflateCodec()
        for message in [Array("a".utf8), [], [], Array("b".utf8)] {
            let payload = try sender.compressMessage(message)
            if message.isEmpty { #expect(payload == [0x00]) }
            #expect(try receiver.decompressMessage(payload) == message)
        }
    }

    /// A small payload is inflated with its `00 00 ff ff` in one call, 16 KiB of output room at a
    /// time; a message of whole multiples of that fills the room exactly as zlib reaches the end
    /// of its last block. It must still count as ending between blocks: one more call to zlib
    /// would move it on past that point (an earlier version of that path called truncated).
    @Test(arguments: [false, true])
    func messageThatFillsTheOutputRoomExactlyEndsBetweenBlocks(_ noContextTakeover: Bool) throws {
        for windowBits in [12, 15] {
            let configuration = try PerMessageDeflateCodec.Configuration(
                sendWindowBits: WindowBits(windowBits), sendNoContextTakeover: noContextTakeover, receiveWindowBits: WindowBits(windowBits),
                receiveNoContextTakeover: noContextTakeover)
            let sender = PerMessageDeflateCodec(configuration)
            let receiver = PerMessageDeflateCodec(configuration)
            for size in [16384, 32768, 65536, 16384] {
                let message = [UInt8](repeating: 0x61, count: size)
                let payload = try sender.compressMessage(message)
                #expect(payload.count <= 1020)
                #expect(try receiver.decompressMessage(payload) == message, "\(size) bytes, window \(windowBits)")
            }
        }
    }

    @Test func emptyMessageFedAsSeveralEmptyPiecesIsTheSingleZeroByte() throws {
        let sender = PerMessageDeflateCodec()
        _ = try sender.compressMessage(Array("Hello".utf8))
        #expect(try sender.compressMessage([], pieces: [0, 0, 0]) == [0x00])
    }

    @Test func finalFlushThatFillsTheOutputExactlyAddsNoSecondEmptyBlock() throws {
        // Pieces leave a block buffered in zlib for the final flush; if the flush's output room
        // ends exactly at the trailer, zlib appends a second empty stored block on the next
        // call. Some of these seeded messages and splits hit that exact fill.
        var random = SeededRandom(seed: 0xF1)
        var previous: [UInt8] = []
        for index in 0..<400 {
            let message = MessageCorpus.randomMessage(using: &random, previous: previous)
            previous = message
            let whole = try PerMessageDeflateCodec().compressMessage(message)
            let pieces = try PerMessageDeflateCodec().compressMessage(message, pieces: random.pieceSizes(total: message.count))
            #expect(pieces == whole, "message \(index) of \(message.count) bytes")
        }
    }
}
