/// The aligned terminal table.
extension BenchReport {
    /// Marks for the best rows of a corpus in the terminal table.
    public enum Mark: String, CaseIterable, Sendable {
        /// The smallest output.
        case bestRatio = "R"
        /// The fastest compression.
        case fastestCompression = "C"
        /// The fastest decompression.
        case fastestDecompression = "D"
        /// On the ratio-versus-compression-throughput Pareto front.
        case pareto = "P"
    }

    /// The marks each row of a corpus earns.
    /// - Parameter rows: The rows of one corpus.
    /// - Returns: The marks per row label.
    public static func marks(for rows: [BenchmarkResult]) -> [String: [Mark]] {
        var marks: [String: [Mark]] = [:]
        if let best = rows.min(by: { ($0.ratio, -$0.compressMBps.median) < ($1.ratio, -$1.compressMBps.median) }) { marks[best.label, default: []].append(.bestRatio) }
        let timed = rows.filter(\.compressMBps.isMeasured)
        if let fastest = timed.max(by: { $0.compressMBps.median < $1.compressMBps.median }) { marks[fastest.label, default: []].append(.fastestCompression) }
        if let fastest = timed.max(by: { $0.decompressMBps.median < $1.decompressMBps.median }) { marks[fastest.label, default: []].append(.fastestDecompression) }
        for row in ParetoFront(rows).rows { marks[row.label, default: []].append(.pareto) }
        return marks
    }

    /// The report as aligned text: per corpus, rows sorted by ratio (best first), throughput as
    /// median ±half the p10–p90 band, and marks: R best ratio, C fastest compression, D fastest
    /// decompression, P Pareto-optimal (ratio vs compression throughput).
    /// - Returns: The table, ending with a legend.
    public func table() -> String {
        let withReference = rows.contains { $0.references != nil }
        var headers = ["spec", "ratio", "msg ratio", "comp MB/s", "decomp MB/s", "comp msg/s", "comp µs p50/p99", "decomp µs p50/p99", "mem/conn", "peak", "alloc/msg", "best"]
        if withReference { headers.insert(contentsOf: ["÷C comp", "÷C decomp"], at: 5) }
        let rightAligned = Set(1..<(headers.count - 1))
        var lines: [String] = []
        if let plannedCells, !isComplete {
            lines += ["INCOMPLETE: the run was stopped after \(rows.count) of \(plannedCells) cells; these are the finished ones.", ""]
        }
        for corpus in corpora {
            let rows = rows(for: corpus).sorted { ($0.ratio, -$0.compressMBps.median, $0.label) < ($1.ratio, -$1.compressMBps.median, $1.label) }
            guard let first = rows.first else { continue }
            let marks = Self.marks(for: rows)
            var cells: [[String]] = [headers]
            for row in rows {
                var cell = [
                    row.label,
                    row.ratio.formatted(3),
                    row.meanMessageRatio.formatted(3),
                    Self.throughput(row.compressMBps),
                    Self.throughput(row.decompressMBps),
                    row.compressMessagesPerSecond.isMeasured ? Self.count(row.compressMessagesPerSecond.median) : "–",
                    Self.latency(row.compressLatencyMicroseconds, timed: row.compressMBps.isMeasured),
                    Self.latency(row.decompressLatencyMicroseconds, timed: row.compressMBps.isMeasured),
                    ByteCount.format(row.memoryBytesPerConnection),
                    ByteCount.format(row.peakMemoryBytesPerConnection),
                    row.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a",
                    (marks[row.label] ?? []).map(\.rawValue).joined(),
                ]
                if withReference { cell.insert(contentsOf: [Self.versus(row.compressVersusC), Self.versus(row.decompressVersusC)], at: 5) }
                cells.append(cell)
                for reference in row.comparisons {
                    var line = Array(repeating: "", count: headers.count)
                    line[0] = "  ↳ \(reference.label)"
                    line[1] = (Double(reference.compressedBytes) / Double(Swift.max(row.rawBytes, 1))).formatted(3)
                    line[3] = Self.throughput(reference.compressMBps)
                    line[4] = Self.throughput(reference.decompressMBps)
                    line[headers.count - 2] = reference.allocationsPerMessage.map { $0.formatted(2) } ?? "n/a"
                    cells.append(line)
                }
            }
            let passes = rows.map(\.repetitions)
            let passText = passes.min() == passes.max() ? "\(first.repetitions)" : "\(passes.min()!)–\(passes.max()!)"
            let timing = settings.isTimed ? "\(passText) timed passes per spec" : "ratio, memory and allocations only (--ratio-only)"
            lines.append("\(corpus): \(first.messages) messages, \(ByteCount.format(first.rawBytes)), \(timing)")
            lines += TextTable.render(cells, rightAligned: rightAligned)
            lines.append("")
        }
        lines.append(settings.isTimed
            ? "Marks: R best ratio, C fastest compression, D fastest decompression, P Pareto-optimal (ratio vs compress MB/s)."
            : "Marks: R best ratio, P Pareto-optimal (ratio vs peak memory per connection).")
        lines.append("ratio = compressed/raw bytes (smaller is better); MB/s of raw bytes (10^6 B/s), median ± half the p10-p90 band;")
        lines.append("mem/conn = one compressor + one decompressor after the corpus; alloc/msg = heap allocations per message round trip.")
        if rows.contains(where: { !$0.comparisons.isEmpty }) {
            lines.append("↳ rows: plain C (--reference) or another Swift implementation (--peer) doing the same per-message work, passes interleaved with the row's.")
        }
        if withReference {
            lines.append("÷C = the row's speed ÷ the first C row's, median of the pass pairs.")
        }
        return lines.joined(separator: "\n")
    }

    /// `p50/p99` in microseconds, or `–` for a row that was not timed.
    static func latency(_ latency: LatencyPercentiles, timed: Bool) -> String {
        timed ? "\(latency.p50.formatted(1))/\(latency.p99.formatted(1))" : "–"
    }

    /// Median ± half the p10–p90 band, or `–` when not measured.
    static func throughput(_ summary: Summary) -> String {
        guard summary.isMeasured else { return "–" }
        let band = (summary.p90 - summary.p10) / 2
        let digits = summary.median >= 100 ? 0 : 1
        return "\(summary.median.formatted(digits)) ±\(band.formatted(digits))"
    }

    /// A Swift ÷ C figure as text: the median of the pass pairs, or `–` without a reference.
    static func versus(_ summary: Summary?) -> String {
        summary.map { $0.median.formatted(2) } ?? "–"
    }

    static func count(_ value: Double) -> String {
        if value >= 1e6 { return "\((value / 1e6).formatted(2))M" }
        if value >= 1e3 { return "\((value / 1e3).formatted(1))k" }
        return value.formatted(0)
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var result = Substring(self)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }
}
