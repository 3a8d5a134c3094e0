/// The corpora the codec benchmarks run on.
///
/// Stand-in until the shipped corpora land: two seeded, generated corpora shaped like the
/// shipped `chat-json` and `log-lines` (same RNG seed, same bytes on every run and machine).
enum BenchmarkCorpora {
    /// A named corpus: messages in send order.
    struct Named {
        /// The corpus name, used in benchmark names.
        let name: String
        /// The messages.
        let messages: [[UInt8]]
    }

    /// The corpora, in benchmark order.
    /// - Returns: The corpora.
    static func load() -> [Named] {
        [chatJSON(), logLines()]
    }

    private static let users = ["ana", "bo", "chen", "dana", "eli", "fatima", "gus", "hiro", "ines", "jon"]
    private static let words = ["ok", "sounds good", "see you at", "the build", "is green", "again", "lunch?",
                                "merged", "deploying now", "rollback", "thanks!", "on my way", "meeting", "in 5"]
    private static let levels = ["INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"]
    private static let paths = ["/api/v1/users", "/api/v1/orders", "/health", "/api/v1/cart", "/static/app.js"]

    private static func chatJSON() -> Named {
        var random = SplitMix64(seed: 0x6368_6174)
        var messages: [[UInt8]] = []
        var timestamp = 1_700_000_000_000
        for id in 0..<2_000 {
            timestamp += Int(random.next() % 5_000)
            var text: [String] = []
            for _ in 0...(random.next() % 6) { text.append(words[Int(random.next() % UInt64(words.count))]) }
            let user = users[Int(random.next() % UInt64(users.count))]
            let json = #"{"type":"message","id":\#(10_000 + id),"room":"general","user":"\#(user)","ts":\#(timestamp),"text":"\#(text.joined(separator: " "))"}"#
            messages.append(Array(json.utf8))
        }
        return Named(name: "chat-json", messages: messages)
    }

    private static func logLines() -> Named {
        var random = SplitMix64(seed: 0x6c6f_6773)
        var messages: [[UInt8]] = []
        var millis = 0
        for _ in 0..<2_000 {
            millis += Int(random.next() % 900)
            let level = levels[Int(random.next() % UInt64(levels.count))]
            let path = paths[Int(random.next() % UInt64(paths.count))]
            let status = [200, 200, 200, 201, 304, 404, 500][Int(random.next() % 7)]
            let latency = random.next() % 2_000
            let line = "2026-11-25T01:\(String(format2: (millis / 60_000) % 60)):\(String(format2: (millis / 1_000) % 60)).\(millis % 1_000)Z \(level) http request method=GET path=\(path) status=\(status) latency_ms=\(latency) request_id=\(String(random.next(), radix: 16))"
            messages.append(Array(line.utf8))
        }
        return Named(name: "log-lines", messages: messages)
    }
}

/// SplitMix64, the seeded generator of swift-argument-parser's `Examples/roll`.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

extension String {
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}
