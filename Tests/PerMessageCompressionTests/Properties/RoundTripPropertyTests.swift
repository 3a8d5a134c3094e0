import PerMessageCompression
import Testing

/// decompress(compress(m)) == m for random message sequences in every mode, with both sides
/// fed in random pieces, and compressed bytes that do not depend on the split. Each sequence
/// comes from its own seed, which a failure names.
struct RoundTripPropertyTests {
    static let sequenceCount = 25

    /// A random sequence of 1...30 messages, as one connection direction carries.
    static func sequence(seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var messages: [[UInt8]] = []
        for _ in 0..<Int.random(in: 1...30, using: &random) {
            messages.append(MessageCorpus.randomMessage(using: &random, previous: messages.last ?? []))
        }
        return messages
    }

    @Test(arguments: CodecMode.allModes)
    func messagesSurviveTheRoundTripWhenBothSidesAreFedInRandomPieces(_ mode: CodecMode) throws {
        for seed in 0..<UInt64(Self.sequenceCount) {
            var random = SeededRandom(seed: seed &* 7919)
            let messages = Self.sequence(seed: seed)
            let sender = try mode.makeCodec()
            let wholeSender = try mode.makeCodec()
            let receiver = try mode.makeCodec()
            for (index, message) in messages.enumerated() {
                let payload = try sender.compressMessage(message, pieces: random.pieceSizes(total: message.count, maximumPieces: 12))
                let wholePayload = try wholeSender.compressMessage(message)
                #expect(payload == wholePayload, "seed \(seed), message \(index): the bytes depend on the piece split")
                let decoded = try receiver.decompressMessage(payload, pieces: random.pieceSizes(total: payload.count, maximumPieces: 12))
                #expect(decoded == message, "seed \(seed), message \(index) of \(message.count) bytes")
            }
        }
    }

    @Test(arguments: CodecMode.allModes)
    func twoEndpointsTalkingBothWaysKeepTheirDirectionsApart(_ mode: CodecMode) throws {
        for seed in 0..<UInt64(Self.sequenceCount / 5) {
            var random = SeededRandom(seed: seed &+ 1000)
            let left = try mode.makeCodec()
            let right = try mode.makeCodec()
            let messages = Self.sequence(seed: seed &+ 1000)
            for (index, message) in messages.enumerated() {
                let (from, to) = Bool.random(using: &random) ? (left, right) : (right, left)
                let payload = try from.compressMessage(message)
                #expect(try to.decompressMessage(payload) == message, "seed \(seed), message \(index)")
            }
        }
    }

    @Test(arguments: CodecMode.allModes)
    func oneBytePiecesGiveTheSameBytesAsWholeMessages(_ mode: CodecMode) throws {
        var random = SeededRandom(seed: 0x0B17E)
        let messages = (0..<6).map { _ in MessageCorpus.repeatedText(Int.random(in: 0...700, using: &random), using: &random) }
        let sender = try mode.makeCodec()
        let wholeSender = try mode.makeCodec()
        let receiver = try mode.makeCodec()
        for message in messages {
            let payload = try sender.compressMessage(message, pieces: Array(repeating: 1, count: message.count))
            #expect(payload == (try wholeSender.compressMessage(message)))
            #expect(try receiver.decompressMessage(payload, pieces: Array(repeating: 1, count: payload.count)) == message)
        }
    }
}
