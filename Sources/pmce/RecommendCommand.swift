import ArgumentParser
import PMCEBenchmarkKit

/// `pmce recommend`: names the Pareto-optimal extension and parameters (ratio versus compression
/// throughput) for each corpus within a memory budget per connection.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Name the Pareto-optimal choices (ratio vs compress throughput) within a memory budget per connection.",
        discussion: """
            Reads a report written by `pmce bench --json FILE` (--report), or runs the benchmark with \
            the same corpus, sweep and measurement options as `pmce bench`. Peak bytes per \
            connection (one compressor + one decompressor) must fit --memory-budget.
            """)

    @Option(name: .customLong("memory-budget"), help: ArgumentHelp("The most bytes per connection, such as 65536, 64KiB or 1MiB. Default: no limit.", valueName: "bytes"))
    var memoryBudget: String?

    @Option(help: ArgumentHelp("Read results from this `pmce bench --json` file instead of measuring.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("Only this corpus (by name). Default: every corpus.", valueName: "corpus"))
    var corpusName: String?

    @OptionGroup(title: "Corpora") var corpora: CorpusOptions
    @OptionGroup(title: "Sweep") var sweep: SweepOptions
    @OptionGroup(title: "Measurement") var measurement: MeasurementOptions

    func validate() throws {
        if let memoryBudget { _ = try BenchCommand.parseBudget(memoryBudget) }
    }

    func run() throws {
        let budget = try memoryBudget.map(BenchCommand.parseBudget)
        let results: BenchReport
        if let report {
            do throws(BenchmarkError) {
                results = try BenchReport.readJSON(from: report)
            } catch {
                throw BenchFailure(error)
            }
        } else {
            results = try BenchCommand.runBenchmark(corpora: corpora, sweep: sweep, measurement: measurement)
        }
        let names = results.corpora
        if let corpusName, !names.contains(corpusName) {
            throw BenchFailure(BenchmarkError.nothingToReport("no corpus named '\(corpusName)' in the results; they have: \(names.joined(separator: ", "))"))
        }
        for name in names where corpusName == nil || corpusName == name {
            print(Recommendation(report: results, corpus: name, memoryBudgetBytes: budget).summary)
            print()
        }
    }
}
