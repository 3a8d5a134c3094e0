/// How long and how often each (spec × corpus) cell is timed.
///
/// Each cell runs ``warmupRepetitions`` untimed passes over its corpus, then timed passes until
/// it has at least ``minimumRepetitions`` and either its figures are tight (both directions'
/// half p10–p90 band within ``targetSpread`` of the median), or it is clearly dominated by a
/// spec already measured on the corpus (see ``Measurer``), or it has spent
/// ``timeBudgetSeconds`` in timed work; at most ``maximumRepetitions``. Every pass is a fresh
/// connection (new codecs) carrying the whole corpus, so every repetition does the same work.
/// With ``ratioOnly`` nothing is timed: ratio, memory and allocations are exact, and cells run
/// on every core at once.
public struct MeasurementSettings: Hashable, Sendable, Codable {
    /// Untimed passes before timing.
    public var warmupRepetitions: Int
    /// The fewest timed passes; at least 3 so that a spread exists.
    public var minimumRepetitions: Int
    /// The most timed passes.
    public var maximumRepetitions: Int
    /// Timed seconds after which a cell stops repeating (once it has the minimum).
    public var timeBudgetSeconds: Double
    /// The half p10–p90 band, as a fraction of the median, at which a cell's figures are tight
    /// enough to stop (once it has the minimum), such as 0.02; it also lets a clearly dominated
    /// cell stop. `nil` or 0: every cell times to its budget or maximum. Absent in reports from
    /// before it existed.
    public var targetSpread: Double?
    /// Whether to measure only what needs no clock (ratio, memory, allocations), on every core;
    /// `nil` means `false`.
    public var ratioOnly: Bool?

    /// Whether cells are timed (not ``ratioOnly``).
    public var isTimed: Bool { ratioOnly != true }

    /// Creates settings.
    /// - Parameters:
    ///   - warmupRepetitions: Untimed passes, 0 or more.
    ///   - minimumRepetitions: The fewest timed passes.
    ///   - maximumRepetitions: The most timed passes.
    ///   - timeBudgetSeconds: Seconds of timed work per cell before stopping.
    ///   - targetSpread: The relative half p10–p90 band at which a cell stops early; `nil` for none.
    ///   - ratioOnly: Whether to skip timing altogether.
    public init(
        warmupRepetitions: Int = 1, minimumRepetitions: Int = 3, maximumRepetitions: Int = 50, timeBudgetSeconds: Double = 0.5,
        targetSpread: Double? = nil, ratioOnly: Bool = false
    ) {
        self.warmupRepetitions = warmupRepetitions
        self.minimumRepetitions = minimumRepetitions
        self.maximumRepetitions = Swift.max(maximumRepetitions, minimumRepetitions)
        self.timeBudgetSeconds = timeBudgetSeconds
        self.targetSpread = targetSpread
        self.ratioOnly = ratioOnly ? true : nil
    }

    /// The defaults of `pmce bench`: 1 warm-up, 3 to 50 timed passes, stopping once both
    /// directions are within ±2 % (p10–p90) or after 0.5 s of timed work per cell.
    public static let `default` = MeasurementSettings(targetSpread: 0.02)

    /// Quick settings for tests: no warm-up, 3 passes, no time budget.
    public static let quick = MeasurementSettings(warmupRepetitions: 0, minimumRepetitions: 3, maximumRepetitions: 3, timeBudgetSeconds: 0)

    /// Checks the figures.
    /// - Throws: ``BenchmarkError/invalidValue(name:value:reason:)`` for a negative warm-up,
    ///   fewer than 3 repetitions, or a negative budget.
    public func validate() throws(BenchmarkError) {
        if warmupRepetitions < 0 {
            throw .invalidValue(name: "warmupRepetitions", value: String(warmupRepetitions), reason: "must be 0 or more")
        }
        if minimumRepetitions < 3 {
            throw .invalidValue(name: "minimumRepetitions", value: String(minimumRepetitions), reason: "at least 3 are needed for a median and a spread")
        }
        if !(timeBudgetSeconds >= 0) || !timeBudgetSeconds.isFinite {
            throw .invalidValue(name: "timeBudgetSeconds", value: String(timeBudgetSeconds), reason: "must be 0 or more seconds")
        }
        if let targetSpread, !(targetSpread >= 0 && targetSpread < 1) {
            throw .invalidValue(name: "targetSpread", value: String(targetSpread), reason: "must be a fraction from 0 up to 1")
        }
    }
}
