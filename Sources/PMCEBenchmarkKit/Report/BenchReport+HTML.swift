import Foundation

/// The HTML form: one self-contained page that works offline (inline CSS, SVG and one small
/// script; nothing loaded from anywhere). After a header naming the machine, toolchain,
/// libraries and settings, each corpus gets a section with:
///
/// - a scatter of ratio against median compression MB/s (log scale) with p10–p90 bars and the
///   Pareto front joined; with more than ``maximumBars`` specs only the front's points are
///   labelled, in a smaller report every point is; every point names its spec and figures in a
///   hover tooltip (an SVG `<title>`, so it works without scripts);
/// - for a deflate sweep (see ``DeflateGrid`` for the rule), heatmaps of window bits × memory
///   level, one per context-takeover mode, of ratio, memory per connection and compression
///   MB/s, the value printed in each cell;
/// - a memory-per-connection bar chart: every spec in a small report; in one of more than
///   ``maximumBars`` specs only the specs no heatmap shows, or the Pareto-optimal ones, with a
///   note saying so;
/// - the figures as a table, C references and Swift peers (`↳`) under their row. With scripts
///   on, clicking a header sorts by that column (numbers as numbers) and a text box filters by
///   spec; each row and its `↳` rows form one `<tbody>`, so they move together. With scripts
///   off, the table reads in ratio order.
///
/// ```swift
/// try BenchReport.write(Data(report.html().utf8), to: "bench.html")
/// ```
extension BenchReport {
    /// The colour of each extension in the charts, in the order the extensions are listed.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"]

    /// The most specs that get one bar each in the memory chart and a label each in the scatter.
    static let maximumBars = 16

    /// The colour of an extension in the charts.
    /// - Parameter compressionExtension: The extension.
    /// - Returns: A `#rrggbb` colour from ``palette``.
    static func color(_ compressionExtension: CompressionExtension) -> String {
        palette[CompressionExtension.allCases.firstIndex(of: compressionExtension)! % palette.count]
    }

    /// The colour of a row's extension; grey for one this version does not know.
    /// - Parameter row: The row.
    /// - Returns: A `#rrggbb` colour.
    static func color(of row: BenchmarkResult) -> String {
        CompressionExtension(extensionName: row.extension).map(color) ?? "#777"
    }

    /// The report as one HTML page.
    /// - Returns: The page.
    public func html() -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>pmce bench report</title>
            <style>
            \(Self.styleSheet)
            </style>
            </head>
            <body>
            <h1>pmce bench report</h1>

