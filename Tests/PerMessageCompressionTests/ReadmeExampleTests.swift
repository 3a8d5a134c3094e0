import PerMessageCompression
import Testing

/// The README's usage example, as written there, so it stays true.
struct ReadmeExampleTests {
    @Test func readmeExampleCompressesHelloToTheRFCBytesAndBack() throws {
        let sender = PerMessageDeflateCodec(try .init(sendNoContextTakeover: true))
        let receiver = PerMessageDeflateCodec(try .init(receiveNoContextTakeover: true, maxMessageSize: 1 << 20))

        var wire = MessageBuffer(capacity: 4096)
        try sender.compressMessage(Array("Hello".utf8), into: &wire)  // f2 48 cd c9 c9 07 00
        var message = MessageBuffer(capacity: 4096)
        try wire.withUnsafeReadableBytes { try receiver.decompressMessage($0, into: &message) }
        #expect(wire.bytes == [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00])
        #expect(message.bytes == Array("Hello".utf8))
        wire.removeAll(); message.removeAll()  // keep the capacity
        #expect(wire.isEmpty && message.isEmpty && wire.capacity >= 4096)
    }
}
