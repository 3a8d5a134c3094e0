import Foundation
import PerMessageCompression
import Testing

/// ``DeflateBackend/libdeflate``: whole messages without context takeover coded by libdeflate,
/// decoded by zlib and by libdeflate, everything else left to zlib.
struct LibdeflateBackendTests {
    static let messages = MessageCorpus.messages(count: 60, seed: 0x11BD_EF1A)

    static func codec(_ backend: DeflateBackend, takeover: Bool = false, windowBits: Int = 15, maxMessageSize: Int? = nil) throws -> PerMessageDeflateCodec {
        let bits = try #require(WindowBits(rawValue: windowBits))
        return PerMessageDeflateCodec(
            try .init(
                sendWindowBits: bits, sendNoContextTakeover: !takeover, receiveWindowBits: bits, receiveNoContextTakeover: !takeover,
                maxMessageSize: maxMessageSize, backend: backend))
    }

    @Test func zlibAndLibdeflateReceiversDecodeWhatLibdeflateSends() throws {
        let sender = try Self.codec(.libdeflate)
        let zlibReceiver = try Self.codec(.zlib)
        let libdeflateReceiver = try Self.codec(.libdeflate)
        for message in Self.messages {
            let payload = try sender.compressMessage(message)
            #expect(payload.last == 0x00, "a BFINAL stream followed by the empty stored block's 00")
            #expect(try zlibReceiver.decompressMessage(payload) == message)
            #expect(try libdeflateReceiver.decompressMessage(payload) == message)
        }
    }

    @Test func aLimitOfIntMaxDoesNotOverflowWithTheSecretBytesAfterTheMessage() throws {
        // A sync-flushed payload of 512 bytes and more goes to libdeflate, with the seal.
        let sender = try Self.codec(.zlib)
        let receiver = try Self.codec(.libdeflate, maxMessageSize: Int.max)
        let message = Self.messages.joined().prefix(4000).map { $0 }
        let payload = try sender.compressMessage(message)
        #expect(payload.count >= 512)
        #expect(try receiver.decompressMessage(payload) == message)
    }

    @Test func libdeflateReceiverDecodesWhatZlibSends() throws {
        let sender = try Self.codec(.zlib)
        let receiver = try Self.codec(.libdeflate)
        for message in Self.messages {
            #expect(try receiver.decompressMessage(try sender.compressMessage(message)) == message)
        }
    }

    @Test(arguments: [DeflateBackend.zlib, .libdeflate])
    func finalBlockPayloadsWithAndWithoutTheTrailingOctetInflateToHello(backend: DeflateBackend) throws {
        // RFC 7692 §7.2.3's example with BFINAL set, with the sender's trailing 00 and without.
        let codec = try Self.codec(backend)
        #expect(try codec.decompressMessage([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00]) == Array("Hello".utf8))
        #expect(try codec.decompressMessage([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]) == Array("Hello".utf8))
        // The octet in a frame of its own, once.
        #expect(try codec.decompressMessage([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00], pieces: [7, 1]) == Array("Hello".utf8))
    }

