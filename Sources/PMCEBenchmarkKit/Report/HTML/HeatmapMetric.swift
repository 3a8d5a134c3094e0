/// A figure the HTML page draws as a heatmap over window bits × memory level.
enum HeatmapMetric: CaseIterable {
    /// `compressedBytes / rawBytes`; smaller is better.
    case ratio
    /// Steady-state bytes per connection; smaller is better.
    case memory
    /// Median compression MB/s; bigger is better.
    case compressThroughput

    /// The heading over the metric's maps.
    var title: String {
        switch self {
        case .ratio: "ratio (compressed / raw), smaller is better"
        case .memory: "memory per connection (compressor + decompressor), smaller is better"
        case .compressThroughput: "compress MB/s (median), bigger is better"
        }
    }

    /// The short name in each map's title.
    var shortName: String {
        switch self {
        case .ratio: "ratio"
        case .memory: "memory/conn"
        case .compressThroughput: "compress MB/s"
        }
    }

    /// Whether smaller values are better.
    var lowerIsBetter: Bool { self != .compressThroughput }

    /// Whether the colour scale is logarithmic (memory spans tens of kilobytes to megabytes).
    var logarithmic: Bool { self == .memory }

    /// A row's value, or `nil` when it was not measured (throughput in a `--ratio-only` run).
    /// - Parameter row: The row.
    /// - Returns: The value.
    func value(_ row: BenchmarkResult) -> Double? {
        switch self {
        case .ratio: row.ratio
        case .memory: Double(row.memoryBytesPerConnection)
        case .compressThroughput: row.compressMBps.isMeasured ? row.compressMBps.median : nil
        }
    }

    /// A value as printed in its cell: short enough for the cell's width.
    /// - Parameter value: The value.
    /// - Returns: `0.282`, `429 KiB`, `25.5`.
    func text(_ value: Double) -> String {
        switch self {
        case .ratio:
            return value.formatted(3)
        case .memory:
            if value < 1024 { return "\(value.formatted(0)) B" }
            if value < 10 * 1024 { return "\((value / 1024).formatted(1)) KiB" }
            if value < 1_048_576 { return "\((value / 1024).formatted(0)) KiB" }
            return "\((value / 1_048_576).formatted(2)) MiB"
        case .compressThroughput:
            return value.formatted(value >= 100 ? 0 : 1)
        }
    }
}
