import Foundation

extension BenchReport {
    /// Ratio (y, linear) against median compression MB/s (x, logarithmic), with p10–p90 bars and
    /// the Pareto front joined. Every point names its spec and figures in an SVG `<title>`, which
    /// browsers show on hover without scripts; in a chart of more than ``maximumBars`` points only
    /// the front's points carry a label, stacked in a column right of the plot and joined to their
    /// points (the others are drawn smaller and translucent); in a smaller one every point carries
    /// a label beside it. Rows without throughput (`--ratio-only`) are placed by peak
    /// memory per connection instead, the measure ``ParetoFront`` weighs them on.
    /// - Parameters:
    ///   - rows: One corpus's rows.
    ///   - front: Their Pareto front.
    ///   - corpus: The corpus's name, for the chart's accessible name.
    ///   - width: The chart's width in pixels.
    /// - Returns: An `<svg class="scatter">`.
    func scatter(_ rows: [BenchmarkResult], front: ParetoFront, corpus: String, width: Double = 620) -> String {
        let byThroughput = rows.contains { $0.compressMBps.isMeasured }
        let many = rows.count > Self.maximumBars
        let height = many ? 440.0 : 380.0
        // Many points: the front's labels stand in a column right of the plot, joined to their
        // points, as a sweep's front is often a tight cluster.
        let longestLabel = Double(front.rows.map(\.label.count).max() ?? 0) * 6.2
        let left = 60.0, right = many ? max(150, longestLabel + 40) : 150, top = 20.0, bottom = 45.0
        func along(_ row: BenchmarkResult) -> Double {
            byThroughput ? max(row.compressMBps.median, 1e-3) : Double(max(row.peakMemoryBytesPerConnection, 1)) / 1024
        }
        let xs = rows.map(along)
        let lowX = log10(xs.min()! / 1.3), highX = log10(xs.max()! * 1.3)
        let highY = max(rows.map(\.ratio).max()! * 1.08, 0.05)
        func x(_ value: Double) -> Double { left + (log10(max(value, 1e-3)) - lowX) / max(highX - lowX, 1e-9) * (width - left - right) }
        func y(_ ratio: Double) -> Double { top + (1 - ratio / highY) * (height - top - bottom) }
        let what = byThroughput ? "compression throughput" : "memory per connection"
        var svg = "<svg class=\"scatter\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"ratio versus \(what) for \(escape(corpus))\">\n"
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
        let xCaption = byThroughput ? "compress MB/s (median, log scale) →" : "← peak memory per connection (KiB, log scale; no throughput measured)"
        svg += "<text x=\"\(((left + width - right) / 2).formatted(0))\" y=\"\(height - 8)\" text-anchor=\"middle\">\(xCaption)</text>\n"
        svg += "<text transform=\"translate(14 \(((top + height - bottom) / 2).formatted(0))) rotate(-90)\" text-anchor=\"middle\">ratio (compressed / raw) ↓ better</text>\n"
        let frontPoints = front.rows.sorted { along($0) < along($1) }.map { "\(x(along($0)).formatted(1)),\(y($0.ratio).formatted(1))" }
        if frontPoints.count > 1 {
            svg += "<polyline class=\"front\" points=\"\(frontPoints.joined(separator: " "))\"/>\n"
        }
        // Points off the front first, smaller and translucent when there are many, so the front
        // and the labels are drawn over them; labels nearest the front placed first.
        let ordered = rows.filter { !front.contains($0) } + rows.filter(front.contains)
        let labelled = (many ? front.rows : rows).sorted { ($0.ratio, along($0)) < ($1.ratio, along($1)) }
        for row in ordered {
            let onFront = front.contains(row)
            let px = x(along(row)), py = y(row.ratio)
            let color = Self.color(of: row)
            svg += "<g class=\"point\(onFront ? " pareto-point" : "")\"><title>\(escape(Self.pointTitle(row)))</title>"
            if byThroughput {
                svg += "<line stroke=\"\(color)\" x1=\"\(x(row.compressMBps.p10).formatted(1))\" y1=\"\(py.formatted(1))\" x2=\"\(x(row.compressMBps.p90).formatted(1))\" y2=\"\(py.formatted(1))\"/>"
            }
            let radius = onFront ? 7 : many ? 4 : 5
            let opacity = !onFront && many ? " fill-opacity=\"0.55\"" : ""
            svg += "<circle cx=\"\(px.formatted(1))\" cy=\"\(py.formatted(1))\" r=\"\(radius)\" fill=\"\(color)\"\(opacity)\(onFront ? " class=\"pareto\"" : "")/></g>\n"
        }
        if many {
            let columnX = width - right + 24
            let baselines = LabelPlacer.column(labelled.map { y($0.ratio) + 4 }.sorted(), spacing: 13, top: top + 8, bottom: height - bottom + 4)
            for (row, baseline) in zip(labelled.sorted { y($0.ratio) < y($1.ratio) }, baselines) {
                let px = x(along(row)), py = y(row.ratio)
                svg += "<line stroke=\"#bbb\" x1=\"\((px + 7).formatted(1))\" y1=\"\(py.formatted(1))\" x2=\"\((columnX - 4).formatted(1))\" y2=\"\((baseline - 4).formatted(1))\"/>"
                svg += "<text class=\"label\" x=\"\(columnX.formatted(1))\" y=\"\(baseline.formatted(1))\">\(escape(row.label))</text>\n"
            }
            return svg + "</svg>"
        }
        var labels = LabelPlacer()
        for row in labelled {
            let px = x(along(row)), py = y(row.ratio)
            let labelY = labels.place(x: px + 9, y: py + 4, width: Double(row.label.count) * 6.2, height: 12)
            if labelY != py + 4 {
                svg += "<line stroke=\"#bbb\" x1=\"\(px.formatted(1))\" y1=\"\(py.formatted(1))\" x2=\"\((px + 8).formatted(1))\" y2=\"\((labelY - 4).formatted(1))\"/>"
            }
            svg += "<text class=\"label\" x=\"\((px + 9).formatted(1))\" y=\"\(labelY.formatted(1))\">\(escape(row.label))</text>\n"
        }
        return svg + "</svg>"
    }

    /// A point's tooltip: its spec and figures.
    /// - Parameter row: The row.
    /// - Returns: Plain text (the caller escapes it).
    static func pointTitle(_ row: BenchmarkResult) -> String {
        var text = "\(row.label): ratio \(row.ratio.formatted(3))"
        if row.compressMBps.isMeasured {
            text += ", compress \(row.compressMBps.median.formatted(1)) MB/s (p10 \(row.compressMBps.p10.formatted(1)), p90 \(row.compressMBps.p90.formatted(1)))"
            text += ", decompress \(row.decompressMBps.median.formatted(1)) MB/s"
        }
        return text + ", \(ByteCount.format(row.memoryBytesPerConnection)) per connection"
    }
}
