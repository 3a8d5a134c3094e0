extension BenchReport {
    /// The heatmaps of a deflate sweep: for each ``HeatmapMetric`` measured, one map per panel of
    /// the grid side by side (context takeover, then none), window bits down and memory level
    /// across.
    /// - Parameters:
    ///   - grid: The corpus's deflate grid.
    ///   - front: The corpus's Pareto front, whose cells are ringed.
    ///   - corpus: The corpus's name, for the maps' accessible names.
    /// - Returns: A `<div class="heatmap-set">` with a heading and maps per metric.
    func heatmaps(_ grid: DeflateGrid, front: ParetoFront, corpus: String) -> String {
        var html = "<div class=\"heatmap-set\">\n<p class=\"note\">zlib deflate specs by window bits (rows) × memory level (columns), one map per context-takeover mode."
        html += " Each map is coloured over its own range, yellow best; ringed in orange: Pareto-optimal; dashed: not measured. Hover a cell for its spec.</p>\n"
        for metric in HeatmapMetric.allCases {
            let values = grid.panels.flatMap { $0.cells.values.compactMap(metric.value) }
            guard !values.isEmpty else { continue }
            html += "<h3>\(escape(metric.title))</h3>\n<div class=\"heatmaps\">\n"
            for panel in grid.panels where !panel.cells.isEmpty {
                html += heatmap(panel, metric: metric, grid: grid, front: front, corpus: corpus) + "\n"
            }
            html += "</div>\n"
        }
        return html + "</div>\n"
    }

    /// One map: a metric over one panel, the value printed in each cell.
    /// - Parameters:
    ///   - panel: The panel's rows.
    ///   - metric: The figure to show.
    ///   - grid: The grid, for the axes every panel shares.
    ///   - front: The Pareto front.
    ///   - corpus: The corpus's name.
    /// - Returns: An `<svg class="heatmap">`.
    private func heatmap(_ panel: DeflateGrid.Panel, metric: HeatmapMetric, grid: DeflateGrid, front: ParetoFront, corpus: String) -> String {
        let cellWidth = 60.0, cellHeight = 28.0, left = 64.0, top = 54.0, right = 12.0
        let gridBottom = top + Double(grid.windowBits.count) * cellHeight
        let width = left + Double(grid.memoryLevels.count) * cellWidth + right, height = gridBottom + 34
        let values = panel.cells.values.compactMap(metric.value)
        let scale = HeatmapScale(values: values, lowerIsBetter: metric.lowerIsBetter, logarithmic: metric.logarithmic)
        let title = "\(metric.shortName) · \(panel.title)"
        var svg = "<svg class=\"heatmap\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(title)) for \(escape(corpus))\">\n"
        svg += "<text class=\"title\" x=\"\(left)\" y=\"16\">\(escape(title))</text>\n"
        let gridCenterX = (left + width - right) / 2
        svg += "<text x=\"\(gridCenterX.formatted(1))\" y=\"34\" text-anchor=\"middle\" fill=\"#555\">memory level (memLevel) →</text>\n"
        svg += "<text transform=\"translate(14 \(((top + gridBottom) / 2).formatted(1))) rotate(-90)\" text-anchor=\"middle\" fill=\"#555\">window bits ↓</text>\n"
        for (column, level) in grid.memoryLevels.enumerated() {
            svg += "<text x=\"\((left + (Double(column) + 0.5) * cellWidth).formatted(1))\" y=\"\(top - 6)\" text-anchor=\"middle\">m\(level)</text>"
        }
        svg += "\n"
        for (line, bits) in grid.windowBits.enumerated() {
            let cellY = top + Double(line) * cellHeight
            svg += "<text x=\"\(left - 8)\" y=\"\((cellY + cellHeight / 2 + 4).formatted(1))\" text-anchor=\"end\">w\(bits)</text>"
            for (column, level) in grid.memoryLevels.enumerated() {
                let cellX = left + Double(column) * cellWidth
                let box = "x=\"\((cellX + 1).formatted(1))\" y=\"\((cellY + 1).formatted(1))\" width=\"\(cellWidth - 2)\" height=\"\(cellHeight - 2)\""
                guard let row = panel.cells[DeflateGrid.Position(windowBits: bits, memoryLevel: level)], let value = metric.value(row) else {
                    svg += "<g class=\"cell empty\"><title>w\(bits) m\(level): not measured</title><rect \(box)/></g>"
                    continue
                }
                let onFront = front.contains(row)
                svg += "<g class=\"cell\(onFront ? " pareto-cell" : "")\"><title>\(escape(Self.pointTitle(row)))\(onFront ? " (Pareto-optimal)" : "")</title>"
                svg += "<rect class=\"fill\" \(box) fill=\"\(scale.fill(value))\"/>"
                if onFront {
                    svg += "<rect class=\"frame\" x=\"\((cellX + 2.5).formatted(1))\" y=\"\((cellY + 2.5).formatted(1))\" width=\"\(cellWidth - 5)\" height=\"\(cellHeight - 5)\"/>"
                }
                svg += "<text x=\"\((cellX + cellWidth / 2).formatted(1))\" y=\"\((cellY + cellHeight / 2 + 4).formatted(1))\" text-anchor=\"middle\" style=\"fill:\(scale.textColor(value))\">\(escape(metric.text(value)))</text></g>"
            }
            svg += "\n"
        }
        svg += legend(scale: scale, values: values, metric: metric, x: left, y: gridBottom + 12)
        return svg + "</svg>"
    }

    /// A map's colour key: its worst value, a ramp of swatches, its best value.
    /// - Parameters:
    ///   - scale: The map's scale.
    ///   - values: The map's values.
    ///   - metric: Its figure.
    ///   - x: The key's left edge.
    ///   - y: Its top.
    /// - Returns: SVG elements.
    private func legend(scale: HeatmapScale, values: [Double], metric: HeatmapMetric, x: Double, y: Double) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        let (worst, best) = metric.lowerIsBetter ? (high, low) : (low, high)
        let swatch = 16.0, steps = 8
        var svg = "<g class=\"key\"><text x=\"\(x)\" y=\"\(y + 10)\">worse \(escape(metric.text(worst)))</text>"
        let rampX = x + 92
        for step in 0..<steps {
            let color = HeatmapScale.hex(HeatmapScale.color(at: Double(step) / Double(steps - 1)))
            svg += "<rect x=\"\((rampX + Double(step) * swatch).formatted(1))\" y=\"\(y + 1)\" width=\"\(swatch)\" height=\"11\" fill=\"\(color)\"/>"
        }
        svg += "<text x=\"\((rampX + Double(steps) * swatch + 6).formatted(1))\" y=\"\(y + 10)\">\(escape(metric.text(best))) better</text></g>\n"
        return svg
    }
}
