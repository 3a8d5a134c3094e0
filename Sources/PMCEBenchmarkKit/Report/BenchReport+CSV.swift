import Foundation

/// The CSV form: one header line, one line per row, RFC 4180 quoting.
extension BenchReport {
    /// The CSV columns, in order. Throughput columns without a suffix are medians.
    public static let csvColumns: [String] = [
        "extension", "label", "corpus", "windowBits", "memoryLevel", "level", "contextTakeover",
        "messages", "rawBytes", "compressedBytes", "ratio", "meanMessageRatio", "repetitions",
        "compressMBps", "compressMBpsMin", "compressMBpsMax", "compressMBpsP10", "compressMBpsP90",
        "decompressMBps", "decompressMBpsMin", "decompressMBpsMax", "decompressMBpsP10", "decompressMBpsP90",
        "compressMessagesPerSecond", "decompressMessagesPerSecond",
        "compressLatencyP50Microseconds", "compressLatencyP90Microseconds", "compressLatencyP99Microseconds", "compressLatencyMaxMicroseconds",
        "decompressLatencyP50Microseconds", "decompressLatencyP90Microseconds", "decompressLatencyP99Microseconds", "decompressLatencyMaxMicroseconds",
        "memoryBytesPerConnection", "libraryMemoryBytesPerConnection", "peakMemoryBytesPerConnection",
        "allocationsPerMessage", "compressAllocationsPerMessage", "decompressAllocationsPerMessage",
        "minCompressSize", "rawWhenLarger", "rawMessages",
        "implementation", "compressVersusC", "decompressVersusC", "complete",
    ]

    /// The report as CSV. Absent values (a parameter that does not apply, allocations that
    /// could not be counted) are empty fields. Each row's C references (`--reference`) and Swift
    /// peers (`--peer`) follow it as lines of their own: the same spec and corpus,
    /// `implementation` naming the implementation, and the figures it has (bytes, ratio,
    /// throughput, allocations).
    /// - Returns: The CSV text, lines ending in `\n`.
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for row in rows {
            let p = row.parameters
            let fields: [String] = [
                row.extension, row.label, row.corpus,
                p.windowBits.map(String.init) ?? "", p.memoryLevel.map(String.init) ?? "", p.level.map(String.init) ?? "",
                p.contextTakeover.map { String($0) } ?? "",
                String(row.messages), String(row.rawBytes), String(row.compressedBytes),
                number(row.ratio), number(row.meanMessageRatio), String(row.repetitions),
            ] + spread(row.compressMBps) + spread(row.decompressMBps) + [
                number(row.compressMessagesPerSecond.median), number(row.decompressMessagesPerSecond.median),
            ] + latency(row.compressLatencyMicroseconds) + latency(row.decompressLatencyMicroseconds) + [
                String(row.memoryBytesPerConnection), String(row.libraryMemoryBytesPerConnection), String(row.peakMemoryBytesPerConnection),
                row.allocationsPerMessage.map(number) ?? "",
                row.compressAllocationsPerMessage.map(number) ?? "",
                row.decompressAllocationsPerMessage.map(number) ?? "",
                p.minCompressSize.map(String.init) ?? "", p.rawWhenLarger.map { String($0) } ?? "", row.rawMessages.map(String.init) ?? "",
                "pmce", row.compressVersusC.map { number($0.median) } ?? "", row.decompressVersusC.map { number($0.median) } ?? "",
                String(isComplete),
            ]
            lines.append(fields.map(Self.quoted).joined(separator: ","))
            for reference in row.comparisons {
                let columns = Dictionary(uniqueKeysWithValues: zip(Self.csvColumns, fields))
                var values = ["extension", "label", "corpus", "windowBits", "memoryLevel", "level", "contextTakeover", "messages", "rawBytes"]
                    .reduce(into: [String: String]()) { $0[$1] = columns[$1] }
                values["implementation"] = reference.label
                values["complete"] = String(isComplete)
                values["compressedBytes"] = String(reference.compressedBytes)
                values["ratio"] = number(Double(reference.compressedBytes) / Double(Swift.max(row.rawBytes, 1)))
                values["repetitions"] = String(reference.repetitions)
                for (name, summary) in [("compressMBps", reference.compressMBps), ("decompressMBps", reference.decompressMBps)] {
                    for (suffix, value) in zip(["", "Min", "Max", "P10", "P90"], spread(summary)) { values[name + suffix] = value }
                }
                values["allocationsPerMessage"] = reference.allocationsPerMessage.map(number)
                values["compressAllocationsPerMessage"] = reference.compressAllocationsPerMessage.map(number)
                values["decompressAllocationsPerMessage"] = reference.decompressAllocationsPerMessage.map(number)
                lines.append(Self.csvColumns.map { Self.quoted(values[$0] ?? "") }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func number(_ value: Double) -> String { value.formatted(6) }

    private func spread(_ summary: Summary) -> [String] {
        [summary.median, summary.min, summary.max, summary.p10, summary.p90].map(number)
    }

    private func latency(_ latency: LatencyPercentiles) -> [String] {
        [latency.p50, latency.p90, latency.p99, latency.max].map(number)
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
