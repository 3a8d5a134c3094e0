import PerMessageCompression
import Testing

/// The pool that keeps the C libraries' memory between messages holds what the largest message
/// so far needed, not one block per size a peer ever chose.
struct LibraryPoolTests {
    @Test func bzip2ReceiverHoldsWhatItsLargestStreamNeedsNotOneBlockPerLevel() throws {
        // The peer picks the block size in each stream's header (BZh1 ... BZh9), whatever was
        // negotiated; libbz2 allocates its block table to match.
        let message = Array("pool".utf8)
        let payloads = try Bzip2Level.allowed.map { level in
            try PerMessageBzip2Codec(.init(sendLevel: try #require(Bzip2Level(rawValue: level)))).compressMessage(message)
        }
        let largestOnly = PerMessageBzip2Codec()
        #expect(try largestOnly.decompressMessage(try #require(payloads.last)) == message)

        let receiver = PerMessageBzip2Codec()
        for payload in payloads { #expect(try receiver.decompressMessage(payload) == message) }
        #expect(
            receiver.memory.libraryBytes <= largestOnly.memory.libraryBytes,
            "after levels 1...9: \(receiver.memory), a level 9 stream alone: \(largestOnly.memory)")

        let afterWarmUp = receiver.memory
        for payload in payloads.reversed() + payloads { #expect(try receiver.decompressMessage(payload) == message) }
        #expect(receiver.memory == afterWarmUp, "a mix of levels reuses the kept blocks")
    }
}
