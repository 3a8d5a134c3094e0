/// How long and how often each (spec × corpus) cell is timed.
///
/// Each cell runs ``warmupRepetitions`` untimed passes over its corpus, then timed passes until
/// it has at least ``minimumRepetitions`` and has spent ``timeBudgetSeconds`` in timed work, or
/// reached ``maximumRepetitions``. Every pass is a fresh connection (new codecs) carrying the
/// whole corpus, so every repetition does the same work.
public struct MeasurementSettings: Hashable, Sendable, Codable {
    /// Untimed passes before timing.
    public var warmupRepetitions: Int
    /// The fewest timed passes; at least 3 so that a spread exists.
    public var minimumRepetitions: Int
    /// The most timed passes.
    public var maximumRepetitions: Int
    /// Timed seconds after which a cell stops repeating (once it has the minimum).
    public var timeBudgetSeconds: Double

    /// Creates settings.
    /// - Parameters:
    ///   - warmupRepetitions: Untimed passes, 0 or more.
    ///   - minimumRepetitions: The fewest timed passes.
    ///   - maximumRepetitions: The most timed passes.
    ///   - timeBudgetSeconds: Seconds of timed work per cell before stopping.
    public init(warmupRepetitions: Int = 1, minimumRepetitions: Int = 5, maximumRepetitions: Int = 50, timeBudgetSeconds: Double = 0.5) {
        self.warmupRepetitions = warmupRepetitions
        self.minimumRepetitions = minimumRepetitions
        self.maximumRepetitions = Swift.max(maximumRepetitions, minimumRepetitions)
        self.timeBudgetSeconds = timeBudgetSeconds
    }

    /// The defaults of `pmce bench`: 1 warm-up, 5 to 50 timed passes, 0.5 s per cell, so the
    /// default matrix over the shipped corpora takes about a minute in release on 2 cores.
    public static let `default` = MeasurementSettings()

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
    }
}
