import ArgumentParser
import PMCEBenchmarkKit

/// `pmce recommend`: names the Pareto-optimal extension and parameters (ratio versus compression
/// throughput) for each corpus within a memory budget per connection, chooses one, and prints
/// the code and handshake that turn it on.
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Choose an extension and parameters per corpus, and print the code and handshake that turn them on.",
        discussion: """
            Reads a report written by `pmce bench --json FILE` (--report), or runs the benchmark with \
            the same corpus, sweep and measurement options as `pmce bench`. Lists the Pareto-optimal \
            choices (ratio vs compress throughput) whose peak bytes per connection (one compressor + \
            one decompressor) fit --memory-budget, then chooses one: of those that shrink the corpus, \
            the fastest whose output is within \(Int(Recommendation.outputTolerance * 100)) % of the smallest. For it, prints why over its \
            neighbour on the front, the memory of --connections connections, Swift for a Hummingbird \
            server and a swift-websocket client, and the Sec-WebSocket-Extensions handshake.
            """)

    @OptionGroup(title: "Recommendation") var advice: RecommendationOptions

    @Option(help: ArgumentHelp("Also print the memory this many connections take with the chosen configuration (1 or more).", valueName: "count"))
    var connections: ConnectionCount?

    @Option(help: ArgumentHelp("Read results from this `pmce bench --json` file instead of measuring.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("for"), help: ArgumentHelp("Only this corpus (by name). Default: every corpus.", valueName: "corpus"))
    var corpusName: String?

    @OptionGroup(title: "Corpora") var corpora: CorpusOptions
    @OptionGroup(title: "Sweep") var sweep: SweepOptions
    @OptionGroup(title: "Measurement") var measurement: MeasurementOptions

    func run() throws {
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
            print(try advice.recommendation(report: results, corpus: name, connections: connections))
            print()
        }
    }
}

/// The options of a recommendation, shared by `pmce recommend` and `pmce bench --recommend`.
/// (`--connections` is not among them: `pmce bench` has one for `--wire`.)
struct RecommendationOptions: ParsableArguments {
    @Option(name: .customLong("memory-budget"), help: ArgumentHelp("The most bytes per connection, such as 65536, 64KiB or 1MiB. Default: no limit.", valueName: "bytes"))
    var memoryBudget: String?

    func validate() throws {
        if let memoryBudget { _ = try BenchCommand.parseBudget(memoryBudget) }
    }

    /// The recommendation for one corpus of `report`, as printed.
    /// - Parameters:
    ///   - report: The measurements.
    ///   - corpus: The corpus's name.
    ///   - connections: Connections open at once, for the memory line; `nil` for none.
    /// - Returns: The front, the chosen configuration, its code and handshake.
    /// - Throws: `ValidationError` for a malformed --memory-budget.
    func recommendation(report: BenchReport, corpus: String, connections: ConnectionCount?) throws -> String {
        let budget = try memoryBudget.map(BenchCommand.parseBudget)
        return Recommendation(report: report, corpus: corpus, memoryBudgetBytes: budget).summary(connections: connections?.value)
    }
}

/// A number of connections open at once, 1 or more: checked here, where it is parsed.
struct ConnectionCount: ExpressibleByArgument, Sendable {
    /// The count.
    let value: Int

    /// Parses a positive whole number, such as `10000`.
    /// - Parameter argument: The command-line text.
    init?(argument: String) {
        guard let value = Int(argument), value >= 1 else { return nil }
        self.value = value
    }
}
