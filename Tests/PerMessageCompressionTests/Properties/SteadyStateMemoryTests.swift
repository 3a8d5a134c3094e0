import PerMessageCompression
import Testing

/// After warm-up, more messages through compress and decompress with reused buffers make the
/// libraries allocate nothing more: `libraryAllocations` and `libraryBytes` stay flat.
/// (Whole-process allocations are measured by the benchmark kit.)
struct SteadyStateMemoryTests {
    /// Varied messages up to 64 KiB; the warm-up sees each of them once.
    static let messages: [[UInt8]] = {
        var random = SeededRandom(seed: 0x57EAD)
        var messages: [[UInt8]] = [[], Array("x".utf8), MessageCorpus.repeatedText(65_536, using: &random), random.bytes(65_536)]
        while messages.count < 40 {
            let message = MessageCorpus.randomMessage(using: &random, previous: messages.last ?? [])
            if message.count <= 65_536 { messages.append(message) }
        }
        return messages
    }()

    @Test(arguments: CodecMode.allModes)
    func libraryMemoryIsFlatAfterWarmUp(_ mode: CodecMode) throws {
        let sender = try mode.makeCodec()
        let receiver = try mode.makeCodec()
        var wire = MessageBuffer(capacity: 1 << 17)
        var plain = MessageBuffer(capacity: 1 << 17)

        func exchange(_ message: [UInt8]) throws {
            wire.removeAll()
            plain.removeAll()
            try sender.compressMessage(message, into: &wire)
            try wire.withUnsafeReadableBytes { (bytes) throws(CodecError) in try receiver.decompressMessage(bytes, into: &plain) }
            #expect(plain.count == message.count)
        }

        for message in Self.messages { try exchange(message) }
        let senderAfterWarmUp = sender.memory
        let receiverAfterWarmUp = receiver.memory
        let wireCapacity = wire.capacity
        let plainCapacity = plain.capacity

        for _ in 0..<5 {
            for message in Self.messages { try exchange(message) }
        }
        #expect(sender.memory.libraryAllocations == senderAfterWarmUp.libraryAllocations, "sender: \(senderAfterWarmUp) → \(sender.memory)")
        #expect(sender.memory.libraryBytes == senderAfterWarmUp.libraryBytes)
        #expect(receiver.memory.libraryAllocations == receiverAfterWarmUp.libraryAllocations, "receiver: \(receiverAfterWarmUp) → \(receiver.memory)")
        #expect(receiver.memory.libraryBytes == receiverAfterWarmUp.libraryBytes)
        #expect(sender.memory.bufferBytes == senderAfterWarmUp.bufferBytes && receiver.memory.bufferBytes == receiverAfterWarmUp.bufferBytes)
        #expect(wire.capacity == wireCapacity && plain.capacity == plainCapacity, "reused buffers did not grow")
    }

    @Test(arguments: [CodecMode.deflate(), .deflate(windowBits: 9, memoryLevel: 1, noContextTakeover: true), .bzip2(level: 1), .bzip2(level: 9)])
    func libraryStateIsAllocatedAndCounted(_ mode: CodecMode) throws {
        let codec = try mode.makeCodec()
        _ = try codec.decompressMessage(try mode.makeCodec().compressMessage(Array("warm".utf8)))
        _ = try codec.compressMessage(Array("warm".utf8))
        #expect(codec.memory.libraryBytes > 0)
        #expect(codec.memory.libraryAllocations > 0)
    }
}
