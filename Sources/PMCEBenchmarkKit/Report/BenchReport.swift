public import Foundation

/// The results of a `pmce bench` run: a header (schema version, date, machine, toolchain,
/// library versions, settings) and one row per (spec × corpus).
///
/// The JSON form is documented in `Docs/bench-json-schema.md`; ``schemaVersion`` changes
/// whenever a field is renamed, removed or changes meaning (adding a field does not).
///
/// ```swift
/// let report = try BenchmarkRunner().run(specs: CodecSpec.defaultMatrix, corpora: corpora)
/// try report.writeJSON(to: "bench.json")
/// print(report.table())
/// ```
public struct BenchReport: Hashable, Sendable, Codable {
    /// The schema version this code writes.
    public static let currentSchemaVersion = 1

    /// The schema version of this report.
    public var schemaVersion: Int
    /// What wrote the report: `pmce bench`.
    public var tool: String
    /// When the run started, ISO 8601 in UTC.
    public var date: String
    /// The machine.
    public var machine: Environment.Machine
    /// The toolchain.
    public var toolchain: Environment.Toolchain
    /// The compression libraries.
    public var libraries: Environment.Libraries
    /// How allocations were counted.
    public var allocationCounting: String
    /// Repetitions and time budget.
    public var settings: MeasurementSettings
    /// Wall time of the run in seconds.
    public var durationSeconds: Double
    /// One row per (spec × corpus), in run order (corpus, then spec).
    public var rows: [BenchmarkResult]
    /// `false` when the run was stopped before every cell was measured (SIGINT or SIGTERM):
    /// ``rows`` holds the finished cells of ``plannedCells``. Absent (or `true`) otherwise.
    public var complete: Bool?
    /// How many cells the run was to measure; present only when it was stopped early.
    public var plannedCells: Int?

    /// Whether every planned cell was measured.
    public var isComplete: Bool { complete != false }

    /// Creates a report.
    /// - Parameters:
    ///   - date: When the run started.
    ///   - environment: Where it ran.
    ///   - settings: The measurement settings.
    ///   - durationSeconds: Its wall time.
    ///   - rows: The results.
    ///   - plannedCells: How many cells the run was to measure, when it stopped before
    ///     measuring them all; `nil` for a complete run.
    public init(
        date: Date = Date(), environment: Environment = .current, settings: MeasurementSettings, durationSeconds: Double, rows: [BenchmarkResult],
        plannedCells: Int? = nil
    ) {
        schemaVersion = Self.currentSchemaVersion
        tool = "pmce bench"
        self.date = date.formatted(.iso8601)
        machine = environment.machine
        toolchain = environment.toolchain
        libraries = environment.libraries
        allocationCounting = environment.allocationCounting
        self.settings = settings
        self.durationSeconds = durationSeconds
        self.rows = rows
        if let plannedCells, plannedCells > rows.count {
            complete = false
            self.plannedCells = plannedCells
        }
    }

    /// The corpus names, in first-seen order.
    public var corpora: [String] {
        var seen = Set<String>()
        return rows.map(\.corpus).filter { seen.insert($0).inserted }
    }

    /// The rows for one corpus.
    /// - Parameter corpus: The corpus's name.
    /// - Returns: Its rows, in report order.
    public func rows(for corpus: String) -> [BenchmarkResult] {
        rows.filter { $0.corpus == corpus }
    }

    /// Reads a report written by ``jsonData()``.
    /// - Parameter data: UTF-8 JSON.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError/file(path:reason:)`` naming what does not match the schema,
    ///   or a schema version this code does not read.
    public static func decode(_ data: Data, path: String = "<json>") throws(BenchmarkError) -> BenchReport {
        let report: BenchReport
        do {
            report = try JSONDecoder().decode(BenchReport.self, from: data)
        } catch {
            throw .file(path: path, reason: "not a pmce bench report: \(error)")
        }
        guard report.schemaVersion == currentSchemaVersion else {
            throw .file(path: path, reason: "schema version \(report.schemaVersion); this pmce reads version \(currentSchemaVersion)")
        }
        return report
    }

    /// Writes `contents` to `path` as ``OutputFile`` does: `-` is standard output, a device or
    /// pipe is written in place, a regular file is replaced only after a complete write.
    /// - Parameters:
    ///   - contents: The bytes.
    ///   - path: The file, or `-`.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public static func write(_ contents: Data, to path: String) throws(BenchmarkError) {
        do {
            try OutputFile.write(contents, to: path)
        } catch {
            throw .file(path: path, reason: "cannot write: \(error.reason)")
        }
    }

    /// Reads a JSON report from a file.
    /// - Parameter path: The file.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public static func readJSON(from path: String) throws(BenchmarkError) -> BenchReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .file(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }
}
