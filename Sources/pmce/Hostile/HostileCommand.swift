import ArgumentParser
import Foundation
import PMCEBenchmarkKit
import PerMessageCompression
import PerMessageCompressionWebSocket

/// `pmce hostile`: does `pmce serve` stay up under hostile clients?
struct HostileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostile",
        abstract: "Attack a pmce serve process on loopback while well-behaved clients use it.",
        discussion: """
            Starts pmce serve (all three extensions, --max-message-size and --implementation as \
            given) in a process of its own. Well-behaved connections (permessage-deflate, \
            --message-rate messages a second each) echo a corpus for --seconds alone, then for \
            --seconds again while raw connections attack: malformed and huge handshake headers, \
            decompression bombs in fragmented messages (one still sending after the server's \
            close), RSV abuse, corrupt data, connections \
            opened and reset by the thousand, and slow readers that never read. The two phases \
            alternate for --rounds rounds, and the round trips of each kind are pooled, so that \
            drift over the run falls on both alike. Reports the round trips of both kinds of \
            phase, what each attack was answered, and the server's memory; exits 1 when an attack \
            was answered wrongly, a well-behaved message was lost, or connections were left \
            behind.

              pmce hostile --seconds 10 --rounds 3 --churn 4000 --json hostile.json
            """)

    @Option(name: .customLong("attack"), parsing: .upToNextOption, help: "The attacks to run in turn (default: all).")
    var attacks: [HostileAttack] = HostileAttack.allCases

    @Option(name: .customLong("attack-rate"), help: "Attacks begun per second, in turn (each waits for its answer first); 0 for none.")
    var attackRate = 20.0

    @Option(help: "Seconds of each phase (calm, then under attack).")
    var seconds = 10.0

    @Option(help: "Rounds of a calm phase then an attack phase; the round trips of each kind are pooled over the rounds.")
    var rounds = 3

    @Option(help: "Well-behaved connections, echoing the corpus in both phases.")
    var connections = 4

    @Option(name: .customLong("message-rate"), help: "Messages each well-behaved connection sends a second (a steady load that leaves the server room); 0 sends each as soon as the last echo is back.")
    var messageRate = 500.0

    @Option(help: "Connections opened, upgraded, sent a message and reset during the attack phase, evenly spaced (as many as it has time for).")
    var churn = 4000

    @Option(name: .customLong("slow-readers"), help: "Connections that send until the server stops reading and never read.")
    var slowReaders = 2

    @Option(name: .customLong("max-message-size"), help: "The server's decompressed-message limit; bombs are four times it.")
    var maxMessageSize = 1 << 20

    @Option(help: "The server attacked: pmce (swift-websocket's Hummingbird server) or nio (the SwiftNIO handler in a plain NIO pipeline, as Vapor uses it).")
    var implementation: ServeImplementation = .pmce

    /// Each well-behaved connection's messages a second; `nil` for a closed loop.
    private var pace: Double? { messageRate > 0 ? messageRate : nil }

    @Option(name: .customLong("memory-allowance"), help: "MiB the server's resident memory may stay above its idle figure once the attacks are over.")
    var memoryAllowance = 4.0

    @Option(help: "The well-behaved connections' messages (a corpus file: NDJSON, a directory, a HAR).")
    var corpus = "Datasets/chat-json.ndjson"

    @Option(help: ArgumentHelp("Write the report as JSON; - for standard output.", valueName: "file"))
    var json: String?

    func validate() throws {
        guard seconds > 0 else { throw ValidationError("--seconds must be more than 0") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be 1 or more") }
        guard connections >= 1 else { throw ValidationError("--connections must be 1 or more") }
        guard churn >= 0, slowReaders >= 0 else { throw ValidationError("--churn and --slow-readers must be 0 or more") }
        guard messageRate >= 0 else { throw ValidationError("--message-rate must be 0 or more") }
        guard attackRate >= 0 else { throw ValidationError("--attack-rate must be 0 or more") }
        guard memoryAllowance >= 0 else { throw ValidationError("--memory-allowance must be 0 or more") }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be 1024 or more") }
        guard implementation == .pmce || implementation == .nio else {
            throw ValidationError("--implementation \(implementation.rawValue): the attacks need this package's three extensions, pmce or nio")
        }
    }

    func run() async throws {
        DescriptorLimit.raise()
        let messages = try CorpusLoader.load(path: corpus).flatMap(\.messages).filter { $0.count <= maxMessageSize }
        guard !messages.isEmpty else { throw ValidationError("\(corpus) holds no message of at most \(maxMessageSize) bytes") }
        let payloads = try HostilePayloads(limit: maxMessageSize)
        let serveArguments = [
            "--implementation", implementation.rawValue, "--extension", "deflate", "bzip2", "snappy", "--max-message-size", "\(maxMessageSize)",
        ]
        let server = try ServerProcess(arguments: serveArguments)
        defer { server.stop() }
        let say = { (text: String) in Terminal.write(text, to: json == OutputFile.standardOutput ? 2 : 1) }

        do {
            try await measure(server: server, messages: messages, payloads: payloads, say: say)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw server.explaining(error)
        }
    }

    private func measure(server: ServerProcess, messages: [[UInt8]], payloads: HostilePayloads, say: (String) -> Void) async throws {
        var calm: [PhaseSamples] = []
        var hostile: [PhaseSamples] = []
        var totals = HostileLoad.Totals()
        var idle = 0
        var peak = 0
        for round in 1...rounds {
            let of = rounds > 1 ? "round \(round) of \(rounds), " : ""
            say("pmce hostile: server on port \(server.port); \(of)calm phase, \(seconds) s…\n")
            // Memory is read every 200 ms in both kinds of phase, so that its cost falls on both.
            calm.append(try await phase(server: server, messages: messages, attack: nil) { _ = try? server.residentBytes() })
            if round == 1 {
                // Idle: every connection of the first calm phase closed, before any attack.
                try await Task.sleep(for: .milliseconds(500))
                idle = try server.residentBytes()
                peak = idle
            }
            say("pmce hostile: \(of)attack phase, \(seconds) s…\n")
            let attackers = HostileLoad(
                port: server.port, payloads: payloads, attacks: attackRate > 0 ? attacks : [], attackRate: attackRate, churn: churn,
                slowReaders: slowReaders, seconds: seconds)
            hostile.append(
                try await phase(server: server, messages: messages, attack: attackers) {
                    peak = max(peak, (try? server.residentBytes()) ?? 0)
                })
            totals.add(attackers)
        }
        let after = try await settle(server)

        let report = HostileReport(
            date: Date(), serveArguments: server.arguments, secondsPerPhase: seconds, rounds: rounds, wellBehavedConnections: connections,
            messagesPerSecond: pace, corpus: corpus,
            calm: PhaseSamples.pooled(calm), hostile: PhaseSamples.pooled(hostile),
            p99GrowthByRound: zip(calm, hostile).map { $1.roundTrip.p99 / $0.roundTrip.p99 },
            attacks: (attackRate > 0 ? attacks : []).map { attack in
                let tally = totals.tallies[attack] ?? .init()
                return .init(name: attack.rawValue, expected: attack.expected.description, runs: tally.runs, asExpected: tally.asExpected, outcomes: tally.outcomes)
            },
            churnedConnections: totals.churned.dropped, churnFailures: totals.churned.failed, firstChurnFailure: totals.churned.firstFailure,
            slowReaderBytes: totals.slowReaderBytes,
            memory: .init(
                idleBytes: idle, peakBytes: peak, afterBytes: after.residentBytes, allowanceBytes: Int(memoryAllowance * 1_048_576), connectionsAfter: after.statistics.connections,
                connectionCodecBytesAfter: after.statistics.codecs?.connectionMemory.totalBytes ?? 0,
                pooledCodecBytesAfter: after.statistics.codecs?.pooledMemory.totalBytes ?? 0))
        say(report.text)
        if let json { try OutputFile.write(try report.json, to: json) }
        if !report.problems.isEmpty { throw ExitCode(1) }
    }

    /// One phase: the well-behaved connections open, echo for `seconds` (beside `attack`, when
    /// given) and close.
    private func phase(
        server: ServerProcess, messages: [[UInt8]], attack: HostileLoad?, whileRunning: () -> Void = {}
    ) async throws -> PhaseSamples {
        let spec = try CodecSpec.deflate()
        let session = LoadSession(
            url: "ws://127.0.0.1:\(server.port)/", messages: messages, connections: connections, idleConnections: 0, seconds: seconds,
            messagesPerSecond: pace, extensions: WireServer.pmce(spec).clientExtensions(maxMessageSize: maxMessageSize), maxMessageSize: maxMessageSize)
        let client = Task { await session.run() }
        while session.settled < connections { try await Task.sleep(for: .milliseconds(5)) }
        attack?.start()
        session.start.open()
        while session.finishedActive.withLock({ $0 }) < connections {
            whileRunning()
            try await Task.sleep(for: .milliseconds(200))
        }
        await attack?.stop()
        session.finish.open()
        await client.value
        return PhaseSamples(outcome: session.outcome.withLock { $0 }, failures: session.failures.withLock { $0 })
    }

    /// Waits up to 10 s for the server to count no open connection, then 1 s more, and reads it.
    private func settle(_ server: ServerProcess) async throws -> (residentBytes: Int, statistics: ServeStatistics) {
        let deadline = ContinuousClock.now + .seconds(10)
        var statistics = try server.statistics()
        while statistics.connections > 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            statistics = try server.statistics()
        }
        try await Task.sleep(for: .seconds(2))
        return (try server.residentBytes(), try server.statistics())
    }
}

/// What the well-behaved connections did in one phase, every round trip kept so that phases of
/// one kind can be pooled.
private struct PhaseSamples {
    var messages = 0
    var failures: [String] = []
    var mismatches = 0
    var roundTripNanoseconds: [UInt64] = []

    init(outcome: LoadSession.Outcome, failures: [String]) {
        messages = outcome.messages
        self.failures = failures
        mismatches = outcome.mismatches
        roundTripNanoseconds = outcome.roundTripNanoseconds
    }

    private init() {}

    /// The round trips of this phase alone.
    var roundTrip: LatencyPercentiles { LatencyPercentiles(nanoseconds: roundTripNanoseconds) }

    /// The phases as one: messages, failures and mismatches added, round trips pooled.
    static func pooled(_ phases: [PhaseSamples]) -> HostileReport.Phase {
        var all = PhaseSamples()
        for phase in phases {
            all.messages += phase.messages
            all.failures += phase.failures
            all.mismatches += phase.mismatches
            all.roundTripNanoseconds += phase.roundTripNanoseconds
        }
        return .init(messages: all.messages, failures: all.failures, mismatches: all.mismatches, roundTrip: all.roundTrip)
    }
}
