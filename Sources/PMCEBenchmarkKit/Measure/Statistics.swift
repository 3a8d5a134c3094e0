/// Order statistics over samples.
///
/// Percentiles interpolate linearly between the two nearest ranks (numpy's default, "type 7"):
/// for sorted samples `x[0...n-1]` the `p`th percentile is at rank `p/100 * (n - 1)`.
public enum Statistics {
    /// The `p`th percentile of samples that are already sorted ascending.
    /// - Parameters:
    ///   - sorted: The samples, sorted ascending; not empty.
    ///   - p: The percentile, 0...100 (clamped).
    /// - Returns: The interpolated value; `nan` for no samples.
    public static func percentile(sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return .nan }
        guard sorted.count > 1 else { return first }
        let rank = min(max(p, 0), 100) / 100 * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = rank - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The median of samples in any order.
    /// - Parameter samples: The samples.
    /// - Returns: The median; `nan` for no samples.
    public static func median(_ samples: [Double]) -> Double {
        percentile(sorted: samples.sorted(), 50)
    }
}

/// The spread of repeated measurements: median, extremes and the 10th/90th percentiles.
public struct Summary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The median.
    public var median: Double
    /// The smallest sample.
    public var min: Double
    /// The largest sample.
    public var max: Double
    /// The 10th percentile.
    public var p10: Double
    /// The 90th percentile.
    public var p90: Double
    /// How many samples.
    public var samples: Int

    /// Summarises samples.
    /// - Parameter samples: The samples, in any order; none gives ``unmeasured``.
    public init(_ samples: [Double]) {
        guard !samples.isEmpty else {
            self = .unmeasured
            return
        }
        let sorted = samples.sorted()
        median = Statistics.percentile(sorted: sorted, 50)
        min = sorted[0]
        max = sorted[sorted.count - 1]
        p10 = Statistics.percentile(sorted: sorted, 10)
        p90 = Statistics.percentile(sorted: sorted, 90)
        self.samples = sorted.count
    }

    /// Creates a summary from its figures.
    /// - Parameters:
    ///   - median: The median.
    ///   - min: The smallest sample.
    ///   - max: The largest sample.
    ///   - p10: The 10th percentile.
    ///   - p90: The 90th percentile.
    ///   - samples: How many samples.
    public init(median: Double, min: Double, max: Double, p10: Double, p90: Double, samples: Int) {
        self.median = median
        self.min = min
        self.max = max
        self.p10 = p10
        self.p90 = p90
        self.samples = samples
    }

    /// No samples (a figure not measured, as speed in a `--ratio-only` run): every figure 0.
    public static let unmeasured = Summary(median: 0, min: 0, max: 0, p10: 0, p90: 0, samples: 0)

    /// Whether any sample was taken.
    public var isMeasured: Bool { samples > 0 }

    /// The half-width of the 10–90 band relative to the median, in percent: a noise figure.
    public var relativeSpreadPercent: Double {
        median > 0 ? (p90 - p10) / 2 / median * 100 : 0
    }

    /// `median [min–max]`.
    public var description: String {
        "\(median.formatted(2)) [\(min.formatted(2))–\(max.formatted(2))]"
    }
}

/// Latency percentiles of per-message times, in microseconds.
public struct LatencyPercentiles: Hashable, Sendable, Codable {
    /// The median message time.
    public var p50: Double
    /// The 90th percentile.
    public var p90: Double
    /// The 99th percentile.
    public var p99: Double
    /// The slowest message.
    public var max: Double

    /// Computes percentiles of samples in nanoseconds and reports them in microseconds.
    /// - Parameter nanoseconds: Per-message times in nanoseconds, in any order; none gives 0 for
    ///   every figure (not measured).
    public init(nanoseconds: [UInt64]) {
        let sorted = nanoseconds.sorted().map { Double($0) / 1000 }
        guard let slowest = sorted.last else {
            self.init(p50: 0, p90: 0, p99: 0, max: 0)
            return
        }
        self.init(
            p50: Statistics.percentile(sorted: sorted, 50), p90: Statistics.percentile(sorted: sorted, 90),
            p99: Statistics.percentile(sorted: sorted, 99), max: slowest)
    }

    /// Creates percentiles from their figures, in microseconds.
    /// - Parameters:
    ///   - p50: The median.
    ///   - p90: The 90th percentile.
    ///   - p99: The 99th percentile.
    ///   - max: The slowest.
    public init(p50: Double, p90: Double, p99: Double, max: Double) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }
}

extension Double {
    /// The value with `digits` decimals, without Foundation.
    package func formatted(_ digits: Int) -> String {
        guard isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (self * scale).rounded()
        let negative = scaled < 0
        let magnitude = Swift.abs(scaled)
        guard magnitude < 9e15 else { return String(self) }
        let integer = Int(magnitude)
        let whole = integer / Int(scale)
        let fraction = integer % Int(scale)
        var text = String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return negative ? "-" + text : text
    }
}
