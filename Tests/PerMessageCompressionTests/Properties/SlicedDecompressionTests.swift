import PerMessageCompression
import Testing

/// `decompress(_:isFinal:into:outputLimit:)` stops after about `outputLimit` bytes and goes on
/// where it stopped: the same messages as one call, a large message in many steps, and a bomb
/// refused at the limit, slice by slice.
struct SlicedDecompressionTests {
    static let modes: [CodecMode] = [
        .deflate(), .deflate(windowBits: 9, memoryLevel: 1, noContextTakeover: true), .bzip2(level: 9), .bzip2(level: 1),
        .snappy(noContextTakeover: false), .snappy(noContextTakeover: true),
    ]
    static let slice = 4096

    /// Decompresses `payload` in pieces of `pieceSize` (the last ends the message), each piece in
    /// slices of ``slice``; returns the message and the number of steps taken.
    static func decodeInSlices(_ codec: any PerMessageCodec, _ payload: [UInt8], pieceSize: Int, into output: inout MessageBuffer) throws -> Int {
        var steps = 0
        try payload.withUnsafeBytes { all in
            var offset = 0
            repeat {
                let end = Swift.min(all.count, offset + pieceSize)
                var rest = all[offset..<end]
                let isFinal = end == all.count
                while true {
                    let before = output.count
                    let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: isFinal, into: &output, outputLimit: slice)
                    steps += 1
                    // A slice, plus at most one library call's room or one snappy chunk.
                    #expect(output.count - before <= 2 * slice + 65536)
                    #expect(step.consumedBytes >= 0 && step.consumedBytes <= rest.count)
                    rest = rest.dropFirst(step.consumedBytes)
                    if step.isComplete {
                        #expect(rest.isEmpty)
                        break
                    }
                }
                offset = end
            } while offset < all.count
        }
        return steps
    }

    @Test(arguments: modes)
    func slicedDecodingGivesTheSameMessages(_ mode: CodecMode) throws {
        let sender = try mode.makeCodec()
        let receiver = try mode.makeCodec()
        var random = SeededRandom(seed: 0x51CE)
        var messages = MessageCorpus.messages(count: 40)
        messages.append(MessageCorpus.repeatedText(300_000, using: &random))
        messages.append([])
        for message in messages {
            let payload = try sender.compressMessage(message)
            var output = MessageBuffer()
            let steps = try Self.decodeInSlices(receiver, payload, pieceSize: payload.count + 1, into: &output)
            #expect(output.bytes == message)
            if message.count > 300_000 - 1 {
                #expect(steps >= message.count / (2 * Self.slice + 65536), "\(steps) steps for \(message.count) bytes")
            }
        }
    }

    @Test(arguments: modes)
    func slicedDecodingOfAFragmentedMessage(_ mode: CodecMode) throws {
        var random = SeededRandom(seed: 0xF4A6)
        let message = MessageCorpus.repeatedText(200_000, using: &random)
        let payload = try mode.makeCodec().compressMessage(message)
        let receiver = try mode.makeCodec()
        for pieceSize in [1000, 7] where payload.count / pieceSize < 5000 {
            var output = MessageBuffer()
            _ = try Self.decodeInSlices(receiver, payload, pieceSize: pieceSize, into: &output)
            #expect(output.bytes == message, "pieces of \(pieceSize)")
        }
    }

    @Test(arguments: [CodecMode.deflate(), .bzip2(level: 9), .snappy(noContextTakeover: true)])
    func bombIsRefusedAtTheLimitSliceBySlice(_ mode: CodecMode) throws {
        let limit = 1 << 20
        let payload = try mode.makeCodec().compressMessage([UInt8](repeating: 0, count: 4 * limit))
        let codec = try mode.makeCodec(maxMessageSize: limit)
        var output = MessageBuffer()
        var steps = 0
        let error = #expect(throws: CodecError.self) {
            try payload.withUnsafeBytes { all in
                var rest = all[...]
                while true {
                    let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: true, into: &output, outputLimit: 1 << 16)
                    steps += 1
                    if step.isComplete { break }
                    rest = rest.dropFirst(step.consumedBytes)
                }
            }
        }
        #expect(error?.reason == .messageTooLarge(limit: limit))
        #expect(steps >= 8, "the limit reached in \(steps) steps of 64 KiB")
    }

    /// A whole deflate payload of up to 1,020 bytes is inflated from a copy (with the
    /// `00 00 ff ff` after it): slices go on from that copy, with and without takeover, and a
    /// small bomb stops at the limit.
    @Test(arguments: [false, true])
    func smallDeflatePayloadThatInflatesToManySlices(_ noContextTakeover: Bool) throws {
        let mode = CodecMode.deflate(noContextTakeover: noContextTakeover)
        let sender = try mode.makeCodec()
        let receiver = try mode.makeCodec()
        for message in [[UInt8](repeating: 0, count: 300_000), Array("after".utf8), [UInt8](repeating: 7, count: 200_000)] {
            let payload = try sender.compressMessage(message)
            #expect(message.count < 1000 || payload.count <= 1020, "\(payload.count) bytes")
            var output = MessageBuffer()
            let steps = try Self.decodeInSlices(receiver, payload, pieceSize: payload.count + 1, into: &output)
            #expect(output.bytes == message)
            #expect(steps >= message.count / (2 * Self.slice + 65536))
        }
        let limit = 1 << 16
        let bomb = try mode.makeCodec().compressMessage([UInt8](repeating: 0, count: 8 * limit))
        let limited = try mode.makeCodec(maxMessageSize: limit)
        var output = MessageBuffer()
        let error = #expect(throws: CodecError.self) { _ = try Self.decodeInSlices(limited, bomb, pieceSize: bomb.count + 1, into: &output) }
        #expect(error?.reason == .messageTooLarge(limit: limit))
    }

    @Test func slicedAndWholeCallsMixOnOneConnection() throws {
        let mode = CodecMode.deflate()
        let sender = try mode.makeCodec()
        let receiver = try mode.makeCodec()
        var random = SeededRandom(seed: 7)
        for index in 0..<6 {
            let message = MessageCorpus.repeatedText(50_000 + index * 1000, using: &random)
            let payload = try sender.compressMessage(message)
            var output = MessageBuffer()
            if index.isMultiple(of: 2) {
                _ = try Self.decodeInSlices(receiver, payload, pieceSize: payload.count + 1, into: &output)
            } else {
                try receiver.decompressMessage(payload, into: &output)
            }
            #expect(output.bytes == message)
        }
    }
}
