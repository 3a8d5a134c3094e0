extension BenchReport {
    /// The figures of one corpus as a table in ratio order, Pareto-optimal specs in bold with ◆.
    ///
    /// Each spec's row and its `↳` rows (C references, Swift peers) form one
    /// `<tbody class="group">`, so ``tableScript`` sorts whole groups and the comparisons stay
    /// under their row. Numeric cells carry their value in `data-sort`, so sorting compares
    /// numbers, not text such as `1.2 MiB`; an empty `data-sort` (not measured) sorts last. The
    /// filter box above the table is `hidden` until the script shows it.
    /// - Parameters:
    ///   - rows: One corpus's rows.
    ///   - front: Their Pareto front.
    /// - Returns: The filter box and the `<table class="figures">`.
    func figuresTable(_ rows: [BenchmarkResult], front: ParetoFront) -> String {
        let withReference = rows.contains { $0.references != nil }
        let versusHeaders = withReference ? "<th>÷ C compress</th><th>÷ C decompress</th>" : ""
        var html = "<div class=\"table-tools\" hidden><input type=\"search\" class=\"filter\" placeholder=\"filter by spec, e.g. w15 m8\" aria-label=\"filter rows by spec\"> <span class=\"shown\"></span></div>\n"
        html += "<table class=\"figures\">\n<thead><tr><th>spec</th><th>ratio</th><th>compress MB/s (p10–p90)</th><th>decompress MB/s (p10–p90)</th>\(versusHeaders)<th>compress µs p50/p99</th><th>decompress µs p50/p99</th><th>memory/conn</th><th>peak</th><th>alloc/msg</th></tr></thead>\n"
        for row in rows.sorted(by: { $0.ratio < $1.ratio }) {
            let onFront = front.contains(row)
            html += "<tbody class=\"group\" data-label=\"\(escape(row.label))\">\n"
            html += "<tr\(onFront ? " class=\"pareto\"" : "")><td>\(escape(row.label))\(onFront ? " ◆" : "")</td>\(Self.numberCell(row.ratio.formatted(3), row.ratio))"
            html += Self.speedCell(row.compressMBps) + Self.speedCell(row.decompressMBps)
            if withReference {
                html += Self.numberCell(Self.versus(row.compressVersusC), row.compressVersusC?.median)
                html += Self.numberCell(Self.versus(row.decompressVersusC), row.decompressVersusC?.median)
            }
            html += Self.latencyCell(row.compressLatencyMicroseconds) + Self.latencyCell(row.decompressLatencyMicroseconds)
            html += Self.numberCell(ByteCount.format(row.memoryBytesPerConnection), Double(row.memoryBytesPerConnection))
            html += Self.numberCell(ByteCount.format(row.peakMemoryBytesPerConnection), Double(row.peakMemoryBytesPerConnection))
            html += Self.numberCell(row.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a", row.allocationsPerMessage) + "</tr>\n"
            for reference in row.comparisons {
                let ratio = Double(reference.compressedBytes) / Double(Swift.max(row.rawBytes, 1))
                html += "<tr class=\"reference\"><td>↳ \(escape(reference.label))</td>\(Self.numberCell(ratio.formatted(3), ratio))"
                html += Self.speedCell(reference.compressMBps) + Self.speedCell(reference.decompressMBps)
                // Nothing of its own under ÷ C, latency and memory.
                html += String(repeating: "<td></td>", count: withReference ? 6 : 4)
                html += Self.numberCell(reference.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a", reference.allocationsPerMessage) + "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    /// A cell showing `text` that sorts by `value`, or last when there is none.
    /// - Parameters:
    ///   - text: What the cell shows.
    ///   - value: The number it sorts by.
    /// - Returns: A `<td>`.
    static func numberCell(_ text: String, _ value: Double?) -> String {
        let key = value.flatMap { $0.isFinite ? "\($0)" : nil } ?? ""
        return "<td data-sort=\"\(key)\">\(escape(text))</td>"
    }

    /// A throughput cell: the median with its p10–p90 band, sorting by the median; `–` when not
    /// measured.
    /// - Parameter summary: MB/s over repetitions.
    /// - Returns: A `<td>`.
    static func speedCell(_ summary: Summary) -> String {
        guard summary.isMeasured else { return numberCell("–", nil) }
        return numberCell("\(summary.median.formatted(1)) (\(summary.p10.formatted(1))–\(summary.p90.formatted(1)))", summary.median)
    }

    /// A latency cell, p50/p99, sorting by p50.
    /// - Parameter latency: Per-message microseconds.
    /// - Returns: A `<td>`.
    static func latencyCell(_ latency: LatencyPercentiles) -> String {
        numberCell("\(latency.p50.formatted(1))/\(latency.p99.formatted(1))", latency.p50)
    }
}
