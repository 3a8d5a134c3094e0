import Foundation
@testable import PerMessageCompression
import Testing

/// With ``ReceiveWindowCheck/exact``, a receiver that agreed to a window under 15 bits refuses a
/// back-reference beyond it, however zlib's calls fall, and accepts everything a sender with
/// that window makes.
struct DeflateWindowCheckTests {
    /// A message of `window + gap` random bytes and then 100 of them again, from byte 100: one
    /// back-reference of exactly `window + gap` bytes, compressed with a 32 KiB window.
    static func payload(referringBack window: Int, plus gap: Int) throws -> [UInt8] {
        var random = SeededRandom(seed: UInt64(window + gap))
        let head = random.bytes(window + gap + 100)
        let message = head + head[100..<200]
        return try PerMessageDeflateCodec(try .init(sendNoContextTakeover: true)).compressMessage(message)
    }

    static func receiver(windowBits: Int, takeover: Bool = false, backend: DeflateBackend = .zlib) throws -> PerMessageDeflateCodec {
        PerMessageDeflateCodec(
            try .init(
                receiveWindowBits: WindowBits(rawValue: windowBits)!, receiveNoContextTakeover: !takeover, backend: backend, receiveWindowCheck: .exact))
    }

    @Test(arguments: 9...14, [DeflateBackend.zlib, .libdeflate])
    func aReferenceOfExactlyTheWindowIsAcceptedAndOneByteFurtherIsRefused(windowBits: Int, backend: DeflateBackend) throws {
        let window = 1 << windowBits
        let exact = try Self.payload(referringBack: window, plus: 0)
        #expect(try Self.receiver(windowBits: windowBits, backend: backend).decompressMessage(exact).count == window + 200)
        let further = try Self.payload(referringBack: window, plus: 1)
        let error = try #require(throws: CodecError.self) { try Self.receiver(windowBits: windowBits, backend: backend).decompressMessage(further) }
        let first = window + 1
        let code = 2 * windowBits
        #expect(error.reason == .corruptData(
            "a back-reference reaches \(first)–\(first + window / 2 - 1) bytes back (distance code \(code)), beyond the agreed window of \(window) bytes"))
    }

    /// zlib raises a send window of 8 to 9, so a receiver that agreed to 8 takes 512 bytes.
    @Test func aWindowOf8AcceptsTheReferencesOfZlibsWindowOf9() throws {
        let exact = try Self.payload(referringBack: 512, plus: 0)
        #expect(try Self.receiver(windowBits: 8).decompressMessage(exact).count == 712)
        #expect(throws: CodecError.self) { try Self.receiver(windowBits: 8).decompressMessage(try Self.payload(referringBack: 512, plus: 1)) }
    }

    /// Fed in pieces, each zlib call sees less, but the check reads every byte zlib took.
    @Test(arguments: [1, 3, 7, 64, 500])
    func aReferenceBeyondTheWindowIsRefusedInPiecesOfAnySize(pieceSize: Int) throws {
        let payload = try Self.payload(referringBack: 512, plus: 88)
        let codec = try Self.receiver(windowBits: 9)
        let error = try #require(throws: CodecError.self) {
            try codec.decompressMessage(payload, pieces: Array(repeating: pieceSize, count: payload.count / pieceSize + 1))
        }
        #expect(error.reason.kind == "corruptData")
    }

    /// With context takeover the reference reaches into the previous message: 550 bytes back,
    /// 50 of them this message's, which zlib alone accepts (its 512-byte window plus the 50
    /// bytes the call wrote).
    @Test func aReferenceIntoThePreviousMessageBeyondTheWindowIsRefused() throws {
        var random = SeededRandom(seed: 550)
        let first = random.bytes(600)
        let second = random.bytes(50) + first[100..<150]
        let sender = PerMessageDeflateCodec()
        let payloads = try [first, Array(second)].map { try sender.compressMessage($0) }
        let wide = try Self.receiver(windowBits: 15, takeover: true)
        #expect(try payloads.map { try wide.decompressMessage($0) } == [first, Array(second)])
        let narrow = try Self.receiver(windowBits: 9, takeover: true)
        #expect(try narrow.decompressMessage(payloads[0]) == first)
        let error = try #require(throws: CodecError.self) { try narrow.decompressMessage(payloads[1]) }
        #expect(error.reason == .corruptData("a back-reference reaches 513–768 bytes back (distance code 18), beyond the agreed window of 512 bytes"))
    }

    /// Stored, fixed and dynamic blocks, every level and memory level, with and without
    /// takeover, whole and in pieces: nothing a sender with the agreed window makes is refused.
    @Test(arguments: 9...14, [false, true])
    func everythingASenderWithTheAgreedWindowMakesIsAccepted(windowBits: Int, takeover: Bool) throws {
        let messages = MessageCorpus.messages(count: 60, seed: UInt64(windowBits))
        for (level, memoryLevel) in [(0, 8), (1, 1), (6, 8), (9, 9), (4, 2)] {
            let sender = PerMessageDeflateCodec(
                try .init(
                    sendWindowBits: WindowBits(rawValue: windowBits)!, sendNoContextTakeover: !takeover,
                    memoryLevel: MemoryLevel(rawValue: memoryLevel)!, compressionLevel: CompressionLevel(rawValue: level)!))
            let whole = try Self.receiver(windowBits: windowBits, takeover: takeover)
            let inPieces = try Self.receiver(windowBits: windowBits == 9 ? 8 : windowBits, takeover: takeover)
            for (index, message) in messages.enumerated() {
                let payload = try sender.compressMessage(message)
                #expect(try whole.decompressMessage(payload) == message, "level \(level), message \(index)")
                #expect(try inPieces.decompressMessage(payload, pieces: [index % 13 + 1, 5, 64]) == message, "level \(level), message \(index)")
            }
        }
    }

    /// The check is opt-in: by default zlib's own applies, and only where a reference reaches
    /// before what one call wrote.
    @Test func zlibsCheckIsTheDefaultAndTheExactOneIsKeptInJSON() throws {
        let further = try Self.payload(referringBack: 512, plus: 88)
        let lenient = PerMessageDeflateCodec(try .init(receiveWindowBits: WindowBits(rawValue: 9)!, receiveNoContextTakeover: true))
        #expect(lenient.configuration.receiveWindowCheck == .zlib)
        #expect(try lenient.decompressMessage(further).count == 800)
        let exact = try Self.receiver(windowBits: 9).configuration
        let json = try JSONEncoder().encode(exact)
        #expect(String(decoding: json, as: UTF8.self).contains(#""receiveWindowCheck":"exact""#))
        #expect(try JSONDecoder().decode(PerMessageDeflateCodec.Configuration.self, from: json) == exact)
        #expect(!String(decoding: try JSONEncoder().encode(lenient.configuration), as: UTF8.self).contains("receiveWindowCheck"))
        #expect(exact.coding(with: .libdeflate).receiveWindowCheck == .exact)
        #expect(lenient.configuration.checking(receiveWindow: .exact).receiveWindowCheck == .exact)
    }
}

