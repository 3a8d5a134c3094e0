import ArgumentParser
import Foundation
import PMCEBenchmarkKit

/// Tolerances and outputs of a regression check, shared by `pmce compare` and
/// `pmce bench --baseline`.
struct RegressionOptions: ParsableArguments {
    @Option(name: .customLong("ratio-tolerance"), help: ArgumentHelp("How much the ratio may grow, in percent of the old ratio.", valueName: "percent"))
    var ratioPercent: Double = RegressionTolerances().ratioPercent

    @Option(name: .customLong("throughput-tolerance"), help: ArgumentHelp("How much throughput may drop beyond both runs' p10–p90 noise bands, in percent.", valueName: "percent"))
    var throughputPercent: Double = RegressionTolerances().throughputPercent

    @Flag(name: .customLong("no-throughput"), help: "Do not compare throughput (for noisy or shared machines): ratios, allocations and memory only.")
    var noThroughput = false

    @Option(name: .customLong("allocation-tolerance"), help: ArgumentHelp("How many more allocations per message are allowed.", valueName: "count"))
    var allocationsPerMessage: Double = RegressionTolerances().allocationsPerMessage

    @Option(name: .customLong("memory-tolerance"), help: ArgumentHelp("How much memory per connection may grow, in percent.", valueName: "percent"))
    var memoryPercent: Double = RegressionTolerances().memoryPercent

    @Option(name: .customLong("wire-tolerance"), help: ArgumentHelp("Wire reports: how much the wire ratio and idle codec bytes per connection may grow, in percent.", valueName: "percent"))
    var wirePercent: Double = RegressionTolerances().wirePercent

    @Option(name: .customLong("versus-c-tolerance"), help: ArgumentHelp("Reports made with --reference: how much a row's speed ÷ C (median of its interleaved pass pairs) may drop, in percent.", valueName: "percent"))
    var versusCPercent: Double = RegressionTolerances().versusCPercent

    @Option(name: .customLong("versus-c-tolerance-for"), help: ArgumentHelp("--versus-c-tolerance for one extension, such as snappy=20; repeatable.", valueName: "extension=percent"))
    var versusCPercentFor: [ExtensionTolerance] = []

    @Option(help: ArgumentHelp("Also write a Markdown summary for a pull-request comment.", valueName: "file"))
    var markdown: String?

    /// The tolerances the options describe.
    var tolerances: RegressionTolerances {
        var tolerances = RegressionTolerances(
            ratioPercent: ratioPercent, throughputPercent: throughputPercent, checksThroughput: !noThroughput,
            allocationsPerMessage: allocationsPerMessage, memoryPercent: memoryPercent)
        tolerances.wirePercent = wirePercent
        tolerances.versusCPercent = versusCPercent
        for entry in versusCPercentFor { tolerances.versusCPercentByExtension[entry.compressionExtension.rawValue] = entry.percent }
        return tolerances
    }

    func validate() throws {
        do throws(BenchmarkError) {
            try tolerances.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// A report of either runner.
    enum Report {
        case codec(BenchReport)
        case wire(WireReport)
    }

    /// Reads a `pmce bench --json` or `pmce bench --wire --json` report, told apart by its `"tool"`.
    /// - Parameter path: The file.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError`` naming the file and what is wrong with it (exit status 1).
    static func readAnyReport(_ path: String) throws(BenchmarkError) -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .file(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        if WireReport.isWireReport(data) { return .wire(try WireReport.decode(data, path: path)) }
        return .codec(try BenchReport.decode(data, path: path))
    }

    /// Compares two reports of the same runner.
    /// - Throws: ``BenchFailure`` when one is a wire report and the other not; otherwise as
    ///   ``check(_:)``.
    func check(baseline: Report, current: Report) throws {
        switch (baseline, current) {
        case (.codec(let old), .codec(let new)): try check(baseline: old, current: new)
        case (.wire(let old), .wire(let new)): try check(RegressionCheck(baseline: old, current: new, tolerances: tolerances))
        default: throw BenchFailure(BenchmarkError.invalidValue(name: "reports", value: "one wire, one codec", reason: "one report is from pmce bench --wire and the other is not: compare runs of the same kind"))
        }
    }

    /// Reads a `pmce bench --json` report.
    /// - Parameter path: The file.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError`` naming the file and what is wrong with it (exit status 1).
    static func readReport(_ path: String) throws(BenchmarkError) -> BenchReport {
        try BenchReport.readJSON(from: path)
    }

    /// Compares `current` with `baseline`, prints the result, writes the Markdown summary if
    /// asked, and exits with status 2 when the check fails.
    /// - Parameters:
    ///   - baseline: The old run.
    ///   - current: The new run.
    /// - Throws: `ExitCode(2)` on a regression, `ValidationError` if the summary cannot be written.
    func check(baseline: BenchReport, current: BenchReport) throws {
        try check(RegressionCheck(baseline: baseline, current: current, tolerances: tolerances))
    }

    /// Prints a check, writes its Markdown summary if asked, and exits 2 when it failed.
    func check(_ check: RegressionCheck) throws {
        print(check.text(), terminator: "")
        if let markdown {
            do throws(BenchmarkError) {
                try check.writeMarkdown(to: markdown)
                if markdown != OutputFile.standardOutput { print("Wrote \(markdown)") }
            } catch {
                throw ValidationError(error.description)
            }
        }
        if !check.passed { throw ExitCode(2) }
    }
}

/// `EXTENSION=PERCENT`, as `--versus-c-tolerance-for` takes it: checked where it is parsed.
struct ExtensionTolerance: ExpressibleByArgument {
    let compressionExtension: CompressionExtension
    let percent: Double

    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let compressionExtension = CompressionExtension(rawValue: parts[0]), let percent = Double(parts[1]) else {
            return nil
        }
        self.compressionExtension = compressionExtension
        self.percent = percent
    }
}