    @Test(arguments: [DeflateBackend.zlib, .libdeflate])
    func bytesAfterAFinalBlockOtherThanOneZeroOctetAreTrailingData(backend: DeflateBackend) throws {
        let codec = try Self.codec(backend)
        let error = try #require(throws: CodecError.self) {
            try codec.decompressMessage([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00, 0x00, 0x41])
        }
        #expect(error.reason.kind == "trailingData")
    }

    @Test func corruptPayloadGetsZlibsTypedErrorFromALibdeflateReceiver() throws {
        let zlibError = try #require(throws: CodecError.self) { try Self.codec(.zlib).decompressMessage([0xff, 0xff, 0xff, 0x00]) }
        let libdeflateError = try #require(throws: CodecError.self) { try Self.codec(.libdeflate).decompressMessage([0xff, 0xff, 0xff, 0x00]) }
        #expect(libdeflateError.reason == zlibError.reason)
    }

    @Test func bombOverTheLimitIsRefusedByALibdeflateReceiver() throws {
        let bomb = try Self.codec(.libdeflate).compressMessage([UInt8](repeating: 0, count: 4 << 20))
        let receiver = try Self.codec(.libdeflate, maxMessageSize: 1 << 20)
        let error = try #require(throws: CodecError.self) { try receiver.decompressMessage(bomb) }
        #expect(error.reason == .messageTooLarge(limit: 1 << 20))
        // A message of exactly the limit still fits.
        let exact = try Self.codec(.libdeflate).compressMessage([UInt8](repeating: 7, count: 1 << 20))
        #expect(try Self.codec(.libdeflate, maxMessageSize: 1 << 20).decompressMessage(exact).count == 1 << 20)
    }

    @Test(arguments: [(true, 15), (false, 12)])
    func withTakeoverOrASmallWindowLibdeflateIsNotUsedAndBytesAreZlibs(takeover: Bool, windowBits: Int) throws {
        let zlib = try Self.codec(.zlib, takeover: takeover, windowBits: windowBits)
        let libdeflate = try Self.codec(.libdeflate, takeover: takeover, windowBits: windowBits)
        for message in Self.messages {
            #expect(try libdeflate.compressMessage(message) == zlib.compressMessage(message))
        }
    }

    @Test func messageGivenInPiecesIsCompressedByZlib() throws {
        let message = Array(repeating: Array("piece by piece ".utf8), count: 200).flatMap { $0 }
        let pieces = try Self.codec(.libdeflate).compressMessage(message, pieces: [100, 1000])
        #expect(pieces == (try Self.codec(.zlib).compressMessage(message)))
        #expect(try Self.codec(.zlib).decompressMessage(pieces) == message)
    }

    @Test func emptyMessageRoundTripsThroughLibdeflate() throws {
        let payload = try Self.codec(.libdeflate).compressMessage([])
        #expect(try Self.codec(.zlib).decompressMessage(payload) == [])
        #expect(try Self.codec(.libdeflate).decompressMessage(payload) == [])
        #expect(try Self.codec(.libdeflate).decompressMessage([]) == [])
    }

    @Test func libdeflateStateIsCountedAfterTheFirstMessageOnly() throws {
        let codec = try Self.codec(.libdeflate)
        #expect(codec.memory.totalBytes == 0)
        _ = try codec.decompressMessage(try codec.compressMessage(Array("counted".utf8)))
        // libdeflate's compressor at level 6 holds a few hundred KiB, its decompressor about 10 KiB.
        #expect(codec.memory.libraryBytes > 100_000)
    }

    @Test func shortSyncFlushedPayloadsStayWithZlibAndLongerOnesGoToLibdeflate() throws {
        // Whether libdeflate's decompressor was made shows which library decoded.
        let sender = try Self.codec(.zlib)
        let short = try sender.compressMessage(Array("a chat message of a few dozen bytes".utf8))
        let long = try sender.compressMessage(MessageCorpus.messages(count: 40, seed: 7).joined().map { $0 })
        #expect(short.count < 512 && long.count >= 512 && short[0] & 1 == 0, "zlib's first block is never final")
        let receiver = try Self.codec(.libdeflate)
        let zlibOnly = try Self.codec(.zlib)
        _ = try zlibOnly.decompressMessage(short)
        #expect(try receiver.decompressMessage(short) == Array("a chat message of a few dozen bytes".utf8))
        #expect(receiver.memory.libraryBytes == zlibOnly.memory.libraryBytes, "libdeflate not used")
        _ = try receiver.decompressMessage(long)
        #expect(receiver.memory.libraryBytes > zlibOnly.memory.libraryBytes, "libdeflate used")
        // A short payload whose first block is final (libdeflate's own) is libdeflate's: that
        // receiver holds libdeflate's decompressor alone, zlib's stream never made.
        let other = try Self.codec(.libdeflate)
        _ = try other.decompressMessage(try Self.codec(.libdeflate).compressMessage(Array("short".utf8)))
        #expect(other.memory.libraryBytes == receiver.memory.libraryBytes - zlibOnly.memory.libraryBytes)
    }

    @Test func configurationEncodesTheBackendOnlyWhenItIsLibdeflate() throws {
        let zlib = try JSONEncoder().encode(CompressionConfiguration.deflate(.default))
        #expect(!String(decoding: zlib, as: UTF8.self).contains("backend"))
        let libdeflate = CompressionConfiguration.deflate(try .init(sendNoContextTakeover: true, backend: .libdeflate))
        let data = try JSONEncoder().encode(libdeflate)
        #expect(String(decoding: data, as: UTF8.self).contains("\"backend\":\"libdeflate\""))
        #expect(try JSONDecoder().decode(CompressionConfiguration.self, from: data) == libdeflate)
    }
}
