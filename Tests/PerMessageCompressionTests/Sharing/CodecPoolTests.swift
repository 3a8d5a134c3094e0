import PerMessageCompression
import Testing

struct CodecPoolTests {
    static let configuration = CompressionConfiguration.deflate(try! .init(sendNoContextTakeover: true, receiveNoContextTakeover: true))
    static let message = Array(String(repeating: "shared codecs, no context ", count: 40).utf8)

    @Test func oneCodecServesSequentialBorrowers() throws {
        let pool = CodecPool()
        let slot = pool.slot(for: Self.configuration)
        #expect(pool.slot(for: Self.configuration) === slot)
        var payloads: [[UInt8]] = []
        for _ in 0..<100 {
            payloads.append(try slot.withCodec { (codec, output) throws(CodecError) in
                try codec.compressMessage(Self.message, into: &output)
                return output.bytes
            })
        }
        #expect(slot.idleCount == 1)
        // No context: every message compresses alike, and any codec of the slot reads it.
        #expect(Set(payloads).count == 1)
        let decoded = try slot.withCodec { (codec, output) throws(CodecError) in
            try codec.decompressMessage(payloads[0], into: &output)
            return output.bytes
        }
        #expect(decoded == Self.message)
        #expect(pool.memory.totalBytes > 0)
    }

    @Test func aCodecThatFailedIsNotLentAgain() throws {
        let slot = CodecPool().slot(for: Self.configuration)
        #expect(throws: CodecError.self) {
            try slot.withCodec { (codec, output) throws(CodecError) in try codec.decompressMessage([0xff, 0xff, 0xff], into: &output) }
        }
        #expect(slot.idleCount == 0)
        let decoded = try slot.withCodec { (codec, output) throws(CodecError) in
            try codec.decompressMessage([0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00], into: &output)
            return output.bytes
        }
        #expect(decoded == Array("Hello".utf8))
    }

    @Test func aLargeMessageDoesNotPinItsBufferInThePool() throws {
        let slot = CodecPool().slot(for: .snappy(try .init(sendNoContextTakeover: true)))
        let large = [UInt8](repeating: 7, count: 1 << 20)
        try slot.withCodec { (codec, output) throws(CodecError) in try codec.compressMessage(large, into: &output) }
        #expect(slot.memory.bufferBytes < 1 << 17)
    }

    @Test func concurrentBorrowersEachGetACodecOfTheirOwn() async throws {
        let slot = CodecPool().slot(for: Self.configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 {
                        let message = Array("task \(task) message \(index) ".utf8) + Self.message
                        let payload = try slot.withCodec { (codec, output) throws(CodecError) in
                            try codec.compressMessage(message, into: &output)
                            return output.bytes
                        }
                        let decoded = try slot.withCodec { (codec, output) throws(CodecError) in
                            try codec.decompressMessage(payload, into: &output)
                            return output.bytes
                        }
                        #expect(decoded == message)
                    }
                }
            }
            try await group.waitForAll()
        }
        // No more codecs than borrowers at once (threads), however many messages went through.
        #expect(slot.idleCount >= 1 && slot.idleCount <= 8)
    }
}
