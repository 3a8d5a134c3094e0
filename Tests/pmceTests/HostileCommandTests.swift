import Foundation
import Testing

/// `pmce hostile` against a real `pmce serve` process, the Hummingbird server and the SwiftNIO
/// pipeline: every attack answered as a server that stays up must answer it, no well-behaved
/// message lost, nothing left behind. Round-trip figures are reported by the command, never
/// asserted here.
@Suite(.serialized)
struct HostileCommandTests {
    @Test(arguments: ["pmce", "nio"])
    func theServerAnswersEveryAttackRightlyAndKeepsServingWellBehavedConnections(implementation: String) throws {
        // Under a sanitizer (Scripts/thread-sanitizer.sh) the server's memory is the sanitizer's.
        let sanitized = ProcessInfo.processInfo.environment["PMCE_SANITIZER"] != nil
        let run = try PMCEProcess.run([
            "hostile", "--implementation", implementation, "--seconds", "1", "--rounds", "2", "--connections", "2", "--churn", "100", "--slow-readers", "1", "--attack-rate", "40",
            "--corpus", ServeClientCommandTests.corpus.path, "--json", "-",
        ] + (sanitized ? ["--memory-allowance", "100000"] : []))
        #expect(run.status == 0, "\(run.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any])
        let attacks = try #require(report["attacks"] as? [[String: Any]])
        #expect(attacks.map { $0["name"] as? String ?? "" } == [
            "malformed-extensions", "invalid-parameter", "huge-header", "deflate-bomb-fragmented", "bzip2-bomb-fragmented",
            "snappy-bomb-fragmented", "bomb-then-more", "corrupt-payload", "rsv1-on-continuation", "interleaved-message", "rsv2", "rsv1-unnegotiated",
        ])
        // Every attack at least once a round.
        for attack in attacks {
            let runs = attack["runs"] as? Int ?? 0
            #expect(runs >= 2 && attack["asExpected"] as? Int == runs, "\(attack)")
        }
        let outcomes = attacks.reduce(into: [String: Set<String>]()) { $0[$1["name"] as? String ?? ""] = Set(($1["outcomes"] as? [String: Int] ?? [:]).keys) }
        // Hummingbird answers a 1 MiB header line 431; NIO's HTTP parser 400.
        #expect(outcomes["huge-header"] == [implementation == "nio" ? "HTTP 400, closed" : "HTTP 431, closed"])
        #expect(outcomes["bzip2-bomb-fragmented"] == ["close 1009"])
        // A peer still sending after the close gets the code, and no send of its is refused.
        #expect(outcomes["bomb-then-more"] == ["close 1009"])
        #expect(outcomes["rsv1-on-continuation"] == ["close 1002"])
        #expect(outcomes["interleaved-message"] == ["close 1002"])
        for phase in ["calm", "hostile"] {
            let figures = try #require(report[phase] as? [String: Any])
            #expect((figures["messages"] as? Int ?? 0) > 0, "\(phase)")
            #expect((figures["failures"] as? [String])?.isEmpty == true, "\(phase): \(figures)")
            #expect(figures["mismatches"] as? Int == 0, "\(phase)")
        }
        // As many as the phase had time for (a sanitizer build is slow), every one upgraded.
        #expect((report["churnedConnections"] as? Int ?? 0) >= 1)
        #expect(report["churnFailures"] as? Int == 0)
        // One slow reader a round; the round trips of both kinds of phase pooled, and each
        // round's p99 growth kept.
        #expect((report["slowReaderBytes"] as? [Int])?.count == 2)
        #expect(report["rounds"] as? Int == 2)
        #expect((report["p99GrowthByRound"] as? [Double])?.count == 2)
        let memory = try #require(report["memory"] as? [String: Any])
        #expect(memory["connectionsAfter"] as? Int == 0)
        #expect(memory["connectionCodecBytesAfter"] as? Int == 0)
        if !sanitized {
            // Back within the allowance (4 MiB) of its idle figure: no connection's memory kept.
            let idle = memory["idleBytes"] as? Int ?? 0, after = memory["afterBytes"] as? Int ?? .max
            #expect(after - idle <= 4 << 20, "\(memory)")
        }
        // The table went to standard error, beside the JSON on standard output.
        #expect(run.errors.contains("PASSED: the server stayed up"))
    }

    @Test func aServerThatDiesUnderTheLoadIsReportedWithHowItEndedAndWhatItPrinted() throws {
        // A limit no other test gives names this run's server among the test's processes.
        let limit = 1_048_573
        let pattern = "serve .*--max-message-size \(limit)"
        let killer = Thread {
            // Once the server is up (it listens within a second), kill it mid-phase.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, !Self.signal(nil, pattern) { Thread.sleep(forTimeInterval: 0.1) }
            Thread.sleep(forTimeInterval: 2)
            _ = Self.signal("-KILL", pattern)
        }
        killer.start()
        let run = try PMCEProcess.run([
            "hostile", "--seconds", "5", "--rounds", "1", "--connections", "1", "--churn", "0", "--slow-readers", "0", "--attack-rate", "0",
            "--max-message-size", "\(limit)", "--corpus", ServeClientCommandTests.corpus.path,
        ])
        #expect(run.status != 0)
        #expect(run.errors.contains("--max-message-size \(limit) was killed by signal 9 while in use"), "\(run.errors)")
        #expect(run.errors.contains("The end of its output:"), "\(run.errors)")
    }

    /// Runs `pgrep` (no signal) or `pkill` with `signal` on the processes whose command line
    /// matches `pattern`; whether any matched.
    private static func signal(_ signal: String?, _ pattern: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: signal == nil ? "/usr/bin/pgrep" : "/usr/bin/pkill")
        process.arguments = (signal.map { [$0] } ?? []) + ["-f", pattern]
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
