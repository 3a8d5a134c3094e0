/// The Pareto front of results over compression ratio (smaller is better) and compression
/// throughput (bigger is better): the choices no other choice beats on both. Rows of a
/// `--ratio-only` run, which have no throughput, are weighed on ratio and peak memory per
/// connection (smaller is better) instead.
///
/// ```swift
/// let front = ParetoFront(report.rows(for: "chat-json"))
/// for row in front.rows { print(row.label) }
/// ```
public struct ParetoFront: Sendable {
    /// The Pareto-optimal rows, best ratio first.
    public var rows: [BenchmarkResult]

    /// Finds the front of `candidates`.
    /// - Parameter candidates: Rows to compare, normally of one corpus.
    public init(_ candidates: [BenchmarkResult]) {
        rows = candidates
            .filter { candidate in !candidates.contains { Self.dominates($0, candidate) } }
            .sorted { ($0.ratio, -$0.compressMBps.median, $0.label) < ($1.ratio, -$1.compressMBps.median, $1.label) }
    }

    /// Whether `a` is at least as good as `b` on ratio and median compression throughput (peak
    /// memory when either has no throughput), and better on one.
    /// - Parameters:
    ///   - a: One row.
    ///   - b: Another.
    /// - Returns: Whether `a` dominates `b`.
    public static func dominates(_ a: BenchmarkResult, _ b: BenchmarkResult) -> Bool {
        let ratioNoWorse = a.ratio <= b.ratio
        guard a.compressMBps.isMeasured && b.compressMBps.isMeasured else {
            let (memoryA, memoryB) = (a.peakMemoryBytesPerConnection, b.peakMemoryBytesPerConnection)
            return ratioNoWorse && memoryA <= memoryB && (a.ratio < b.ratio || memoryA < memoryB)
        }
        let speedNoWorse = a.compressMBps.median >= b.compressMBps.median
        return ratioNoWorse && speedNoWorse && (a.ratio < b.ratio || a.compressMBps.median > b.compressMBps.median)
    }

    /// Whether a row with this label and corpus is on the front.
    /// - Parameter row: The row.
    /// - Returns: Whether it is Pareto-optimal.
    public func contains(_ row: BenchmarkResult) -> Bool {
        rows.contains { $0.label == row.label && $0.corpus == row.corpus }
    }
}
