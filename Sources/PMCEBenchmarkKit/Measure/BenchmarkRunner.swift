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
    ///
    /// What needs no clock (round trip, ratio, memory, allocations) runs on worker threads:
    /// every core but one while cells are timed, so that the timed passes keep a core to
    /// themselves and never share one with other timing; every core with
    /// ``MeasurementSettings/ratioOnly``. Cells are timed one at a time, in order, and a cell
    /// that a spec measured before it on the same corpus clearly dominates stops at the minimum
    /// number of passes.
    /// - Parameters:
    ///   - specs: The specs, such as ``CodecSpec/defaultMatrix``.
    ///   - corpora: The corpora.
    ///   - progress: Called before each cell and once at the end.
    ///   - shouldStop: Asked before each cell; once it says `true`, the run stops and reports
    ///     the cells finished so far as an incomplete report (``BenchReport/isComplete``).
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError``: bad settings, an empty corpus, a codec failure or a
    ///   message that did not round-trip (naming the spec, corpus and message index).
    public func run(
        specs: [CodecSpec], corpora: [Corpus], progress: ((Progress) -> Void)? = nil, shouldStop: () -> Bool = { false }
    ) throws(BenchmarkError) -> BenchReport {
        try settings.validate()
        guard !specs.isEmpty else { throw .nothingToReport("no codec specs to run") }
        guard !corpora.isEmpty else { throw .nothingToReport("no corpora to run on") }
        for corpus in corpora where corpus.messages.isEmpty { throw .emptyCorpus(name: corpus.name) }
        let date = Date()
        let started = MonotonicClock.nanoseconds()
        func elapsed() -> Double { Double(MonotonicClock.nanoseconds() - started) / 1e9 }
        let measurer = Measurer(settings: settings, measuresReference: measuresReference, peers: peers)
        let cells = corpora.flatMap { corpus in specs.map { (spec: $0, corpus: corpus) } }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let untimed = UntimedCells(measurer: measurer, cells: cells, workers: settings.isTimed ? cores - 1 : cores)
        defer { untimed.stop() }
        var rows: [BenchmarkResult] = []
        rows.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            if shouldStop() {
                return BenchReport(date: date, settings: settings, durationSeconds: elapsed(), rows: rows, plannedCells: cells.count)
            }
            progress?(Progress(completed: index, total: cells.count, spec: cell.spec, corpus: cell.corpus.name, elapsedSeconds: elapsed()))
            var context = try untimed.take(index)
            if settings.isTimed {
                let competitors = rows.filter { $0.corpus == cell.corpus.name }
                try measurer.time(&context, competitors: competitors)
            }
            rows.append(context.result())
        }
        let last = cells[cells.count - 1]
        progress?(Progress(completed: cells.count, total: cells.count, spec: last.spec, corpus: last.corpus.name, elapsedSeconds: elapsed()))
        return BenchReport(date: date, settings: settings, durationSeconds: elapsed(), rows: rows)
    }
}
