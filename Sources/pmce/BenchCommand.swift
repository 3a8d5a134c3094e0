import ArgumentParser
import PMCEBenchmarkKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `pmce bench`: measures ratio, throughput, latency, memory and allocations of each extension
/// and parameter set on each corpus, and writes the reports.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure compression ratio, throughput, latency and memory per extension and corpus.",
        discussion: """
            With no options, runs the default matrix (deflate w15/m8 with and without takeover, \
            w12/m5, w9/m1; bzip2 levels 1 and 9; snappy with and without takeover) on every corpus \
            in ./Datasets. Sweep options expand into every combination, for example \
            `--window-bits 9...15 --mem-level 1,5,8 --takeover both`. Build with `-c release`: \
            debug timings are meaningless. With --wire, measures over real WebSocket connections \
            on loopback instead: a `pmce serve` process per row, no compression and swift-websocket's \
            own deflate beside this package's specs.
            """)

    @OptionGroup(title: "Corpora") var corpora: CorpusOptions
    @OptionGroup(title: "Sweep") var sweep: SweepOptions
    @OptionGroup(title: "Measurement") var measurement: MeasurementOptions
    @OptionGroup(title: "Over real connections") var wire: WireOptions

    @Option(help: ArgumentHelp("Write the results as JSON (schema: Docs/bench-json-schema.md); - for standard output.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write the results as CSV; - for standard output.", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML page with charts; - for standard output.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Compare the run with this earlier `--json` report and exit 2 on a regression (see `pmce compare`).", valueName: "file"))
    var baseline: String?

    @OptionGroup(title: "Regression check (with --baseline)") var regression: RegressionOptions

    @Flag(help: "Also print the Pareto-optimal choices per corpus, the chosen one, and the code and handshake that turn it on.")
    var recommend = false

    @OptionGroup(title: "Recommendation (with --recommend)") var advice: RecommendationOptions

    @Option(name: .customLong("recommend-connections"), help: ArgumentHelp("With --recommend: also print the memory this many connections take with the chosen configuration.", valueName: "count"))
    var recommendConnections: ConnectionCount?

    func validate() throws {
        if [json, csv, html].filter({ $0 == OutputFile.standardOutput }).count > 1 {
            throw ValidationError("only one of --json, --csv and --html can be - (standard output)")
        }
        if wire.enabled && (baseline != nil || recommend) {
            throw ValidationError("--wire writes its own report: --baseline and --recommend read codec reports only")
        }
        if let baseline { _ = try RegressionOptions.readReport(baseline) }
    }

    func run() async throws {
        if wire.enabled { return try await runWire() }
        let report = try Self.runBenchmark(corpora: corpora, sweep: sweep, measurement: measurement)
        try present(report)
        if recommend {
            for corpus in report.corpora {
                say("\n" + (try advice.recommendation(report: report, corpus: corpus, connections: recommendConnections)))
            }
        }
        if let signal = Interruption.stoppedBy {
            say("\nStopped by \(Interruption.name(signal)) after \(report.rows.count) of \(report.plannedCells ?? report.rows.count) cells; the reports hold those (\"complete\": false).")
            throw ExitCode(Interruption.exitStatus(signal))
        }
        if let baseline {
            say("")
            try regression.check(baseline: try RegressionOptions.readReport(baseline), current: report)
        }
        if asksForNothingMore { print(Self.nextSteps) }
    }

    /// The wire benchmark: every row over real connections, then the reports.
    func runWire() async throws {
        Self.warnIfDebugBuild()
        DescriptorLimit.raise()
        let loaded = try corpora.load()
        let servers = WireServer.rows(for: try sweep.specs(), compareSwiftWebSocket: !wire.withoutSwiftWebSocket, compareNIO: !wire.withoutNIO)
        let bar = ProgressBar()
        let runner = WireRunner(seconds: wire.seconds, idleConnections: wire.idleConnections, repetitions: wire.repetitions)
        let report: WireReport
        do {
            report = try await runner.run(servers: servers, corpora: loaded, connectionCounts: try wire.connectionCounts()) {
                bar.update(completed: $0, total: $1, elapsedSeconds: $2, current: $3)
            }
        } catch {
            bar.finish()
            throw error
        }
        bar.finish()
        try present(report)
    }

    /// Prints a report's table and how long the run took, and writes the files asked for.
    func present(_ report: some RunReport) throws {
        say(report.table())
        // Whole seconds, but tenths for a run under 10 s, which would otherwise read "0 s".
        let seconds = report.durationSeconds
        say("\nRun took \(seconds.formatted(seconds < 10 ? 1 : 0)) s on \(report.machine.cores) cores (\(report.toolchain.buildConfiguration) build).")
        do throws(BenchmarkError) {
            if let json { try report.writeJSON(to: json); wrote(json) }
            if let csv { try report.writeCSV(to: csv); wrote(csv) }
            if let html { try report.writeHTML(to: html); wrote(html) }
        } catch {
            throw BenchFailure(error)
        }
    }

    /// Whether a report goes to standard output (`-`): then the table and messages go to
    /// standard error, so that the report can be piped.
    var reportsToStandardOutput: Bool { [json, csv, html].contains(OutputFile.standardOutput) }

    /// Prints a line for people: on standard output, or standard error when a report is there.
    func say(_ text: String) {
        if reportsToStandardOutput { Terminal.write(text + "\n", to: 2) } else { print(text) }
    }

    /// Says that a report was written to `path` (nothing for standard output).
    private func wrote(_ path: String) {
        if path != OutputFile.standardOutput { say("Wrote \(path)") }
    }

    /// Loads the corpora, expands the sweep and runs it with a progress bar on a terminal.
    static func runBenchmark(corpora: CorpusOptions, sweep: SweepOptions, measurement: MeasurementOptions) throws -> BenchReport {
        warnIfDebugBuild()
        let loaded = try corpora.load()
        if measurement.settings.isTimed { warnAboutRepeatingCorpora(loaded) }
        let specs = try sweep.specs()
        let bar = ProgressBar()
        defer { bar.finish() }
        do throws(BenchmarkError) {
            Interruption.watch()
            let runner = BenchmarkRunner(settings: measurement.settings, measuresReference: measurement.reference, peers: measurement.peers)
            return try runner.run(specs: specs, corpora: loaded, progress: { bar.update($0) }, shouldStop: { Interruption.stoppedBy != nil })
        } catch {
            bar.finish()
            throw BenchFailure(error)
        }
    }

    static func parseBudget(_ text: String) throws -> Int {
        do throws(BenchmarkError) {
            return try Recommendation.parseByteCount(text, name: "--memory-budget")
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Says on standard error which corpora repeat a run of messages end to end, whose
    /// timings read high (``Corpus/repetitionPeriod``).
    static func warnAboutRepeatingCorpora(_ corpora: [Corpus]) {
        for corpus in corpora {
            guard let period = corpus.repetitionPeriod else { continue }
            let copies = Double(corpus.messages.count) / Double(period)
            Terminal.write("""
                note: corpus \(corpus.name) is its first \(period) message\(period == 1 ? "" : "s") repeated \(copies.formatted(1))\u{D7} over: \
                the CPU learns a sequence that comes round again, so its speeds read high (protobuf-records \
                repeated 4\u{D7}: snappy decompression 1.2\u{D7} faster than once over). Distinct messages give figures that hold.

                """, to: 2)
        }
    }

    /// Warns loudly on standard error when this is a debug build.
    static func warnIfDebugBuild() {
        #if DEBUG
        Terminal.write("""
            ************************************************************************
            WARNING: pmce was built in DEBUG mode. Timings are meaningless.
            Build and run with: swift run -c release pmce bench
            ************************************************************************

            """, to: 2)
        #endif
    }
}

/// A failure while running (not a bad option, so no usage text): a corpus that cannot be read,
/// a codec error, a message that did not round-trip, a report that cannot be written. Keeps the
/// typed error (``CorpusError``, ``BenchmarkError``) and adds what to do about it, if anything.
struct BenchFailure: Error, CustomStringConvertible {
    /// What failed.
    let error: any Error & CustomStringConvertible
    /// What the user can do about it.
    let hint: String?

    init(_ error: any Error & CustomStringConvertible, hint: String? = nil) {
        self.error = error
        self.hint = hint
    }

    var description: String { hint.map { "\(error)\n\($0)" } ?? error.description }
}
