import ArgumentParser
import Foundation
import PMCEBenchmarkKit
import PerMessageCompression
import PerMessageCompressionWebSocket
import Synchronization

/// `pmce hostile`: does `pmce serve` stay up under hostile clients?
struct HostileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostile",
        abstract: "Attack a pmce serve process on loopback while well-behaved clients use it.",
        discussion: """
            Starts pmce serve (all three extensions, --max-message-size as given) in a process of \
            its own. Well-behaved connections (permessage-deflate, --message-rate messages a \
            second each) echo a corpus for --seconds alone, then for --seconds again while raw connections attack: malformed and huge \
            handshake headers, decompression bombs in fragmented messages, RSV abuse, corrupt \
            data, connections opened and reset by the thousand, and slow readers that never read. \
            Reports the round trips of both phases, what each attack was answered, and the \
            server's memory; exits 1 when an attack was answered wrongly, a well-behaved message \
            was lost, or connections were left behind.

              pmce hostile --seconds 10 --churn 4000 --json hostile.json
            """)

    @Option(name: .customLong("attack"), parsing: .upToNextOption, help: "The attacks to run in turn (default: all).")
    var attacks: [HostileAttack] = HostileAttack.allCases

    @Option(name: .customLong("attack-rate"), help: "Attacks begun per second, in turn (each waits for its answer first); 0 for none.")
    var attackRate = 20.0

    @Option(help: "Seconds of each phase (calm, then under attack).")
    var seconds = 10.0

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
        guard connections >= 1 else { throw ValidationError("--connections must be 1 or more") }
        guard churn >= 0, slowReaders >= 0 else { throw ValidationError("--churn and --slow-readers must be 0 or more") }
        guard messageRate >= 0 else { throw ValidationError("--message-rate must be 0 or more") }
        guard attackRate >= 0 else { throw ValidationError("--attack-rate must be 0 or more") }
        guard memoryAllowance >= 0 else { throw ValidationError("--memory-allowance must be 0 or more") }
        guard maxMessageSize >= 1024 else { throw ValidationError("--max-message-size must be 1024 or more") }
    }

    func run() async throws {
        DescriptorLimit.raise()
        let messages = try CorpusLoader.load(path: corpus).flatMap(\.messages).filter { $0.count <= maxMessageSize }
        guard !messages.isEmpty else { throw ValidationError("\(corpus) holds no message of at most \(maxMessageSize) bytes") }
        let payloads = try HostilePayloads(limit: maxMessageSize)
        let serveArguments = ["--extension", "deflate", "bzip2", "snappy", "--max-message-size", "\(maxMessageSize)"]
        let server = try ServerProcess(arguments: serveArguments)
        defer { server.stop() }
        let say = { (text: String) in Terminal.write(text, to: json == OutputFile.standardOutput ? 2 : 1) }

        say("pmce hostile: server on port \(server.port); calm phase, \(seconds) s…\n")
        let calm = try await phase(server: server, messages: messages, attack: nil)
        try await Task.sleep(for: .milliseconds(500))
        let idle = try server.sample().residentBytes

        say("attack phase, \(seconds) s…\n")
        let attackers = HostileLoad(
            port: server.port, payloads: payloads, attacks: attackRate > 0 ? attacks : [], attackRate: attackRate, churn: churn,
            slowReaders: slowReaders, seconds: seconds)
        var peak = idle
        let hostile = try await phase(server: server, messages: messages, attack: attackers) {
            peak = max(peak, (try? server.sample().residentBytes) ?? 0)
        }
        let after = try await settle(server)

        let tallies = attackers.tallies.withLock { $0 }
        let churned = attackers.churned.withLock { $0 }
        let report = HostileReport(
            date: Date(), serveArguments: serveArguments, secondsPerPhase: seconds, wellBehavedConnections: connections,
            messagesPerSecond: pace, corpus: corpus,
            calm: calm, hostile: hostile,
            attacks: (attackRate > 0 ? attacks : []).map { attack in
                let tally = tallies[attack] ?? .init()
                return .init(name: attack.rawValue, expected: attack.expected.description, runs: tally.runs, asExpected: tally.asExpected, outcomes: tally.outcomes)
            },
            churnedConnections: churned.dropped, churnFailures: churned.failed, firstChurnFailure: churned.firstFailure,
            slowReaderBytes: attackers.slowReaderBytes.withLock { $0 },
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
    ) async throws -> HostileReport.Phase {
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
        let outcome = session.outcome.withLock { $0 }
        return .init(
            messages: outcome.messages, failures: session.failures.withLock { $0 }, mismatches: outcome.mismatches,
            roundTrip: LatencyPercentiles(nanoseconds: outcome.roundTripNanoseconds))
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
        return (try server.sample().residentBytes, try server.statistics())
    }
}
