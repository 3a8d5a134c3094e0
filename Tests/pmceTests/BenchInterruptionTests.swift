import Foundation
import PMCEBenchmarkKit
import Testing

/// SIGINT and SIGTERM during `pmce bench`: the finished cells are written, marked incomplete.
struct BenchInterruptionTests {
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func signalStopsAfterTheCellInHandAndWritesTheFinishedCells(signal: Int32, status: Int32) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("run.json").path
        let csv = directory.appendingPathComponent("run.csv").path
        let process = Process()
        process.executableURL = PMCEProcess.binary
        // 126 cells of at least 50 ms of timed work each (every cell runs to its budget):
        // over 6 s, so the signal at 1.5 s always finds cells unfinished. (With 3 passes a cell
        // and no budget, a fast machine once finished all 126 before the signal.)
        process.arguments = [
            "bench", "--corpus", ServeClientCommandTests.corpus.path, "--window-bits", "9...15", "--mem-level", "1...9", "--takeover", "both",
            "--repetitions", "3", "--max-repetitions", "1000000", "--time-budget", "0.05", "--target-spread", "0",
            "--json", json, "--csv", csv,
        ]
        let output = directory.appendingPathComponent("stdout.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        #expect(process.terminationStatus == status)
        let report = try BenchReport.readJSON(from: json)
        #expect(report.complete == false)
        #expect(report.plannedCells == 126)
        #expect(report.rows.count < 126)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == report.rows.count + 1)
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",false") })
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.contains("INCOMPLETE: the run was stopped after \(report.rows.count) of 126 cells"))
    }
}

extension BenchInterruptionTests {
    @Test func incompleteReportSaysSoInItsHTMLPage() throws {
        let path = try Self.incompleteReportPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try BenchReport.readJSON(from: path)
        #expect(report.html().contains("Incomplete: the run was stopped after 1 of 3 cells"))
    }

    /// A report of 1 finished cell of 3, written through the kit as an interrupted run writes it;
    /// the caller removes the file.
    static func incompleteReportPath() throws -> String {
        let full = try BenchmarkRunner(settings: .quick).run(
            specs: [.snappy()], corpora: [Corpus(name: "tiny", messages: [Array("hello hello".utf8)])])
        let stopped = BenchReport(settings: full.settings, durationSeconds: 0.1, rows: full.rows, plannedCells: 3)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-incomplete-\(UUID().uuidString).json").path
        try stopped.writeJSON(to: path)
        return path
    }
}
