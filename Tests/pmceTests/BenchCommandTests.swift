import Foundation
import Testing

/// `pmce bench` as a user runs it: what a plain run ends with, and `--ratio-only`.
struct BenchCommandTests {
    private let corpus = ServeClientCommandTests.corpus.path

    @Test func plainRunEndsWithTheCommandsForChartsARecommendationAndASweep() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", corpus, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n")
        let next = try #require(lines.firstIndex { $0.hasPrefix("Next, for this run or your own traffic") })
        #expect(lines.count - next == 4)
        #expect(lines[next + 1].contains("pmce bench --html report.html"))
        #expect(lines[next + 2].contains("--recommend"))
        #expect(lines[next + 3].contains("--window-bits 9...15 --mem-level 1...9 --takeover both --ratio-only"))
    }

    @Test func runThatWritesAReportDoesNotRepeatTheHints() throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-bench-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let result = try PMCEProcess.run(["bench", "--corpus", corpus, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0", "--json", json.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(!String(decoding: result.output, as: UTF8.self).contains("Next, for this run"))
    }

    @Test func ratioOnlySweepReportsRatioAndMemoryWithoutSpeeds() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", corpus, "--window-bits", "9...15", "--mem-level", "1,9", "--takeover", "both", "--ratio-only"])
        #expect(result.status == 0, "\(result.errors)")
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(output.contains("ratio, memory and allocations only (--ratio-only)"))
        #expect(output.split(separator: "\n").filter { $0.hasPrefix("  deflate w") }.count == 28)
    }

    @Test func corpusThatRepeatsItselfIsNamedBeforeTimingButNotForRatioOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-repeating-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<12 {
            try Data("message \(index % 4)".utf8).write(to: directory.appendingPathComponent(String(format: "%03d.txt", index)))
        }
        let timed = try PMCEProcess.run(["bench", "--corpus", directory.path, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0"])
        #expect(timed.status == 0, "\(timed.errors)")
        #expect(timed.errors.contains("is its first 4 messages repeated 3.0\u{D7} over"))
        let ratioOnly = try PMCEProcess.run(["bench", "--corpus", directory.path, "--extension", "snappy", "--ratio-only"])
        #expect(ratioOnly.status == 0, "\(ratioOnly.errors)")
        #expect(!ratioOnly.errors.contains("repeated"))
        let distinct = try PMCEProcess.run(["bench", "--corpus", corpus, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0"])
        #expect(!distinct.errors.contains("repeated"))
    }

    @Test func ratioOnlyRefusesTheCReferenceWhichNeedsTiming() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", corpus, "--ratio-only", "--reference"])
        #expect(result.status != 0)
        #expect(result.errors.contains("--ratio-only times nothing"))
    }
}

/// `-` as a report path: the report alone on standard output, the table on standard error.
struct BenchStandardOutputTests {
    @Test func jsonDashWritesTheReportToStandardOutputAndTheTableToStandardError() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", ServeClientCommandTests.corpus.path, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0", "--json", "-"])
        #expect(result.status == 0, "\(result.errors)")
        let report = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
        #expect(report?["rows"] != nil)
        #expect(result.errors.contains("snappy takeover"))
        #expect(!FileManager.default.fileExists(atPath: "-"))
    }

    @Test func twoReportsOnStandardOutputAreRefused() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", ServeClientCommandTests.corpus.path, "--json", "-", "--csv", "-"])
        #expect(result.status != 0)
        #expect(result.errors.contains("only one of --json, --csv and --html can be -"))
    }

    @Test func fullDiskIsAClearErrorWithANonZeroExit() throws {
        let result = try PMCEProcess.run(["bench", "--corpus", ServeClientCommandTests.corpus.path, "--extension", "snappy", "--repetitions", "3", "--time-budget", "0", "--json", "/dev/full"])
        #expect(result.status != 0)
        #expect(result.errors.contains("/dev/full"))
        #expect(result.errors.contains("No space left on device"))
    }
}
