extension DatasetGenerator {
    /// `chat-json`: a team chat server's WebSocket events, 40–300 bytes each.
    static let chatJSON = DatasetGenerator(
        name: "chat-json",
        summary: "Team chat events as small JSON objects (messages, typing, reactions, presence, read receipts), 40–300 B each.",
        seed: 0x504d_4345_0000_0001,
        format: .lines,
        simulation: ChatSimulation.self
    )
}

/// A chat workspace: rooms with their own regulars, users drawn with Zipf weights (a few talk a
/// lot), message ids and timestamps that only increase, replies and reactions to recent messages.
private struct ChatSimulation: MessageSimulation {
    static let messageCount = 3000
    static let sizeRange = 40...300

    private let grammar = EnglishGrammar()
    private let userWeights = WeightTable.zipf(count: Names.userHandles.count, offset: 2)
    private let roomWeights = WeightTable.zipf(count: Names.chatRooms.count, offset: 1)
    private let eventWeights = WeightTable(weights: [70, 12, 8, 6, 4])   // message, typing, reaction, presence, read
    private var room = Names.chatRooms[0]
    private var nextMessageID = 184_220
    private var timestamp = 1_764_032_400_000   // 2025-11-25T01:00:00Z in milliseconds
    private var recentIDs: [Int] = []

    private static let phrases = [
        "ok", "lgtm", "thanks!", "on it", "brb", "sounds good", "+1", "nice work 🎉", "done", "agreed",
        "can you take a look at PR #{n}?", "deploy #{n} is out", "is the build green?", "lunch?",
        "running {n} min late", "👍", "thank you @{user}", "@{user} any update on this?", "ticket is OPS-{n}",
        "I'll check after standup", "same here", "haha", "yes", "no", "maybe tomorrow?", "works for me",
        "can we sync at 3:30?", "the dashboard is slow again", "restarting the worker now",
        "who owns the {room} alerts?", "merged, thanks @{user}", "flaky test again 😅", "looking into it",
    ]

    private static let statuses = ["online", "away", "busy", "offline"]
    private static let emoji = ["thumbsup", "tada", "eyes", "heart", "joy", "rocket", "white_check_mark", "pray"]

    init(_ random: inout SplitMix64) {}

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        timestamp += random.chance(1, in: 10) ? random.int(in: 5_000...240_000) : random.int(in: 150...9_000)
        if random.chance(1, in: 12) { room = Names.chatRooms[random.index(weightedBy: roomWeights)] }
        let user = Names.userHandles[random.index(weightedBy: userWeights)]
        var text = TextBuilder()
        text.append("{")
        switch random.index(weightedBy: eventWeights) {
        case 0:
            appendMessage(into: &text, user: user, &random)
        case 1:
            common(&text, type: "typing", user: user, withTimestamp: false)
        case 2 where !recentIDs.isEmpty:
            common(&text, type: "reaction", user: user, withTimestamp: true)
            text.appendMember("message_id", "m\(random.element(of: recentIDs))")
            text.appendMember("emoji", random.element(of: Self.emoji))
        case 3:
            text.appendKey("type")
            text.appendJSONString("presence")
            text.appendMember("user", user)
            text.appendMember("status", random.element(of: Self.statuses))
            text.appendMember("ts", timestamp)
        default:
            common(&text, type: "read", user: user, withTimestamp: false)
            text.appendMember("last_id", "m\(nextMessageID - 1 - random.below(4))")
        }
        text.append("}")
        return text.bytes
    }

    private func common(_ text: inout TextBuilder, type: String, user: String, withTimestamp: Bool) {
        text.appendKey("type")
        text.appendJSONString(type)
        text.appendMember("room", room)
        text.appendMember("user", user)
        if withTimestamp { text.appendMember("ts", timestamp) }
    }

    private mutating func appendMessage(into text: inout TextBuilder, user: String, _ random: inout SplitMix64) {
        let id = nextMessageID
        nextMessageID += 1
        recentIDs.append(id)
        if recentIDs.count > 20 { recentIDs.removeFirst() }
        text.appendKey("type")
        text.appendJSONString("message")
        text.appendMember("id", "m\(id)")
        text.appendMember("room", room)
        text.appendMember("user", user)
        text.appendMember("ts", timestamp)
        if recentIDs.count > 1, random.chance(1, in: 8) {
            text.appendMember("reply_to", "m\(recentIDs[random.below(recentIDs.count - 1)])")
        }
        text.appendNextKey("text")
        // The body must keep the whole event within sizeRange: closing quote and brace take 2 bytes.
        let budget = Self.sizeRange.upperBound - text.count - 4
        text.appendJSONString(body(budget: budget, &random))
    }

    private func body(budget: Int, _ random: inout SplitMix64) -> String {
        if random.chance(2, in: 5) {
            var phrase = random.element(of: Self.phrases)
            phrase = phrase.replacing("{n}", with: String(random.int(in: 2...980)))
            phrase = phrase.replacing("{user}", with: random.element(of: Names.userHandles))
            return phrase.replacing("{room}", with: room)
        }
        var body = ""
        for _ in 0..<random.int(in: 1...3) {
            let sentence = grammar.sentence(using: &random)
            let candidate = body.isEmpty ? sentence : body + " " + sentence
            guard candidate.utf8.count <= budget else { break }
            body = candidate
        }
        guard !body.isEmpty else { return "ok" }
        // People type casually: a third in lower case, a quarter without the final full stop.
        if random.chance(1, in: 3) { body = body.lowercased() }
        if random.chance(1, in: 4), body.hasSuffix(".") { body.removeLast() }
        return body
    }
}
