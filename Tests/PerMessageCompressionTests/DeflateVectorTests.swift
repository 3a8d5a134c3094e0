import PerMessageCompression
import Testing

/// RFC 7692 §7.2.3 examples, byte for byte.
struct DeflateVectorTests {
    @Test func helloCompressesToTheRFCBytes() throws {
        let codec = PerMessageDeflateCodec()
        #expect(try codec.compressMessage(Array("Hello".utf8)) == [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00])
    }

    @Test func secondHelloWithContextTakeoverReusesTheWindow() throws {
        let codec = PerMessageDeflateCodec()
        _ = try codec.compressMessage(Array("Hello".utf8))
        #expect(try codec.compressMessage(Array("Hello".utf8)) == [0xf2, 0x00, 0x11, 0x00, 0x00])
    }

    @Test func secondHelloWithoutContextTakeoverRepeatsTheFirstPayload() throws {
        let codec = try PerMessageDeflateCodec(.init(sendNoContextTakeover: true))
        _ = try codec.compressMessage(Array("Hello".utf8))
        #expect(try codec.compressMessage(Array("Hello".utf8)) == [0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00])
    }

    @Test func emptyMessageCompressesToSingleZeroByte() throws {
        let codec = PerMessageDeflateCodec()
        #expect(try codec.compressMessage([]) == [0x00])
    }

    @Test func rfcPayloadsInflateToHello() throws {
        let codec = PerMessageDeflateCodec()
        #expect(try codec.decompressMessage([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]) == Array("Hello".utf8))
        #expect(try codec.decompressMessage([0xf2, 0x00, 0x11, 0x00, 0x00]) == Array("Hello".utf8))
    }

    @Test func uncompressedStoredBlockInflatesToHello() throws {
        // RFC 7692 §7.2.3.2: "Hello" in a stored block (BFINAL 0).
        let codec = PerMessageDeflateCodec()
        #expect(try codec.decompressMessage([0x00, 0x05, 0x00, 0xfa, 0xff, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x00]) == Array("Hello".utf8))
    }

    @Test func finalBlockPayloadInflatesToHello() throws {
        // RFC 7692 §7.2.3.3: BFINAL set; the receiver still appends 00 00 ff ff.
        let codec = PerMessageDeflateCodec()
        #expect(try codec.decompressMessage([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]) == Array("Hello".utf8))
        #expect(try codec.decompressMessage([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]) == Array("Hello".utf8))
    }

    @Test func zeroBytePayloadInflatesToEmptyMessage() throws {
        let codec = PerMessageDeflateCodec()
        #expect(try codec.decompressMessage([]) == [])
        #expect(try codec.decompressMessage([0x00]) == [])
    }
}
