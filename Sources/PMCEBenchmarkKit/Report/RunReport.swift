public import Foundation

/// What the reports of both runners offer (`pmce bench`, ``BenchReport``; `pmce bench --wire`,
/// ``WireReport``): the run's facts, a terminal table and the three file forms.
public protocol RunReport: Sendable, Encodable {
    /// Wall time of the run in seconds.
    var durationSeconds: Double { get }
    /// The machine.
    var machine: Environment.Machine { get }
    /// The toolchain.
    var toolchain: Environment.Toolchain { get }
    /// The compression libraries.
    var libraries: Environment.Libraries { get }
    /// The aligned text table.
    func table() -> String
    /// The CSV form, one header line and one line per row.
    func csv() -> String
    /// The HTML form, one self-contained page.
    func html() -> String
}

extension RunReport {
    /// The report as pretty-printed JSON with sorted keys.
    /// - Returns: UTF-8 JSON.
    /// - Throws: ``BenchmarkError/file(path:reason:)`` if a figure cannot be encoded (not finite).
    public func jsonData() throws(BenchmarkError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw .file(path: "<json>", reason: "cannot encode the report: \(error)")
        }
    }

    /// Writes the JSON report to a file.
    /// - Parameter path: The file.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public func writeJSON(to path: String) throws(BenchmarkError) {
        try BenchReport.write(try jsonData(), to: path)
    }

    /// Writes the CSV report to a file.
    /// - Parameter path: The file.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public func writeCSV(to path: String) throws(BenchmarkError) {
        try BenchReport.write(Data(csv().utf8), to: path)
    }

    /// Writes the HTML report to a file.
    /// - Parameter path: The file.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public func writeHTML(to path: String) throws(BenchmarkError) {
        try BenchReport.write(Data(html().utf8), to: path)
    }
}

extension BenchReport: RunReport {}
extension WireReport: RunReport {}
