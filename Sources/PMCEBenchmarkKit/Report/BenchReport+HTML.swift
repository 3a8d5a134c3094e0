import Foundation

/// The HTML form: one self-contained page (inline CSS and SVG, no scripts, no network) with,
/// per corpus, a ratio-versus-throughput scatter with the Pareto front highlighted, a
/// memory-per-connection bar chart and the figures as a table.
extension BenchReport {
    /// The colour of each extension in the charts, in the order the extensions are listed.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b"]

    /// The colour of an extension in the charts.
    static func color(_ compressionExtension: CompressionExtension) -> String {
        palette[CompressionExtension.allCases.firstIndex(of: compressionExtension)! % palette.count]
    }

    /// The colour of a row's extension; grey for one this version does not know.
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
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1300px; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
            .meta { color: #555; font-size: 0.9em; }
            .charts { display: flex; flex-wrap: wrap; gap: 2em; }
            svg text { font-size: 11px; fill: #222; }
            svg .axis { stroke: #444; } svg .grid { stroke: #e4e4e4; }
            svg .front { fill: none; stroke: #ff7f0e; stroke-width: 2; stroke-dasharray: 5 3; }
            svg .pareto { stroke: #ff7f0e; stroke-width: 3; }
            table { border-collapse: collapse; font-size: 0.85em; margin-top: 1em; }
            th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
            th { white-space: normal; vertical-align: bottom; }
            th:first-child, td:first-child { text-align: left; }
            tr.pareto td:first-child { font-weight: bold; }
            tr.reference td { color: #666; }
            .legend span { display: inline-block; margin-right: 1.5em; }
            .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 50%; }
            </style>
            </head>
            <body>
            <h1>pmce bench report</h1>

            """
        page += "<p class=\"meta\">\(escape(date)) · \(machine.cores) cores, \(escape(machine.cpuModel)) · \(escape(machine.os)) \(escape(machine.kernel)) \(escape(machine.architecture))"
        page += " · Swift \(escape(toolchain.swift)) (\(escape(toolchain.buildConfiguration))) · zlib \(escape(libraries.zlib)), libbz2 \(escape(libraries.bzip2)), libsnappy \(escape(libraries.snappy))"
        page += " · \(settings.minimumRepetitions)–\(settings.maximumRepetitions) timed passes, \(settings.timeBudgetSeconds.formatted(2)) s per cell · run took \(durationSeconds.formatted(1)) s</p>\n"
        if toolchain.buildConfiguration == "debug" {
            page += "<p><strong>Debug build: timings are meaningless. Build with -c release.</strong></p>\n"
        }
        page += "<p class=\"legend\">"
        for ext in CompressionExtension.allCases {
            page += "<span><span class=\"swatch\" style=\"background:\(Self.color(ext))\"></span>\(ext)</span>"
        }
        page += "<span><span class=\"swatch\" style=\"background:#fff;border:3px solid #ff7f0e\"></span>Pareto-optimal (ratio vs compress MB/s)</span></p>\n"
        for corpus in corpora {
            let rows = rows(for: corpus)
            let front = ParetoFront(rows)
            guard let first = rows.first else { continue }
            page += "<section class=\"corpus\" id=\"corpus-\(escape(corpus))\">\n"
            page += "<h2>\(escape(corpus))</h2>\n<p class=\"meta\">\(first.messages) messages, \(ByteCount.format(first.rawBytes))</p>\n"
            page += "<div class=\"charts\">\n\(scatter(rows, front: front, corpus: corpus))\n\(memoryBars(rows, corpus: corpus))\n</div>\n"
            page += figuresTable(rows, front: front)
            page += "</section>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// Ratio (y, linear) against median compression MB/s (x, logarithmic).
    private func scatter(_ rows: [BenchmarkResult], front: ParetoFront, corpus: String) -> String {
        let width = 620.0, height = 380.0, left = 60.0, right = 150.0, top = 20.0, bottom = 45.0
        let speeds = rows.map { max($0.compressMBps.median, 1e-3) }
        let lowX = log10(speeds.min()! / 1.3), highX = log10(speeds.max()! * 1.3)
        let highY = max(rows.map(\.ratio).max()! * 1.08, 0.05)
        func x(_ speed: Double) -> Double { left + (log10(max(speed, 1e-3)) - lowX) / max(highX - lowX, 1e-9) * (width - left - right) }
        func y(_ ratio: Double) -> Double { top + (1 - ratio / highY) * (height - top - bottom) }
        var svg = "<svg class=\"scatter\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"ratio versus compression throughput for \(escape(corpus))\">\n"
        for tick in Self.logTicks(low: pow(10, lowX), high: pow(10, highX)) {
            let px = x(tick).formatted(1)
            svg += "<line class=\"grid\" x1=\"\(px)\" y1=\"\(top)\" x2=\"\(px)\" y2=\"\(height - bottom)\"/><text x=\"\(px)\" y=\"\(height - bottom + 14)\" text-anchor=\"middle\">\(Self.tickLabel(tick))</text>\n"
        }
        for step in 0...5 {
            let ratio = highY * Double(step) / 5
            let py = y(ratio).formatted(1)
            svg += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(py)\" x2=\"\(width - right)\" y2=\"\(py)\"/><text x=\"\(left - 6)\" y=\"\(py)\" text-anchor=\"end\" dy=\"4\">\(ratio.formatted(2))</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\"/><line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\"/>\n"
        svg += "<text x=\"\(((left + width - right) / 2).formatted(0))\" y=\"\(height - 8)\" text-anchor=\"middle\">compress MB/s (median, log scale) →</text>\n"
        svg += "<text transform=\"translate(14 \(((top + height - bottom) / 2).formatted(0))) rotate(-90)\" text-anchor=\"middle\">ratio (compressed / raw) ↓ better</text>\n"
        let frontPoints = front.rows.sorted { $0.compressMBps.median < $1.compressMBps.median }
            .map { "\(x($0.compressMBps.median).formatted(1)),\(y($0.ratio).formatted(1))" }
        if frontPoints.count > 1 {
            svg += "<polyline class=\"front\" points=\"\(frontPoints.joined(separator: " "))\"/>\n"
        }
        var labels = LabelPlacer()
        for row in rows.sorted(by: { ($0.ratio, $0.compressMBps.median) < ($1.ratio, $1.compressMBps.median) }) {
            let onFront = front.contains(row)
            let px = x(row.compressMBps.median), py = y(row.ratio)
            let color = Self.color(of: row)
            let errorBar = "<line stroke=\"\(color)\" x1=\"\(x(row.compressMBps.p10).formatted(1))\" y1=\"\(py.formatted(1))\" x2=\"\(x(row.compressMBps.p90).formatted(1))\" y2=\"\(py.formatted(1))\"/>"
            svg += "<g class=\"point\(onFront ? " pareto-point" : "")\">\(errorBar)<circle cx=\"\(px.formatted(1))\" cy=\"\(py.formatted(1))\" r=\"\(onFront ? 7 : 5)\" fill=\"\(color)\"\(onFront ? " class=\"pareto\"" : "")>"
            svg += "<title>\(escape(row.label)): ratio \(row.ratio.formatted(3)), compress \(row.compressMBps.median.formatted(1)) MB/s (p10 \(row.compressMBps.p10.formatted(1)), p90 \(row.compressMBps.p90.formatted(1)))</title></circle>"
            let labelY = labels.place(x: px + 9, y: py + 4, width: Double(row.label.count) * 6.2, height: 12)
            if labelY != py + 4 {
                svg += "<line stroke=\"#bbb\" x1=\"\(px.formatted(1))\" y1=\"\(py.formatted(1))\" x2=\"\((px + 8).formatted(1))\" y2=\"\((labelY - 4).formatted(1))\"/>"
            }
            svg += "<text x=\"\((px + 9).formatted(1))\" y=\"\(labelY.formatted(1))\">\(escape(row.label))</text></g>\n"
        }
        return svg + "</svg>"
    }

    /// Steady-state and peak bytes per connection, one bar per spec.
    private func memoryBars(_ rows: [BenchmarkResult], corpus: String) -> String {
        let sorted = rows.sorted { ($0.peakMemoryBytesPerConnection, $0.label) < ($1.peakMemoryBytesPerConnection, $1.label) }
        let barHeight = 18.0, gap = 8.0, left = 170.0, right = 90.0, top = 24.0, width = 560.0
        let height = top + Double(sorted.count) * (barHeight + gap) + 24
        // Logarithmic from 1 KiB: connections range from kilobytes (snappy) to megabytes (bzip2).
        let base = 1024.0
        let maximum = log10(max(Double(sorted.map(\.peakMemoryBytesPerConnection).max() ?? 1), base * 10) / base)
        func length(_ bytes: Int) -> Double { max(log10(max(Double(bytes), base) / base) / maximum, 0.01) * (width - left - right) }
        var svg = "<svg class=\"memory\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"memory per connection for \(escape(corpus))\">\n"
        svg += "<text x=\"\(left)\" y=\"14\">memory per connection (compressor + decompressor), log scale; pale: peak</text>\n"
        for (index, row) in sorted.enumerated() {
            let barY = top + Double(index) * (barHeight + gap)
            let color = Self.color(of: row)
            svg += "<g class=\"bar\"><text x=\"\(left - 6)\" y=\"\((barY + 13).formatted(1))\" text-anchor=\"end\">\(escape(row.label))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(barY.formatted(1))\" width=\"\(length(row.peakMemoryBytesPerConnection).formatted(1))\" height=\"\(barHeight)\" fill=\"\(color)\" opacity=\"0.3\"/>"
            svg += "<rect x=\"\(left)\" y=\"\(barY.formatted(1))\" width=\"\(length(row.memoryBytesPerConnection).formatted(1))\" height=\"\(barHeight)\" fill=\"\(color)\">"
            svg += "<title>\(escape(row.label)): \(row.memoryBytesPerConnection) bytes steady, \(row.peakMemoryBytesPerConnection) bytes peak</title></rect>"
            svg += "<text x=\"\((left + length(row.peakMemoryBytesPerConnection) + 6).formatted(1))\" y=\"\((barY + 13).formatted(1))\">\(ByteCount.format(row.memoryBytesPerConnection))</text></g>\n"
        }
        return svg + "</svg>"
    }

    private func figuresTable(_ rows: [BenchmarkResult], front: ParetoFront) -> String {
        let withReference = rows.contains { $0.references != nil }
        let versusHeaders = withReference ? "<th>÷ C compress</th><th>÷ C decompress</th>" : ""
        var html = "<table>\n<tr><th>spec</th><th>ratio</th><th>compress MB/s (p10–p90)</th><th>decompress MB/s (p10–p90)</th>\(versusHeaders)<th>compress µs p50/p99</th><th>decompress µs p50/p99</th><th>memory/conn</th><th>peak</th><th>alloc/msg</th></tr>\n"
        func speeds(_ compress: Summary, _ decompress: Summary) -> String {
            "<td>\(compress.median.formatted(1)) (\(compress.p10.formatted(1))–\(compress.p90.formatted(1)))</td>"
                + "<td>\(decompress.median.formatted(1)) (\(decompress.p10.formatted(1))–\(decompress.p90.formatted(1)))</td>"
        }
        for row in rows.sorted(by: { $0.ratio < $1.ratio }) {
            html += "<tr\(front.contains(row) ? " class=\"pareto\"" : "")><td>\(escape(row.label))\(front.contains(row) ? " ◆" : "")</td><td>\(row.ratio.formatted(3))</td>"
            html += speeds(row.compressMBps, row.decompressMBps)
            if withReference { html += "<td>\(Self.versus(row.compressVersusC))</td><td>\(Self.versus(row.decompressVersusC))</td>" }
            html += "<td>\(row.compressLatencyMicroseconds.p50.formatted(1))/\(row.compressLatencyMicroseconds.p99.formatted(1))</td>"
            html += "<td>\(row.decompressLatencyMicroseconds.p50.formatted(1))/\(row.decompressLatencyMicroseconds.p99.formatted(1))</td>"
            html += "<td>\(ByteCount.format(row.memoryBytesPerConnection))</td><td>\(ByteCount.format(row.peakMemoryBytesPerConnection))</td>"
            html += "<td>\(row.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a")</td></tr>\n"
            for reference in row.comparisons {
                let ratio = Double(reference.compressedBytes) / Double(Swift.max(row.rawBytes, 1))
                html += "<tr class=\"reference\"><td>↳ \(escape(reference.label))</td><td>\(ratio.formatted(3))</td>"
                html += speeds(reference.compressMBps, reference.decompressMBps)
                // Nothing of its own under ÷ C, latency and memory.
                html += String(repeating: "<td></td>", count: withReference ? 6 : 4)
                html += "<td>\(reference.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a")</td></tr>\n"
            }
        }
        return html + "</table>\n"
    }

    /// Tick values 1, 2, 5 × 10^k inside `low...high`.
    static func logTicks(low: Double, high: Double) -> [Double] {
        guard low > 0, high > low else { return [] }
        var ticks: [Double] = []
        var decade = pow(10, floor(log10(low)))
        while decade <= high {
            for factor in [1.0, 2.0, 5.0] where decade * factor >= low && decade * factor <= high {
                ticks.append(decade * factor)
            }
            decade *= 10
        }
        return ticks
    }

    static func tickLabel(_ value: Double) -> String {
        value >= 1 ? value.formatted(0) : value.formatted(value >= 0.1 ? 1 : 3)
    }
}

/// Escapes text for HTML element content and attribute values.
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

/// Moves chart labels down or up until they do not overlap labels placed before.
struct LabelPlacer {
    private var boxes: [(x: Double, y: Double, width: Double, height: Double)] = []

    /// Places a label whose baseline would be at `y`; returns the baseline used.
    mutating func place(x: Double, y: Double, width: Double, height: Double) -> Double {
        for step in 0..<12 {
            let offset = Double((step + 1) / 2) * height * (step % 2 == 0 ? -1 : 1)
            let candidate = y + offset
            let overlaps = boxes.contains { box in
                x < box.x + box.width && box.x < x + width && candidate - height < box.y && box.y - box.height < candidate
            }
            if !overlaps {
                boxes.append((x, candidate, width, height))
                return candidate
            }
        }
        boxes.append((x, y, width, height))
        return y
    }
}