/// `DeflateWindowCheck` on its own: it parses every stream zlib makes to its end, never
/// giving up, and is fed pieces of any size.
struct DeflateWindowCheckParseTests {
    /// Every message of the corpus from one sender (stored, fixed and dynamic blocks, takeover),
    /// through the check in pieces of `pieceSize` with the trailer after each: it keeps
    /// checking, and each message ends between blocks.
    @Test(arguments: [(9, 1, 1), (12, 5, 7), (14, 9, 4096), (9, 4, 3)])
    func zlibsStreamsAreParsedToTheirEndInPiecesOfAnySize(windowBits: Int, memoryLevel: Int, pieceSize: Int) throws {
        let sender = PerMessageDeflateCodec(
            try .init(sendWindowBits: WindowBits(rawValue: windowBits)!, memoryLevel: MemoryLevel(rawValue: memoryLevel)!))
        var check = DeflateWindowCheck(windowBits: WindowBits(rawValue: windowBits)!, isActive: true)
        for message in MessageCorpus.messages(count: 80, seed: UInt64(pieceSize)) {
            let payload = try sender.compressMessage(message) + [0x00, 0x00, 0xFF, 0xFF]
            try payload.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let end = Swift.min(bytes.count, offset + pieceSize)
                    try check.check(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
                    offset = end
                }
            }
            let isChecking = check.isChecking
            #expect(isChecking)
        }
        let heldBytes = check.heldBytes
        #expect(heldBytes > 0)
    }

    /// At a window of 15 zlib's own check is exact: with zlib the check reads nothing and holds
    /// no tables.
    @Test func aWindowOf15WithZlibIsNotCheckedAgain() throws {
        let payload = try PerMessageDeflateCodec().compressMessage(Array(repeating: 7, count: 1000))
        let exact = PerMessageDeflateCodec(try .init(receiveWindowCheck: .exact))
        let plain = PerMessageDeflateCodec()
        #expect(try exact.decompressMessage(payload) == plain.decompressMessage(payload))
        #expect(exact.memory == plain.memory)
    }
}

/// With the exact check, libdeflate's leniencies (fuzz finding 6) are refused as zlib refuses
/// them, at any window: the check reads what libdeflate decoded, stops where zlib would refuse,
/// and zlib decodes the payload again.
struct LibdeflateExactCheckTests {
    static func receiver(windowBits: Int) throws -> PerMessageDeflateCodec {
        PerMessageDeflateCodec(
            try .init(receiveWindowBits: WindowBits(rawValue: windowBits)!, receiveNoContextTakeover: true, backend: .libdeflate, receiveWindowCheck: .exact))
    }

    @Test(arguments: [9, 15])
    func libdeflatesLenienciesAreRefusedWithZlibsError(windowBits: Int) throws {
        let symbol = try #require(throws: CodecError.self) {
            try Self.receiver(windowBits: windowBits).decompressMessage(LibdeflateSealTests.meaninglessLengthSymbol)
        }
        #expect(symbol.reason == .corruptData("inflate: invalid literal/length code"))
        let lengths = try #require(throws: CodecError.self) {
            try Self.receiver(windowBits: windowBits).decompressMessage(LibdeflateSealTests.codeLengthsPastTheirCount)
        }
        #expect(lengths.reason == .corruptData("inflate: invalid bit length repeat"))
    }

    /// What libdeflate decodes well stays libdeflate's, checked: zlib's payloads of 512 bytes and
    /// more, and its own.
    @Test func validPayloadsStillDecodeWithTheCheck() throws {
        let messages = MessageCorpus.messages(count: 40, seed: 6)
        let zlibSender = PerMessageDeflateCodec(try .init(sendNoContextTakeover: true))
        let libdeflateSender = PerMessageDeflateCodec(try .init(sendNoContextTakeover: true, backend: .libdeflate))
        let receiver = try Self.receiver(windowBits: 15)
        for message in messages {
            #expect(try receiver.decompressMessage(zlibSender.compressMessage(message)) == message)
            #expect(try receiver.decompressMessage(libdeflateSender.compressMessage(message)) == message)
        }
    }
}
