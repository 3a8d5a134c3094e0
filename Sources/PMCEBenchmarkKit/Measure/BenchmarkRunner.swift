import Foundation

/// Runs every spec on every corpus and collects a ``BenchReport``.
///
/// ```swift
/// let runner = BenchmarkRunner(settings: .default)
/// let report = try runner.run(specs: try Sweep().expand(), corpora: corpora) { progress in
///     print(progress.completed, "/", progress.total)
/// }
/// ```
public struct BenchmarkRunner: Sendable {
    /// Where a run is.
    public struct Progress: Sendable {
        /// Cells finished.
        public var completed: Int
        /// Cells in the run.
        public var total: Int
        /// The spec of the cell about to run (or just finished when `completed == total`).
        public var spec: CodecSpec
        /// The corpus of that cell.
        public var corpus: String
        /// Seconds since the run started.
        public var elapsedSeconds: Double
    }

    /// Repetitions and time budget per cell.
    public var settings: MeasurementSettings
    /// Whether to time plain C doing the same work beside each spec (``ReferenceImplementation``).
    public var measuresReference: Bool
    /// Other Swift implementations to time beside each spec they implement (``PeerImplementation``).
    public var peers: [any PeerImplementation]

    /// Creates a runner.
    /// - Parameters:
    ///   - settings: Repetitions and time budget per cell.
    ///   - measuresReference: Whether to time the C reference beside each spec.
    ///   - peers: Other Swift implementations to time beside each spec they implement.
    public init(settings: MeasurementSettings = .default, measuresReference: Bool = false, peers: [any PeerImplementation] = []) {
        self.settings = settings
        self.measuresReference = measuresReference
        self.peers = peers
    }

    /// Measures every spec on every corpus, corpus by corpus.
    /// - Parameters:
    ///   - specs: The specs, such as ``CodecSpec/defaultMatrix``.
    ///   - corpora: The corpora.
    ///   - progress: Called before each cell and once at the end.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError``: bad settings, an empty corpus, a codec failure or a
    ///   message that did not round-trip (naming the spec, corpus and message index).
    public func run(specs: [CodecSpec], corpora: [Corpus], progress: ((Progress) -> Void)? = nil) throws(BenchmarkError) -> BenchReport {
        try settings.validate()
        guard !specs.isEmpty else { throw .nothingToReport("no codec specs to run") }
        guard !corpora.isEmpty else { throw .nothingToReport("no corpora to run on") }
        for corpus in corpora where corpus.messages.isEmpty { throw .emptyCorpus(name: corpus.name) }
        let date = Date()
        let started = MonotonicClock.nanoseconds()
        func elapsed() -> Double { Double(MonotonicClock.nanoseconds() - started) / 1e9 }
        let measurer = Measurer(settings: settings, measuresReference: measuresReference, peers: peers)
        let total = specs.count * corpora.count
        var rows: [BenchmarkResult] = []
        rows.reserveCapacity(total)
        for corpus in corpora {
            for spec in specs {
                progress?(Progress(completed: rows.count, total: total, spec: spec, corpus: corpus.name, elapsedSeconds: elapsed()))
                rows.append(try measurer.measure(spec, on: corpus))
            }
        }
        progress?(Progress(completed: total, total: total, spec: specs[specs.count - 1], corpus: corpora[corpora.count - 1].name, elapsedSeconds: elapsed()))
        return BenchReport(date: date, settings: settings, durationSeconds: elapsed(), rows: rows)
    }
}
