import Foundation

extension BenchReport {
    /// Steady-state and peak bytes per connection, one bar per spec, smallest first, on a
    /// logarithmic scale from 1 KiB (connections range from kilobytes for snappy to megabytes
    /// for bzip2).
    /// - Parameters:
    ///   - rows: The rows to draw, one bar each.
    ///   - corpus: The corpus's name, for the chart's accessible name.
    ///   - note: A line under the title saying which specs are left out, if any are.
    /// - Returns: An `<svg class="memory">`.
    func memoryBars(_ rows: [BenchmarkResult], corpus: String, note: String? = nil) -> String {
        let sorted = rows.sorted { ($0.peakMemoryBytesPerConnection, $0.label) < ($1.peakMemoryBytesPerConnection, $1.label) }
        let barHeight = 18.0, gap = 8.0, left = 170.0, right = 90.0, width = 560.0
        let top = note == nil ? 24.0 : 40.0
        let height = top + Double(sorted.count) * (barHeight + gap) + 24
        let base = 1024.0
        let maximum = log10(max(Double(sorted.map(\.peakMemoryBytesPerConnection).max() ?? 1), base * 10) / base)
        func length(_ bytes: Int) -> Double { max(log10(max(Double(bytes), base) / base) / maximum, 0.01) * (width - left - right) }
        var svg = "<svg class=\"memory\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"memory per connection for \(escape(corpus))\">\n"
        svg += "<text x=\"\(left)\" y=\"14\">memory per connection (compressor + decompressor), log scale; pale: peak</text>\n"
        if let note {
            svg += "<text x=\"\(left)\" y=\"30\" fill=\"#555\">\(escape(note))</text>\n"
        }
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
}
