/// Varied messages from a seeded generator: the edge sizes every codec must handle, then a
/// deterministic mix of binary noise, repeated text, JSON-like records, zero runs and
/// repeated messages (which context takeover compresses to almost nothing).
enum MessageCorpus {
    /// The messages the interop tests send: at least `count`, the same for the same seed.
    /// - Parameters:
    ///   - count: How many messages, at least 20.
    ///   - seed: The generator's seed.
    static func messages(count: Int = 220, seed: UInt64 = 0x5EED_0003) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var messages: [[UInt8]] = [
            [],
            [0x00],
            Array("a".utf8),
            Array("Hello".utf8),
            random.bytes(100 * 1024),
            repeatedText(100 * 1024, using: &random),
            repeatedText(300 * 1024, using: &random),  // crosses snappy's 64 KiB chunks
            random.bytes(300 * 1024),  // incompressible: snappy stores it uncompressed
            [UInt8](repeating: 0, count: 65_536),
            [UInt8](repeating: 0x41, count: 65_537),
            random.bytes(65_535),
            jsonRecords(2_000, using: &random),
            [],  // empty messages after others: with takeover zlib needs care to flush them
            [],
            Array("Hello".utf8),
        ]
        while messages.count < count {
            messages.append(randomMessage(using: &random, previous: messages.last ?? []))
        }
        return messages
    }

    /// One message of a random kind and size (mostly small, as chat and market data are).
    static func randomMessage(using random: inout SeededRandom, previous: [UInt8]) -> [UInt8] {
        let size = Int.random(in: 0...6, using: &random) == 0 ? Int.random(in: 0...40_000, using: &random) : Int.random(in: 0...2_000, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return random.bytes(size)
        case 1: return repeatedText(size, using: &random)
        case 2: return jsonRecords(Swift.max(1, size / 60), using: &random)
        case 3: return [UInt8](repeating: UInt8.random(in: 0...255, using: &random), count: size)
        case 4: return previous  // the same message again
        case 5: return Array(repeatedText(size / 2, using: &random) + random.bytes(size / 2))
        default: return Array("msg \(Int.random(in: 0...1_000_000, using: &random))".utf8)
        }
    }

    private static let words = [
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "WebSocket", "frame",
        "deflate", "snappy", "bzip2", "message", "compression", "window", "context", "takeover",
    ]

    /// `size` bytes of English-like text from a small vocabulary.
    static func repeatedText(_ size: Int, using random: inout SeededRandom) -> [UInt8] {
        var text = [UInt8]()
        text.reserveCapacity(size + 16)
        while text.count < size {
            text.append(contentsOf: words.randomElement(using: &random)!.utf8)
            text.append(Int.random(in: 0..<12, using: &random) == 0 ? UInt8(ascii: "\n") : UInt8(ascii: " "))
        }
        return Array(text.prefix(size))
    }

    /// `count` JSON-like records, one per line, such as a chat or ticker feed sends.
    static func jsonRecords(_ count: Int, using random: inout SeededRandom) -> [UInt8] {
        var text = ""
        for index in 0..<count {
            let price = Double(Int.random(in: 10_000...99_999, using: &random)) / 100
            let symbol = ["BTC", "ETH", "EUR", "USD", "GBP"].randomElement(using: &random)!
            text += #"{"seq":\#(index),"symbol":"\#(symbol)","price":\#(price),"qty":\#(Int.random(in: 1...500, using: &random)),"side":"\#(Bool.random(using: &random) ? "buy" : "sell")"}"#
            text += "\n"
        }
        return Array(text.utf8)
    }
}
