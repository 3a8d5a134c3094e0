import Foundation
import PMCEBenchmarkKit

/// What `pmce hostile` found: the well-behaved connections before and under attack, what each
/// attack was answered, and the server's memory before, during and after.
struct HostileReport: Codable, Sendable {
    /// The well-behaved connections in one phase.
    struct Phase: Codable, Sendable {
        /// Echoes received and checked.
        var messages: Int
        /// Connections that failed or closed with anything but 1000 (each loses its messages).
        var failures: [String]
        /// Echoes that differed from their message.
        var mismatches: Int
        /// Round trips, in microseconds.
        var roundTrip: LatencyPercentiles
    }

    /// One attack's results.
    struct Attack: Codable, Sendable {
        var name: String
        var expected: String
        var runs: Int
        var asExpected: Int
        /// What was seen, and how often.
        var outcomes: [String: Int]
    }

    /// The server process's resident memory and its own count of connections.
    struct Memory: Codable, Sendable {
        /// Resident bytes after the calm phase, every connection closed.
        var idleBytes: Int
        /// The most resident bytes seen under attack (sampled every 200 ms).
        var peakBytes: Int
        /// Resident bytes 2 s after every connection of the hostile phase has closed (`pmce serve`
        /// hands freed memory back within 1 s of becoming idle).
        var afterBytes: Int
        /// How far `afterBytes` may stay above `idleBytes` (`--memory-allowance`).
        var allowanceBytes: Int
        /// Open WebSocket connections the server counts after the hostile phase (`/_pmce/stats`).
        var connectionsAfter: Int
        /// The bytes connections' own codecs hold after the hostile phase.
        var connectionCodecBytesAfter: Int
        /// The bytes of the idle codecs in the shared pool after the hostile phase (kept for
        /// reuse, bounded by the pool's size, not by how many connections came).
        var pooledCodecBytesAfter: Int

        /// How far the server stayed above its idle figure.
        var aboveIdleBytes: Int { afterBytes - idleBytes }
    }

    var date: Date
    /// The server's options.
    var serveArguments: [String]
    var secondsPerPhase: Double
    /// Rounds of a calm phase then an attack phase; ``calm`` and ``hostile`` pool them.
    var rounds: Int
    var wellBehavedConnections: Int
    /// Messages each well-behaved connection sent a second; `nil`: as fast as echoes came back.
    var messagesPerSecond: Double?
    var corpus: String
    /// Every calm phase, pooled.
    var calm: Phase
    /// Every attack phase, pooled.
    var hostile: Phase
    /// Each round's p99 under attack over its calm phase's: how far one round alone can be from
    /// the pooled figure.
    var p99GrowthByRound: [Double]
    var attacks: [Attack]
    var churnedConnections: Int
    var churnFailures: Int
    var firstChurnFailure: String?
    /// Bytes each slow reader sent before the server stopped reading.
    var slowReaderBytes: [Int]
    var memory: Memory

    /// The pooled attack phases' p99 round trip over the pooled calm phases' (the goal is under 2).
    var p99Growth: Double { hostile.roundTrip.p99 / calm.roundTrip.p99 }

    /// What did not hold: an attack answered otherwise, a well-behaved message lost or wrong,
    /// a connection, codec or more memory than the allowance left behind. Empty when the server stayed up as it should.
    var problems: [String] {
        var problems: [String] = []
        for attack in attacks where attack.asExpected < attack.runs || attack.runs == 0 {
            problems.append("\(attack.name): \(attack.runs - attack.asExpected) of \(attack.runs) not \(attack.expected): \(attack.outcomes.keys.sorted().joined(separator: "; "))")
        }
        for (name, phase) in [("calm", calm), ("hostile", hostile)] {
            if !phase.failures.isEmpty { problems.append("\(name) phase: \(phase.failures.count) well-behaved connection(s) failed: \(phase.failures[0])") }
            if phase.mismatches > 0 { problems.append("\(name) phase: \(phase.mismatches) echoes differed") }
            if phase.messages == 0 { problems.append("\(name) phase: no message echoed") }
        }
        if churnFailures > 0 { problems.append("\(churnFailures) churned connection(s) failed: \(firstChurnFailure ?? "")") }
        if memory.connectionsAfter != 0 { problems.append("\(memory.connectionsAfter) connection(s) still open on the server after the attacks") }
        if memory.aboveIdleBytes > memory.allowanceBytes {
            problems.append("the server's memory stayed \(ByteCount.format(memory.aboveIdleBytes)) above idle after the attacks (allowance \(ByteCount.format(memory.allowanceBytes)))")
        }
        if memory.connectionCodecBytesAfter != 0 { problems.append("connections' codecs still hold \(memory.connectionCodecBytesAfter) bytes after the attacks") }
        return problems
    }

    /// The report as a terminal table and verdict.
    var text: String {
        let pace = messagesPerSecond.map { "\($0.formatted(0)) messages/s each" } ?? "each message after the last echo"
        let phases = rounds == 1 ? "\(secondsPerPhase.formatted(1)) s per phase" : "\(rounds) rounds of \(secondsPerPhase.formatted(1)) s calm, \(secondsPerPhase.formatted(1)) s under attack, pooled"
        var lines = ["Well-behaved connections: \(wellBehavedConnections), \(pace), \(phases), corpus \(corpus)"]
        lines += TextTable.render([["phase", "messages", "lost", "wrong", "RTT µs p50", "p99", "max"]] + [("calm", calm), ("under attack", hostile)].map { name, phase in
            [name, "\(phase.messages)", "\(phase.failures.count)", "\(phase.mismatches)",
             phase.roundTrip.p50.formatted(0), phase.roundTrip.p99.formatted(0), phase.roundTrip.max.formatted(0)]
        }, rightAligned: [1, 2, 3, 4, 5, 6])
        let byRound = rounds == 1 ? "" : "; round by round: " + p99GrowthByRound.map { $0.formatted(2) }.joined(separator: ", ")
        lines.append("p99 under attack ÷ calm: \(p99Growth.formatted(2)) (goal < 2)\(byRound)")
        lines.append("")
        lines += TextTable.render([["attack", "owed", "runs", "as owed", "seen"]] + attacks.map { attack in
            [attack.name, attack.expected, "\(attack.runs)", "\(attack.asExpected)",
             attack.outcomes.sorted { $0.value > $1.value }.map { "\($0.key) ×\($0.value)" }.joined(separator: "; ")]
        }, rightAligned: [2, 3])
        lines.append("Churn: \(churnedConnections) connections upgraded, sent a message and reset; \(churnFailures) failed")
        lines.append("Slow readers: \(slowReaderBytes.count), the server stopped reading after \(slowReaderBytes.map(ByteCount.format).joined(separator: ", "))")
        let mib = ByteCount.format
        lines.append("Server memory: idle \(mib(memory.idleBytes)), peak under attack \(mib(memory.peakBytes)), after \(mib(memory.afterBytes)) (\(mib(memory.aboveIdleBytes)) above idle, allowance \(mib(memory.allowanceBytes))); connections open after: \(memory.connectionsAfter), their codecs: \(memory.connectionCodecBytesAfter) B, the pool's idle codecs: \(mib(memory.pooledCodecBytesAfter))")
        lines.append(problems.isEmpty ? "PASSED: the server stayed up" : "FAILED:\n" + problems.map { "  - " + $0 }.joined(separator: "\n"))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as pretty-printed JSON.
    var json: Data {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return try encoder.encode(self)
        }
    }
}
