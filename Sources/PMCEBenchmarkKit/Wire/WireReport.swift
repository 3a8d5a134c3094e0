public import Foundation
import PerMessageCompression

/// The results of a wire benchmark run (`pmce bench --wire`): the same header as a
/// ``BenchReport`` and one ``WireResult`` per (configuration × corpus × connections).
/// `Docs/bench-json-schema.md` documents the JSON form.
public struct WireReport: Hashable, Sendable, Codable {
    /// The schema version this code writes.
    public static let currentSchemaVersion = 1

    /// The schema version of this report.
    public var schemaVersion: Int
    /// What wrote the report: `pmce bench --wire`.
    public var tool: String
    /// When the run started, ISO 8601 in UTC.
    public var date: String
    /// The machine.
    public var machine: Environment.Machine
    /// The toolchain.
    public var toolchain: Environment.Toolchain
    /// The compression libraries.
    public var libraries: Environment.Libraries
    /// Seconds of active phase per row.
    public var secondsPerRow: Double
    /// Wall time of the run in seconds.
    public var durationSeconds: Double
    /// The rows, in run order.
    public var rows: [WireResult]

    /// Creates a report.
    /// - Parameters:
    ///   - date: When the run started.
    ///   - environment: Where it ran.
    ///   - secondsPerRow: The active phase's length.
    ///   - durationSeconds: The run's wall time.
    ///   - rows: The results.
    public init(date: Date = Date(), environment: Environment = .current, secondsPerRow: Double, durationSeconds: Double, rows: [WireResult]) {
        schemaVersion = Self.currentSchemaVersion
        tool = "pmce bench --wire"
        self.date = date.formatted(.iso8601)
        machine = environment.machine
        toolchain = environment.toolchain
        libraries = environment.libraries
        self.secondsPerRow = secondsPerRow
        self.durationSeconds = durationSeconds
        self.rows = rows
    }

    /// The (corpus, connections) groups, in first-seen order.
    public var groups: [(corpus: String, connections: Int)] {
        var seen: [String] = []
        var groups: [(String, Int)] = []
        for row in rows where !seen.contains("\(row.corpus)\u{0}\(row.connections)") {
            seen.append("\(row.corpus)\u{0}\(row.connections)")
            groups.append((row.corpus, row.connections))
        }
        return groups
    }

    /// The report as aligned text, one table per corpus and number of connections.
    /// - Returns: The tables and a legend.
    public func table() -> String {
        let headers = ["server", "msg/s", "wire ratio", "wire B/msg", "RTT µs p50/p99", "CPU µs/msg", "RSS/conn", "codec/conn", "idle own/conn", "pool"]
        var lines: [String] = []
        for group in groups {
            let rows = rows.filter { $0.corpus == group.corpus && $0.connections == group.connections }
            guard let first = rows.first else { continue }
            let idle = first.idleConnections > 0 ? " + \(first.idleConnections) idle" : ""
            lines.append("\(group.corpus), \(group.connections) connection\(group.connections == 1 ? "" : "s")\(idle):")
            var cells = [headers]
            for row in rows {
                cells.append([
                    row.label,
                    BenchReport.count(row.messagesPerSecond) + Self.spread(row),
                    row.wireRatio.formatted(3),
                    (Double(row.wireBytes) / Double(Swift.max(row.messages, 1))).formatted(0),
                    "\(row.roundTripMicroseconds.p50.formatted(0))/\(row.roundTripMicroseconds.p99.formatted(0))",
                    row.serverCPUMicrosecondsPerMessage.formatted(1),
                    ByteCount.format(row.serverMemoryBytesPerConnection),
                    row.codecBytesPerConnection.map(ByteCount.format) ?? "n/a",
                    row.idleCodecBytesPerConnection.map(ByteCount.format) ?? "n/a",
                    row.pooledCodecBytes.map(ByteCount.format) ?? "n/a",
                ])
            }
            lines += TextTable.render(cells, rightAligned: Set(1..<headers.count))
            lines.append("")
        }
        lines.append("msg/s = round trips per second, all connections (the median run, ± half the runs' range); wire ratio = server socket bytes / the same messages uncompressed (headers included);")
        lines.append("CPU, RSS = the server process's; codec/conn = this package's codec bytes per open connection under load (shared pool included);")
        lines.append("idle own/conn = what each connection's own codecs hold once idle; pool = the shared pool's idle codecs, in all.")
        return lines.joined(separator: "\n")
    }

