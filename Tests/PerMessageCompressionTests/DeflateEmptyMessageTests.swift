import PerMessageCompression
import Testing

/// Empty messages between others, with context takeover: found by the Autobahn exchange test.
struct DeflateEmptyMessageTests {
    @Test(arguments: [false, true])
    func emptyMessageAfterAnotherCompressesToSingleZeroByte(noContextTakeover: Bool) throws {
        // Python's zlib (Autobahn) gives 00 00 00 ff ff for the same sequence: 00 once stripped.
        let codec = try PerMessageDeflateCodec(.init(sendNoContextTakeover: noContextTakeover))
        _ = try codec.compressMessage(Array("Hello".utf8))
        #expect(try codec.compressMessage([]) == [0x00])
        #expect(try codec.compressMessage([]) == [0x00])
        #expect(try codec.compressMessage(Array("Hello".utf8)).isEmpty == false)
    }

    @Test func emptyMessagesBetweenOthersRoundTrip() throws {
        let sender = try PerMessageDeflateCodec()
        let receiver = try PerMessageDeflateCodec()
        for message in [Array("Hello".utf8), [], [], Array("Hello".utf8), []] {
            #expect(try receiver.decompressMessage(sender.compressMessage(message)) == message)
        }
    }
}
