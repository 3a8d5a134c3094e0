/// How much worse a figure may get before ``RegressionCheck`` calls it a regression.
///
/// Deterministic figures are checked tightly: the ratio (compressed bytes over raw bytes) does
/// not move between runs of the same code on the same corpus and libraries, nor do allocation
/// counts or the memory a connection holds. Throughput does move, so it is judged on the two
/// runs' spreads (see ``throughputPercent``) and can be switched off for noisy machines.
///
/// ```swift
/// var tolerances = RegressionTolerances()        // ratio 0.1 %, throughput 10 %, allocations and memory exact
/// tolerances.checksThroughput = false            // shared CI machine: ratios and allocations only
/// ```
public struct RegressionTolerances: Hashable, Sendable, Codable {
    /// How much the ratio may grow, in percent of the old ratio. Default 0.1.
    public var ratioPercent: Double
    /// How much throughput may drop beyond the two runs' noise, in percent. Default 10.
    ///
    /// A row's throughput regresses only when the new run's 90th percentile is below the old
    /// run's 10th percentile reduced by this tolerance, `new.p90 < old.p10 × (1 − tol)`: the
    /// whole noise band of the new run lies below the old run's band, by more than `tol`. It
    /// improves when `new.p10 > old.p90 × (1 + tol)`. Anything in between is noise.
    public var throughputPercent: Double
    /// Whether throughput is compared at all.
    public var checksThroughput: Bool
    /// How many more allocations per message (compress or decompress) are allowed. Default 0.
    public var allocationsPerMessage: Double
    /// How much memory per connection may grow, in percent. Default 0.
    public var memoryPercent: Double
    /// How much a wire benchmark row's wire ratio and per-connection codec bytes may grow, in
    /// percent. Default 5: those rows replay for a set time, so each run sends a slightly
    /// different share of the corpus.
    public var wirePercent: Double = 5
    /// How much an extension's speed ÷ the C reference's may drop, in percent, per direction,
    /// when both runs measured it (`--reference`): the geometric mean over its rows of each
    /// row's median over interleaved pass pairs. Unlike throughput in MB/s, which moves ±25 %
    /// between identical runs on a shared machine, this moved by at most 1.4 % (11 % for snappy
    /// compression); 7 let 89 of 90 pairings of ten identical runs pass
    /// (`Docs/regression-tracking.md`).
    public var versusCPercent: Double = 7
    /// ``versusCPercent`` for particular extensions, by their short name (`snappy`): snappy's
    /// decompression ÷ C is bimodal across processes on this machine (about 0.57 in one run in
    /// five, 0.65 otherwise), so `.ci/regression-check` gives it a wider band until that is
    /// understood.
    public var versusCPercentByExtension: [String: Double] = [:]

    /// Creates tolerances.
    /// - Parameters:
    ///   - ratioPercent: Allowed ratio growth, percent of the old ratio.
    ///   - throughputPercent: Allowed throughput drop beyond the noise bands, percent.
    ///   - checksThroughput: Whether throughput is compared.
    ///   - allocationsPerMessage: Allowed growth in allocations per message.
    ///   - memoryPercent: Allowed growth of memory per connection, percent.
    public init(ratioPercent: Double = 0.1, throughputPercent: Double = 10, checksThroughput: Bool = true, allocationsPerMessage: Double = 0, memoryPercent: Double = 0) {
        self.ratioPercent = ratioPercent
        self.throughputPercent = throughputPercent
        self.checksThroughput = checksThroughput
        self.allocationsPerMessage = allocationsPerMessage
        self.memoryPercent = memoryPercent
    }

    /// Checks that every tolerance is a finite number, 0 or more (throughput below 100 %).
    /// - Throws: ``BenchmarkError/invalidValue(name:value:reason:)`` naming the tolerance.
    public func validate() throws(BenchmarkError) {
        func check(_ name: String, _ value: Double, below limit: Double = .infinity) throws(BenchmarkError) {
            guard value.isFinite, value >= 0, value < limit else {
                throw .invalidValue(name: name, value: String(value), reason: limit.isFinite ? "must be 0 or more and below \(limit)" : "must be a finite number, 0 or more")
            }
        }
        try check("ratioPercent", ratioPercent)
        try check("throughputPercent", throughputPercent, below: 100)
        try check("allocationsPerMessage", allocationsPerMessage)
        try check("memoryPercent", memoryPercent)
        try check("wirePercent", wirePercent)
        try check("versusCPercent", versusCPercent, below: 100)
        for (name, percent) in versusCPercentByExtension { try check("versusCPercent for \(name)", percent, below: 100) }
    }

    /// A one-line description for reports, such as
    /// `ratio +0.1 %, throughput −10 % beyond p10–p90, allocations/message +0, memory +0 %`.
    public var summary: String {
        let throughput = checksThroughput ? "throughput −\(throughputPercent.formatted(1)) % beyond the p10–p90 bands" : "throughput not checked"
        return "ratio +\(ratioPercent.formatted(2)) %, \(throughput), allocations/message +\(allocationsPerMessage.formatted(2)), memory/connection +\(memoryPercent.formatted(1)) %, speed ÷ C −\(versusCPercent.formatted(1)) %"
    }
}