    /// ` ±N %`: half the range of a row's runs, in percent of its median; empty for one run.
    static func spread(_ row: WireResult) -> String {
        guard let runs = row.messagesPerSecondRuns, let low = runs.min(), let high = runs.max(), row.messagesPerSecond > 0 else { return "" }
        return " ±\(((high - low) / 2 / row.messagesPerSecond * 100).formatted(0)) %"
    }

    /// The CSV columns, in order.
    public static let csvColumns = [
        "implementation", "extension", "label", "corpus", "connections", "idleConnections", "windowBits", "memoryLevel", "level",
        "contextTakeover", "minCompressSize", "rawWhenLarger", "messages", "seconds", "messagesPerSecond", "rawBytes", "wireBytes",
        "uncompressedWireBytes", "wireRatio", "roundTripP50Microseconds", "roundTripP90Microseconds", "roundTripP99Microseconds",
        "roundTripMaxMicroseconds", "serverCPUMicrosecondsPerMessage", "serverMemoryBytesPerConnection", "codecBytesPerConnection",
        "idleCodecBytesPerConnection", "pooledCodecBytes",
    ]

    /// The report as CSV, one line per row.
    /// - Returns: The text.
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for row in rows {
            let p = row.parameters ?? CodecSpec.Parameters()
            func optional(_ value: (some CustomStringConvertible)?) -> String { value.map(\.description) ?? "" }
            let fields: [String] = [
                row.implementation, row.extension ?? "", row.label, row.corpus, String(row.connections), String(row.idleConnections),
                optional(p.windowBits), optional(p.memoryLevel), optional(p.level), optional(p.contextTakeover), optional(p.minCompressSize),
                optional(p.rawWhenLarger), String(row.messages), row.seconds.formatted(6), row.messagesPerSecond.formatted(6),
                String(row.rawBytes), String(row.wireBytes), String(row.uncompressedWireBytes), row.wireRatio.formatted(6),
                row.roundTripMicroseconds.p50.formatted(6), row.roundTripMicroseconds.p90.formatted(6), row.roundTripMicroseconds.p99.formatted(6),
                row.roundTripMicroseconds.max.formatted(6), row.serverCPUMicrosecondsPerMessage.formatted(6),
                String(row.serverMemoryBytesPerConnection), optional(row.codecBytesPerConnection), optional(row.idleCodecBytesPerConnection),
                optional(row.pooledCodecBytes),
            ]
            lines.append(fields.map(BenchReport.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A self-contained HTML page: per corpus and number of connections, bar charts of round
    /// trips per second and server memory per connection, and the figures as a table.
    /// - Returns: The page.
    public func html() -> String {
        var body = "<h1>pmce bench --wire</h1>\n<p>\(escape(machine.cpuModel)), \(machine.cores) cores, \(escape(toolchain.buildConfiguration)) build, \(escape(date)); \(secondsPerRow.formatted(1)) s per row.</p>\n"
        for group in groups {
            let rows = rows.filter { $0.corpus == group.corpus && $0.connections == group.connections }
            let idle = rows.first.map { $0.idleConnections > 0 ? " + \($0.idleConnections) idle" : "" } ?? ""
            body += "<h2>\(escape(group.corpus)), \(group.connections) connection\(group.connections == 1 ? "" : "s")\(escape(idle))</h2>\n<div class=\"charts\">"
            body += Self.bars("round trips per second (all connections)", rows.map { ($0, $0.messagesPerSecond, BenchReport.count($0.messagesPerSecond)) })
            body += Self.bars("server RSS per connection", rows.map { ($0, Double($0.serverMemoryBytesPerConnection), ByteCount.format($0.serverMemoryBytesPerConnection)) })
            body += Self.bars("wire bytes / uncompressed", rows.map { ($0, $0.wireRatio, $0.wireRatio.formatted(3)) })
            body += "</div>\n" + Self.figuresTable(rows)
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>pmce bench --wire</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            .charts{display:flex;flex-wrap:wrap;gap:1.5em}
            svg text{font-size:12px}
            table{border-collapse:collapse;margin:1em 0 2em}
            th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:right}
            th:first-child,td:first-child{text-align:left}
            </style></head>
            <body>
            \(body)</body></html>

            """
    }

    /// The bar colour of a row: grey for no compression, orange for swift-websocket, the
    /// extension's colour (as in the codec report) for this package.
    static func color(of row: WireResult) -> String {
        switch row.implementation {
        case "none": return "#7f7f7f"
        case "swift-websocket": return "#ff7f0e"
        default: return row.extension.flatMap(CompressionExtension.init(extensionName:)).map { BenchReport.color($0) } ?? "#1f77b4"
        }
    }

    /// One horizontal bar per row, linear from 0.
    static func bars(_ title: String, _ items: [(row: WireResult, value: Double, text: String)]) -> String {
        let barHeight = 16.0, gap = 6.0, left = 300.0, right = 70.0, top = 24.0, width = 620.0
        let height = top + Double(items.count) * (barHeight + gap) + 8
        let maximum = max(items.map(\.value).max() ?? 1, 1e-9)
        var svg = "<svg width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(escape(title))\">\n"
        svg += "<text x=\"\(left)\" y=\"14\">\(escape(title))</text>\n"
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * (barHeight + gap)
            let length = max(item.value / maximum, 0.002) * (width - left - right)
            svg += "<g><text x=\"\(left - 6)\" y=\"\((y + 12).formatted(1))\" text-anchor=\"end\">\(escape(item.row.label))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y.formatted(1))\" width=\"\(length.formatted(1))\" height=\"\(barHeight)\" fill=\"\(color(of: item.row))\"><title>\(escape(item.row.label)): \(escape(item.text))</title></rect>"
            svg += "<text x=\"\((left + length + 5).formatted(1))\" y=\"\((y + 12).formatted(1))\">\(escape(item.text))</text></g>\n"
        }
        return svg + "</svg>"
    }

    static func figuresTable(_ rows: [WireResult]) -> String {
        var html = "<table>\n<tr><th>server</th><th>msg/s</th><th>wire ratio</th><th>wire B/msg</th><th>RTT µs p50/p99</th><th>CPU µs/msg</th><th>RSS/conn</th><th>codec/conn</th><th>idle own/conn</th><th>pool</th></tr>\n"
        for row in rows {
            html += "<tr><td>\(escape(row.label))</td><td>\(BenchReport.count(row.messagesPerSecond))</td><td>\(row.wireRatio.formatted(3))</td>"
            html += "<td>\((Double(row.wireBytes) / Double(max(row.messages, 1))).formatted(0))</td>"
            html += "<td>\(row.roundTripMicroseconds.p50.formatted(0))/\(row.roundTripMicroseconds.p99.formatted(0))</td>"
            html += "<td>\(row.serverCPUMicrosecondsPerMessage.formatted(1))</td><td>\(ByteCount.format(row.serverMemoryBytesPerConnection))</td>"
            html += "<td>\(row.codecBytesPerConnection.map(ByteCount.format) ?? "n/a")</td><td>\(row.idleCodecBytesPerConnection.map(ByteCount.format) ?? "n/a")</td>"
            html += "<td>\(row.pooledCodecBytes.map(ByteCount.format) ?? "n/a")</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// Whether a JSON report was written by `pmce bench --wire` (its `"tool"`).
    /// - Parameter data: The report's bytes.
    /// - Returns: `true` for a wire report; `false` for anything else, which the codec runner's
    ///   reader then judges.
    public static func isWireReport(_ data: Data) -> Bool {
        struct Tool: Decodable { var tool: String }
        return (try? JSONDecoder().decode(Tool.self, from: data))?.tool == "pmce bench --wire"
    }

    /// Reads a wire report.
    /// - Parameters:
    ///   - data: The JSON bytes.
    ///   - path: Where they came from, for errors.
    /// - Returns: The report.
    /// - Throws: ``BenchmarkError/file(path:reason:)`` naming what is wrong.
    public static func decode(_ data: Data, path: String) throws(BenchmarkError) -> WireReport {
        let report: WireReport
        do {
            report = try JSONDecoder().decode(WireReport.self, from: data)
        } catch {
            throw .file(path: path, reason: "not a pmce bench --wire report: \(error)")
        }
        guard report.schemaVersion == currentSchemaVersion else {
            throw .file(path: path, reason: "wire report schema version \(report.schemaVersion); this pmce reads version \(currentSchemaVersion)")
        }
        return report
    }
}
