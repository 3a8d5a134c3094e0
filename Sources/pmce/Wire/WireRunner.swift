import Foundation
import PMCEBenchmarkKit
import PerMessageCompression
import PerMessageCompressionWebSocket

/// Runs the wire benchmark: for each corpus, number of connections and server configuration, a
/// fresh `pmce serve` process and a load session against it, measured from both sides.
struct WireRunner {
    /// Why a row could not be measured.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The active phase's length per row, in seconds.
    var seconds: Double
    /// Connections held open beside the active ones.
    var idleConnections: Int
    /// Measurements per row, interleaved (every row once, then every row again): noise on a
    /// shared machine hits all rows alike, and each row reports its median run.
    var repetitions = 3
    /// The largest message either end decompresses.
    var maxMessageSize = 1 << 24

    /// Runs every row.
    /// - Parameters:
    ///   - servers: The configurations, in order.
    ///   - corpora: The corpora.
    ///   - connectionCounts: Active connections per row.
    ///   - progress: Called before each row with (done, total, label).
    /// - Returns: The report.
    func run(
        servers: [WireServer], corpora: [Corpus], connectionCounts: [Int], progress: (Int, Int, Double, String) -> Void
    ) async throws -> WireReport {
        let started = Date()
        let clock = ContinuousClock.now
        var rows: [WireResult] = []
        let total = corpora.count * connectionCounts.count * servers.count * repetitions
        var done = 0
        for corpus in corpora {
            for connections in connectionCounts {
                var runs = Array(repeating: [WireResult](), count: servers.count)
                for _ in 0..<repetitions {
                    for (index, server) in servers.enumerated() {
                        let elapsed = (ContinuousClock.now - clock) / .seconds(1)
                        progress(done, total, elapsed, "\(corpus.name) · \(connections) conn · \(server)")
                        runs[index].append(try await measure(server, corpus: corpus, connections: connections))
                        done += 1
                    }
                }
                rows += runs.map(WireResult.median)
            }
        }
        let elapsed = (ContinuousClock.now - clock) / .seconds(1)
        progress(done, total, elapsed, "")
        return WireReport(date: started, secondsPerRow: seconds, durationSeconds: elapsed, rows: rows)
    }

    /// One row: start the server, open the connections, run the active phase, read the server.
    func measure(_ server: WireServer, corpus: Corpus, connections: Int) async throws -> WireResult {
        let process = try ServerProcess(arguments: server.serveArguments)
        defer { process.stop() }
        do {
            return try await measure(server, on: process, corpus: corpus, connections: connections)
        } catch {
            throw process.explaining(error)
        }
    }

    private func measure(_ server: WireServer, on process: ServerProcess, corpus: Corpus, connections: Int) async throws -> WireResult {
        let idleStart = try process.sample()
        let session = LoadSession(
            url: "ws://127.0.0.1:\(process.port)/", messages: corpus.messages.isEmpty ? [[]] : corpus.messages, connections: connections,
            idleConnections: idleConnections, seconds: seconds, extensions: server.clientExtensions(maxMessageSize: maxMessageSize),
            maxMessageSize: maxMessageSize)
        let client = Task { await session.run() }
        let everyone = connections + idleConnections
        try await waitUntil(timeout: 60 + Double(everyone) / 100, "\(everyone) connections to open") { session.settled >= everyone }
        if let failure = session.failures.withLock({ $0.first }) {
            session.start.open()
            session.finish.open()
            await client.value
            throw Failure(description: "\(server) on \(corpus.name): \(failure)")
        }

        let before = try process.sample()
        session.start.open()
        let began = ContinuousClock.now
        var busiest = 0
        while session.finishedActive.withLock({ $0 }) < connections {
            try await Task.sleep(for: .milliseconds(200))
            let statistics = try process.statistics()
            if let codecs = statistics.codecs {
                busiest = max(busiest, codecs.connectionMemory.totalBytes + codecs.pooledMemory.totalBytes)
            }
        }
        let seconds = (ContinuousClock.now - began) / .seconds(1)
        let after = try process.sample()
        let idleStatistics = try process.statistics()
        session.finish.open()
        await client.value

        let outcome = session.outcome.withLock { $0 }
        if let failure = session.failures.withLock({ $0.first }) {
            throw Failure(description: "\(server) on \(corpus.name): \(failure)")
        }
        guard outcome.mismatches == 0 else {
            throw Failure(description: "\(server) on \(corpus.name): \(outcome.mismatches) echoes differed from their messages")
        }
        // This package's codecs, behind Hummingbird or NIO, report their bytes.
        let isOurs = server.implementation == "pmce" || server.implementation == "nio"
        return WireResult(
            implementation: server.implementation, spec: server.spec, corpus: corpus.name, connections: connections,
            idleConnections: idleConnections, messages: outcome.messages, seconds: seconds, rawBytes: outcome.rawBytes,
            wireBytes: after.socketBytes - before.socketBytes, uncompressedWireBytes: outcome.uncompressedWireBytes,
            roundTrip: LatencyPercentiles(nanoseconds: outcome.roundTripNanoseconds), serverCPUSeconds: after.cpuSeconds - before.cpuSeconds,
            serverMemoryBytesPerConnection: max(0, after.residentBytes - idleStart.residentBytes) / everyone,
            codecBytesPerConnection: isOurs ? busiest / everyone : nil,
            idleCodecBytesPerConnection: isOurs ? idleStatistics.codecs.map { $0.connectionMemory.totalBytes / everyone } : nil,
            pooledCodecBytes: isOurs ? idleStatistics.codecs?.pooledMemory.totalBytes : nil)
    }

    private func waitUntil(timeout: Double, _ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while !condition() {
            guard ContinuousClock.now < deadline else { throw Failure(description: "timed out after \(Int(timeout)) s waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
