#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Compares two `pmce bench` reports of the same matrix and finds what regressed.
///
/// Rows are matched by extension, parameters and corpus. For each matched row:
///
/// - **ratio** regresses when `new > old × (1 + ratioPercent / 100)` (0.1 % by default; the
///   ratio is exact, so any change means the bytes changed);
/// - **throughput** (compress and decompress) regresses only when the new run's p10–p90 band
///   lies wholly below the old one's by more than the tolerance:
///   `new.p90 < old.p10 × (1 − throughputPercent / 100)` (see
///   ``RegressionTolerances/throughputPercent``); skipped when
///   ``RegressionTolerances/checksThroughput`` is off;
/// - **allocations per message** (compress and decompress separately) regress when
///   `new > old + allocationsPerMessage`; rows where either run could not count are noted and
///   skipped;
/// - **memory per connection** regresses when `new > old × (1 + memoryPercent / 100)`;
/// - **speed ÷ C** (compress and decompress, when both runs used `--reference`), per extension:
///   the geometric mean over its rows of each row's median over interleaved pass pairs
///   regresses when it drops below `old × (1 − versusCPercent / 100)`. The gate for speed that
///   survives a noisy machine, since both sides of each ratio ran back to back in one run.
///
/// Improvements are found with the mirrored rules and reported, never failed. A row of the old
/// run missing from the new one fails the check (the matrix shrank); a new row is listed. A
/// row whose corpus differs (other message count or raw size) cannot be compared and fails the
/// check: refresh the baseline.
///
/// ```swift
/// let check = RegressionCheck(baseline: try .readJSON(from: "ci.json"), current: report)
/// print(check.text())
/// if !check.passed { exit(2) }
/// ```
public struct RegressionCheck: Hashable, Sendable {
    /// The tolerances used.
    public var tolerances: RegressionTolerances
    /// Rows present in both runs.
    public var comparedRows: Int
    /// Figures that moved beyond their tolerance, regressions first, in row order.
    public var findings: [RegressionFinding]
    /// Rows of the baseline that the new run does not have.
    public var missingRows: [RegressionRowKey]
    /// Rows of the new run that the baseline does not have.
    public var addedRows: [RegressionRowKey]
    /// Rows whose corpus changed between the runs, with what changed.
    public var corpusMismatches: [String]
    /// Things the reader should know: figures not compared, library versions that differ.
    public var notes: [String]

    /// The figures that got worse.
    public var regressions: [RegressionFinding] { findings.filter { $0.verdict == .regression } }
    /// The figures that got better.
    public var improvements: [RegressionFinding] { findings.filter { $0.verdict == .improvement } }

    /// Whether the new run passes: no regression, no missing row, no changed corpus.
    public var passed: Bool { regressions.isEmpty && missingRows.isEmpty && corpusMismatches.isEmpty }

    /// Compares `current` with `baseline`.
    /// - Parameters:
    ///   - baseline: The old run, such as a committed baseline.
    ///   - current: The new run.
    ///   - tolerances: How much worse a figure may get.
    public init(baseline: BenchReport, current: BenchReport, tolerances: RegressionTolerances = .init()) {
        let oldRows = Self.rowsByKey(baseline.rows, key: RegressionRowKey.init)
        self.init(tolerances: tolerances, baseline: baseline, current: current, oldKeys: Set(oldRows.keys), newKeys: current.rows.map(RegressionRowKey.init))
        var findings: [RegressionFinding] = []
        var compared = 0
        var uncounted: [String] = []
        var versusC: [(old: BenchmarkResult, new: BenchmarkResult)] = []
        for new in current.rows {
            let key = RegressionRowKey(new)
            guard let old = oldRows[key] else { continue }
            guard old.messages == new.messages, old.rawBytes == new.rawBytes else {
                corpusMismatches.append("\(key): corpus changed (\(old.messages) messages, \(old.rawBytes) bytes → \(new.messages) messages, \(new.rawBytes) bytes)")
                continue
            }
            compared += 1
            findings += Self.compareDeterministic(key, old, new, tolerances, uncounted: &uncounted)
            if tolerances.checksThroughput {
                findings += Self.compareThroughput(key, .compressThroughput, old.compressMBps, new.compressMBps, tolerances)
                findings += Self.compareThroughput(key, .decompressThroughput, old.decompressMBps, new.decompressMBps, tolerances)
            }
            if old.compressVersusC != nil && new.compressVersusC != nil { versusC.append((old, new)) }
        }
        findings += Self.compareVersusC(versusC, tolerances)
        if !versusC.isEmpty {
            notes.append("speed ÷ C compared for \(versusC.count) row(s), per extension and direction, within \(tolerances.versusCPercent.formatted(1)) %")
        }
        if !uncounted.isEmpty {
            notes.append("allocations not compared for \(uncounted.count) row(s): one of the runs could not count them (\(uncounted.prefix(3).joined(separator: "; "))\(uncounted.count > 3 ? "; …" : ""))")
        }
        if !tolerances.checksThroughput {
            notes.append("throughput not compared (--no-throughput)")
        }
        comparedRows = compared
        self.findings = findings.filter { $0.verdict == .regression } + findings.filter { $0.verdict == .improvement }
    }