            """
        page += "<p class=\"meta\">\(escape(date)) · \(machine.cores) cores, \(escape(machine.cpuModel)) · \(escape(machine.os)) \(escape(machine.kernel)) \(escape(machine.architecture))"
        page += " · Swift \(escape(toolchain.swift)) (\(escape(toolchain.buildConfiguration))) · zlib \(escape(libraries.zlib)), libbz2 \(escape(libraries.bzip2)), libsnappy \(escape(libraries.snappy))"
        page += settings.isTimed
            ? " · \(settings.minimumRepetitions)–\(settings.maximumRepetitions) timed passes, \(settings.timeBudgetSeconds.formatted(2)) s per cell"
            : " · ratio, memory and allocations only (--ratio-only)"
        page += " · run took \(durationSeconds.formatted(1)) s</p>\n"
        if toolchain.buildConfiguration == "debug" {
            page += "<p><strong>Debug build: timings are meaningless. Build with -c release.</strong></p>\n"
        }
        if let plannedCells, !isComplete {
            page += "<p><strong>Incomplete: the run was stopped after \(rows.count) of \(plannedCells) cells; these are the finished ones.</strong></p>\n"
        }
        page += "<p class=\"legend\">"
        for ext in CompressionExtension.allCases {
            page += "<span><span class=\"swatch\" style=\"background:\(Self.color(ext))\"></span>\(ext)</span>"
        }
        page += "<span><span class=\"swatch\" style=\"background:#fff;border:3px solid #ff7f0e\"></span>Pareto-optimal (ratio vs \(settings.isTimed ? "compress MB/s" : "peak memory per connection"); hover any point for its figures)</span></p>\n"
        for corpus in corpora {
            page += section(corpus)
        }
        page += "<script>\n\(Self.tableScript)</script>\n</body>\n</html>\n"
        return page
    }

    /// One corpus's section: charts, heatmaps and table.
    /// - Parameter corpus: The corpus's name.
    /// - Returns: The `<section>`, or nothing for a corpus without rows.
    private func section(_ corpus: String) -> String {
        let rows = rows(for: corpus)
        guard let first = rows.first else { return "" }
        let front = ParetoFront(rows)
        let grid = DeflateGrid(rows)
        let drawsHeatmaps = grid.isWorthDrawing
        var html = "<section class=\"corpus\" id=\"corpus-\(escape(corpus))\">\n"
        html += "<h2>\(escape(corpus))</h2>\n<p class=\"meta\">\(first.messages) messages, \(ByteCount.format(first.rawBytes)), \(rows.count) specs</p>\n"
        let bars = memoryChart(rows, front: front, grid: drawsHeatmaps ? grid : nil, corpus: corpus)
        // A large report's scatter takes the room its bar chart leaves.
        let scatterWidth = rows.count <= Self.maximumBars ? 620.0 : bars == nil ? 1000 : 700
        html += "<div class=\"charts\">\n\(scatter(rows, front: front, corpus: corpus, width: scatterWidth))\n"
        if let bars { html += "\(bars)\n" }
        html += "</div>\n"
        if drawsHeatmaps {
            html += heatmaps(grid, front: front, corpus: corpus)
        }
        html += figuresTable(rows, front: front)
        return html + "</section>\n"
    }

    /// The memory bar chart a section shows: every row of a small report; in a large one the rows
    /// no heatmap shows, or only the Pareto-optimal ones, with a note; `nil` when the heatmaps
    /// show them all.
    /// - Parameters:
    ///   - rows: The corpus's rows.
    ///   - front: Their Pareto front.
    ///   - grid: The heatmaps' grid, when the section draws heatmaps.
    ///   - corpus: The corpus's name.
    /// - Returns: The chart, or `nil`.
    private func memoryChart(_ rows: [BenchmarkResult], front: ParetoFront, grid: DeflateGrid?, corpus: String) -> String? {
        guard rows.count > Self.maximumBars else { return memoryBars(rows, corpus: corpus) }
        let outside = grid.map { grid in rows.filter { !grid.contains($0) } } ?? rows
        let inHeatmap = grid == nil ? "" : "; deflate (zlib) specs: memory heatmap below"
        if outside.isEmpty { return nil }
        if outside.count <= Self.maximumBars {
            return memoryBars(outside, corpus: corpus, note: "\(outside.count) of \(rows.count) specs\(inHeatmap)")
        }
        let optimal = outside.filter(front.contains)
        guard !optimal.isEmpty else { return nil }
        return memoryBars(optimal, corpus: corpus, note: "only the \(optimal.count) Pareto-optimal of \(rows.count) specs\(inHeatmap); all in the table")
    }

    /// The page's style sheet.
    static let styleSheet = """
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1300px; }
        h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.05em; margin: 1.5em 0 0.3em; }
        .meta, .note { color: #555; font-size: 0.9em; }
        .charts, .heatmaps { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
        svg text { font-size: 11px; fill: #222; }
        svg text.label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        svg text.title { font-size: 13px; font-weight: bold; }
        svg .axis { stroke: #444; } svg .grid { stroke: #e4e4e4; }
        svg .front { fill: none; stroke: #ff7f0e; stroke-width: 2; stroke-dasharray: 5 3; }
        svg .pareto { stroke: #ff7f0e; stroke-width: 3; }
        svg .point:hover circle { stroke: #222; stroke-width: 2; }
        svg .cell text { font-size: 11px; font-variant-numeric: tabular-nums; }
        svg .cell.empty rect { fill: #fafafa; stroke: #ddd; stroke-dasharray: 2 2; }
        svg .cell.pareto-cell rect.frame { fill: none; stroke: #ff7f0e; stroke-width: 3; }
        svg .cell:hover rect.fill { stroke: #222; stroke-width: 2; }
        table { border-collapse: collapse; font-size: 0.85em; margin-top: 1em; }
        th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        th { white-space: normal; vertical-align: bottom; background: #fff; position: sticky; top: 0; border-bottom: 1px solid #ccc; }
        th:first-child, td:first-child { text-align: left; }
        tr.pareto td:first-child { font-weight: bold; }
        tr.reference td { color: #666; }
        table.sortable th { cursor: pointer; user-select: none; }
        table.sortable th:hover { background: #f2f2f2; }
        th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
        .table-tools { margin-top: 1em; font-size: 0.9em; }
        .table-tools input { font: inherit; padding: 2px 6px; width: 20em; }
        .legend span { display: inline-block; margin-right: 1.5em; }
        .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 50%; }
        """

    /// Tick values 1, 2, 5 × 10^k inside `low...high`; finer steps (1, 1.5, 2, 3, 4, 5, 7 × 10^k)
    /// when that gives fewer than 4, as on an axis spanning 9 to 36 MB/s.
    /// - Parameters:
    ///   - low: The smallest value on the axis; above 0.
    ///   - high: The largest.
    /// - Returns: The ticks, ascending; none for an empty or non-positive range.
    static func logTicks(low: Double, high: Double) -> [Double] {
        guard low > 0, high > low else { return [] }
        func ticks(_ factors: [Double]) -> [Double] {
            var ticks: [Double] = []
            var decade = pow(10, floor(log10(low)))
            while decade <= high {
                for factor in factors where decade * factor >= low && decade * factor <= high {
                    ticks.append(decade * factor)
                }
                decade *= 10
            }
            return ticks
        }
        let coarse = ticks([1, 2, 5])
        return coarse.count >= 4 ? coarse : ticks([1, 1.5, 2, 3, 4, 5, 7])
    }

    /// A tick's text: whole numbers without decimals, others with as few as they need.
    /// - Parameter value: The tick.
    /// - Returns: Its label.
    static func tickLabel(_ value: Double) -> String {
        if value >= 1 { return value.formatted(value == value.rounded() ? 0 : 1) }
        return value.formatted(value >= 0.1 ? 2 : 3).trimmingZeros
    }
}

extension String {
    /// A decimal without trailing zeros after its point: `0.15` for `0.150`, `0.2` for `0.20`.
    fileprivate var trimmingZeros: String {
        guard contains(".") else { return self }
        var result = Substring(self)
        while result.last == "0" { result = result.dropLast() }
        if result.last == "." { result = result.dropLast() }
        return String(result)
    }
}

/// Escapes text for HTML element content and attribute values.
/// - Parameter text: The text.
/// - Returns: The text with `&`, `<`, `>`, `"` and `'` as entities.
func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}
