/// The choices worth shipping for one corpus within a memory budget per connection: the
/// Pareto front (ratio versus compression throughput) of the specs whose peak memory per
/// connection fits, and the one to ship (``chosen``) with the code and handshake that turn it on
/// (``Integration``).
///
/// ```swift
/// let advice = Recommendation(report: report, corpus: "chat-json", memoryBudgetBytes: 64 << 10)
/// print(advice.summary(connections: 10_000))
/// advice.chosen?.label   // "deflate w12 m5 takeover"
/// ```
public struct Recommendation: Sendable {
    /// The corpus.
    public var corpus: String
    /// The budget in bytes, or `nil` for none.
    public var memoryBudgetBytes: Int?
    /// The Pareto-optimal rows that fit, best ratio first.
    public var choices: [BenchmarkResult]
    /// Rows left out because their peak memory exceeds the budget.
    public var overBudget: [BenchmarkResult]
    /// Every row of the corpus, for the same advice under another budget.
    let rows: [BenchmarkResult]

    /// Finds the recommendation.
    /// - Parameters:
    ///   - report: The measurements.
    ///   - corpus: The corpus's name.
    ///   - memoryBudgetBytes: The most bytes one connection may hold (compressor + decompressor),
    ///     compared with each row's peak; `nil` for no limit.
    public init(report: BenchReport, corpus: String, memoryBudgetBytes: Int?) {
        self.init(rows: report.rows(for: corpus), corpus: corpus, memoryBudgetBytes: memoryBudgetBytes)
    }

    /// Finds the recommendation among one corpus's rows.
    /// - Parameters:
    ///   - rows: The corpus's rows.
    ///   - corpus: The corpus's name.
    ///   - memoryBudgetBytes: The most bytes one connection may hold; `nil` for no limit.
    init(rows: [BenchmarkResult], corpus: String, memoryBudgetBytes: Int?) {
        self.corpus = corpus
        self.memoryBudgetBytes = memoryBudgetBytes
        self.rows = rows
        let fits = rows.filter { row in memoryBudgetBytes.map { row.peakMemoryBytesPerConnection <= $0 } ?? true }
        overBudget = rows.filter { row in !fits.contains(row) }
        choices = ParetoFront(fits).rows
    }

    /// Lines saying what to ship: one per Pareto-optimal choice, with its trade-off, then the
    /// chosen configuration with its code and handshake.
    public var summary: String { summary(connections: nil) }

    /// Lines saying what to ship: one per Pareto-optimal choice, with its trade-off; then the
    /// chosen configuration and the rule that chose it, why over its neighbour on the front,
    /// the memory of `connections` connections, the server's and the client's Swift code, and
    /// the `Sec-WebSocket-Extensions` handshake.
    /// - Parameter connections: Connections open at once, for a line of their memory with the
    ///   chosen configuration; `nil` for none.
    /// - Returns: The lines, joined.
    public func summary(connections: Int?) -> String {
        let budget = memoryBudgetBytes.map { "within \(ByteCount.format($0)) per connection" } ?? "with no memory limit"
        guard !choices.isEmpty else {
            return "\(corpus): nothing fits \(budget); the smallest needs "
                + "\(ByteCount.format(overBudget.map(\.peakMemoryBytesPerConnection).min() ?? 0))"
        }
        var lines = ["\(corpus): Pareto-optimal choices \(budget) (ratio vs compress throughput):"]
        for (index, row) in choices.enumerated() {
            let role: String
            if choices.count == 1 { role = "best on both" }
            else if index == 0 { role = "smallest output" }
            else if index == choices.count - 1 { role = "fastest" }
            else { role = "trade-off" }
            lines.append(
                "  \(row.label.padding(24))  ratio \(row.ratio.formatted(3))  "
                    + "compress \(row.compressMBps.median.formatted(1)) MB/s  "
                    + "memory \(ByteCount.format(row.peakMemoryBytesPerConnection))  (\(role))")
        }
        if !overBudget.isEmpty {
            let shown = overBudget.prefix(4).map(\.label).joined(separator: ", ")
            let more = overBudget.count > 4 ? " and \(overBudget.count - 4) more" : ""
            lines.append("  over budget: \(shown)\(more)")
        }
        lines += adviceLines(connections: connections)
        return lines.joined(separator: "\n")
    }
}

/// Formats byte counts for people.
package enum ByteCount {
    /// `812 B`, `12.5 KiB`, `1.20 MiB`, `2.87 GiB`.
    package static func format(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return "\((Double(bytes) / 1024).formatted(1)) KiB" }
        if bytes < 1 << 30 { return "\((Double(bytes) / 1_048_576).formatted(2)) MiB" }
        return "\((Double(bytes) / 1_073_741_824).formatted(2)) GiB"
    }
}

extension String {
    /// The string padded with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The string padded with spaces on the left to `width` characters.
    func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension Recommendation {
    /// Parses a byte count such as `65536`, `64k`, `64KiB`, `1.5MiB`, `2M` (K/KiB = 1024, M/MiB =
    /// 1024², G/GiB = 1024³; case-insensitive).
    /// - Parameters:
    ///   - text: The text.
    ///   - name: What the count is for, for the error.
    /// - Returns: The bytes.
    /// - Throws: ``BenchmarkError/invalidValue(name:value:reason:)`` when it is not a
    ///   non-negative size.
    public static func parseByteCount(_ text: String, name: String) throws(BenchmarkError) -> Int {
        let trimmed = Substring(text).trimmingSpaces.lowercased()
        let kibi = 1024.0, mebi = kibi * kibi, gibi = mebi * kibi
        let units: [(String, Double)] = [
            ("gib", gibi), ("mib", mebi), ("kib", kibi), ("gb", gibi), ("mb", mebi), ("kb", kibi),
            ("g", gibi), ("m", mebi), ("k", kibi), ("b", 1),
        ]
        var number = trimmed
        var scale = 1.0
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            number = String(trimmed.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(Substring(number).trimmingSpaces), value.isFinite, value >= 0, value * scale < 1e15 else {
            throw .invalidValue(name: name, value: text, reason: "not a byte count such as 65536, 64KiB or 1.5MiB")
        }
        return Int(value * scale)
    }
}