    /// Ratio, allocations and memory: exact figures with small tolerances.
    static func compareDeterministic(
        _ key: RegressionRowKey, _ old: BenchmarkResult, _ new: BenchmarkResult, _ tolerances: RegressionTolerances, uncounted: inout [String]
    ) -> [RegressionFinding] {
        var findings: [RegressionFinding] = []
        func relative(_ metric: RegressionMetric, _ oldValue: Double, _ newValue: Double, percent: Double) {
            findings += Self.relative(key, metric, oldValue, newValue, percent: percent)
        }
        func absolute(_ metric: RegressionMetric, _ oldValue: Double?, _ newValue: Double?) {
            guard let oldValue, let newValue else {
                uncounted.append("\(key) \(metric)")
                return
            }
            if newValue > oldValue + tolerances.allocationsPerMessage + 1e-9 {
                findings.append(.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .regression))
            } else if newValue < oldValue - tolerances.allocationsPerMessage - 1e-9 {
                findings.append(.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .improvement))
            }
        }
        relative(.ratio, old.ratio, new.ratio, percent: tolerances.ratioPercent)
        absolute(.compressAllocationsPerMessage, old.compressAllocationsPerMessage, new.compressAllocationsPerMessage)
        absolute(.decompressAllocationsPerMessage, old.decompressAllocationsPerMessage, new.decompressAllocationsPerMessage)
        relative(.memoryBytesPerConnection, Double(old.memoryBytesPerConnection), Double(new.memoryBytesPerConnection), percent: tolerances.memoryPercent)
        return findings
    }

    /// Throughput: the two runs' p10–p90 bands must separate by more than the tolerance.
    /// What every check starts from, before comparing figures: the rows only one run has, and
    /// where the two runs' environments differ.
    init(tolerances: RegressionTolerances, baseline: some RunReport, current: some RunReport, oldKeys: Set<RegressionRowKey>, newKeys: [RegressionRowKey]) {
        self.tolerances = tolerances
        let newSet = Set(newKeys)
        missingRows = oldKeys.filter { !newSet.contains($0) }.sorted()
        addedRows = newKeys.filter { !oldKeys.contains($0) }.sorted()
        corpusMismatches = []
        notes = Self.environmentNotes(baseline, current)
        comparedRows = 0
        findings = []
    }

    /// A run's rows by key.
    static func rowsByKey<Row>(_ rows: [Row], key: (Row) -> RegressionRowKey) -> [RegressionRowKey: Row] {
        Dictionary(rows.map { (key($0), $0) }, uniquingKeysWith: { _, last in last })
    }

    /// A finding when a smaller-is-better figure moved by more than `percent` of its old value.
    static func relative(_ key: RegressionRowKey, _ metric: RegressionMetric, _ oldValue: Double, _ newValue: Double, percent: Double) -> [RegressionFinding] {
        let factor = percent / 100
        if newValue > oldValue * (1 + factor) + 1e-12 {
            return [.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .regression)]
        }
        if newValue < oldValue * (1 - factor) - 1e-12 {
            return [.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .improvement)]
        }
        return []
    }

    /// Speed ÷ C per extension and direction: the geometric mean over the rows both runs
    /// measured it for, compared as one figure. One row's ratio moves by up to 18 % between
    /// identical runs (a disturbed pass pair, a process whose buffers happen to collide in the
    /// cache); the mean over an extension's rows moved by at most 1.4 % (11 % for snappy
    /// compression) in ten identical runs, while a slower codec moves all its rows.
    static func compareVersusC(_ pairs: [(old: BenchmarkResult, new: BenchmarkResult)], _ tolerances: RegressionTolerances) -> [RegressionFinding] {
        var findings: [RegressionFinding] = []
        for (name, rows) in Dictionary(grouping: pairs, by: \.old.extension).sorted(by: { $0.key < $1.key }) {
            let key = RegressionRowKey(aggregateOf: name, rows: rows.count)
            let shortName = CompressionExtension(extensionName: name)?.rawValue ?? name
            let percent = tolerances.versusCPercentByExtension[shortName] ?? tolerances.versusCPercent
            for (metric, figure) in [(RegressionMetric.compressVersusC, \BenchmarkResult.compressVersusC), (.decompressVersusC, \.decompressVersusC)] {
                let old = rows.compactMap { $0.old[keyPath: figure]?.median }.geometricMean
                let new = rows.compactMap { $0.new[keyPath: figure]?.median }.geometricMean
                findings += dropped(key, metric, old, new, percent: percent)
            }
        }
        return findings
    }

    /// A finding when a larger-is-better figure moved by more than `percent` of its old value.
    static func dropped(_ key: RegressionRowKey, _ metric: RegressionMetric, _ oldValue: Double, _ newValue: Double, percent: Double) -> [RegressionFinding] {
        let factor = percent / 100
        if newValue < oldValue * (1 - factor) - 1e-12 {
            return [.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .regression)]
        }
        if newValue > oldValue * (1 + factor) + 1e-12 {
            return [.init(row: key, metric: metric, old: oldValue, new: newValue, verdict: .improvement)]
        }
        return []
    }

    static func compareThroughput(
        _ key: RegressionRowKey, _ metric: RegressionMetric, _ old: Summary, _ new: Summary, _ tolerances: RegressionTolerances
    ) -> [RegressionFinding] {
        guard old.samples > 0, new.samples > 0, old.median.isFinite, new.median.isFinite else { return [] }
        let factor = tolerances.throughputPercent / 100
        let detail = "p10–p90 old \(old.p10.formatted(1))–\(old.p90.formatted(1)), new \(new.p10.formatted(1))–\(new.p90.formatted(1)) MB/s"
        if new.p90 < old.p10 * (1 - factor) {
            return [.init(row: key, metric: metric, old: old.median, new: new.median, verdict: .regression, detail: detail)]
        }
        if new.p10 > old.p90 * (1 + factor) {
            return [.init(row: key, metric: metric, old: old.median, new: new.median, verdict: .improvement, detail: detail)]
        }
        return []
    }

    /// Differences between the runs' environments that explain moved figures.
    /// Where two runs' environments differ: libraries, build, compiler, CPU.
    static func environmentNotes(_ old: some RunReport, _ new: some RunReport) -> [String] {
        var notes: [String] = []
        func differ(_ what: String, _ a: String, _ b: String) {
            if a != b { notes.append("\(what) differs: \(a) → \(b)") }
        }
        differ("zlib", old.libraries.zlib, new.libraries.zlib)
        differ("libbz2", old.libraries.bzip2, new.libraries.bzip2)
        differ("libsnappy", old.libraries.snappy, new.libraries.snappy)
        differ("build configuration", old.toolchain.buildConfiguration, new.toolchain.buildConfiguration)
        differ("Swift", old.toolchain.swift, new.toolchain.swift)
        differ("CPU", old.machine.cpuModel, new.machine.cpuModel)
        return notes
    }
}

extension Array where Element == Double {
    /// The geometric mean of positive figures; 0 for none.
    fileprivate var geometricMean: Double {
        isEmpty ? 0 : exp(map { log(Swift.max($0, 1e-12)) }.reduce(0, +) / Double(count))
    }
}
