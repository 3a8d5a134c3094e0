/// Identifies a row across two runs of the same matrix: extension, parameters and corpus.
public struct RegressionRowKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The registered extension name, such as `permessage-deflate`.
    public var `extension`: String
    /// The spec's label, such as `deflate w15 m8 takeover` (extension and parameters).
    public var label: String
    /// The parameters.
    public var parameters: CodecSpec.Parameters
    /// The corpus's name.
    public var corpus: String

    /// The key of a row.
    /// - Parameter row: A report row.
    public init(_ row: BenchmarkResult) {
        self.extension = row.extension
        self.label = row.label
        self.parameters = row.parameters
        self.corpus = row.corpus
    }

    /// The key of an extension's rows taken together (speed ÷ C is gated that way).
    /// - Parameters:
    ///   - name: The registered extension name.
    ///   - rows: How many rows were taken together.
    public init(aggregateOf name: String, rows: Int) {
        self.extension = name
        self.label = "\(CompressionExtension(extensionName: name)?.rawValue ?? name), \(rows) rows"
        self.parameters = .init()
        self.corpus = "geometric mean"
    }

    /// The key of a wire benchmark row: its server (implementation, extension, parameters), its
    /// corpus and its connections.
    /// - Parameter row: A wire report row.
    public init(_ row: WireResult) {
        let connections = "\(row.connections) conn" + (row.idleConnections > 0 ? " + \(row.idleConnections) idle" : "")
        self.extension = "\(row.implementation) \(row.extension ?? "")"
        self.label = row.label
        self.parameters = row.parameters ?? .init()
        self.corpus = "\(row.corpus), \(connections)"
    }

    /// `deflate w15 m8 takeover · chat-json`.
    public var description: String { "\(label) · \(corpus)" }

    /// Orders by corpus, then label.
    public static func < (lhs: RegressionRowKey, rhs: RegressionRowKey) -> Bool {
        (lhs.corpus, lhs.label) < (rhs.corpus, rhs.label)
    }

    /// Matching ignores the label (it is derived from the parameters).
    public static func == (lhs: RegressionRowKey, rhs: RegressionRowKey) -> Bool {
        lhs.extension == rhs.extension && lhs.parameters == rhs.parameters && lhs.corpus == rhs.corpus
    }

    /// Hashes what ``==`` compares.
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.extension)
        hasher.combine(parameters)
        hasher.combine(corpus)
    }
}

/// One figure that moved beyond its tolerance between two runs.
public struct RegressionFinding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Whether the figure got worse or better.
    public enum Verdict: String, Hashable, Sendable, Codable {
        /// Worse by more than the tolerance: the check fails.
        case regression
        /// Better by more than the tolerance: reported, never a failure.
        case improvement
    }

    /// The row.
    public var row: RegressionRowKey
    /// The figure.
    public var metric: RegressionMetric
    /// Its value in the old (baseline) run; the median for throughput.
    public var old: Double
    /// Its value in the new run; the median for throughput.
    public var new: Double
    /// Worse or better.
    public var verdict: Verdict
    /// For throughput, the bands compared: `old p10–p90 80.1–85.3, new 60.2–66.0`.
    public var detail: String?

    /// Creates a finding.
    /// - Parameters:
    ///   - row: The row.
    ///   - metric: The figure.
    ///   - old: The old value.
    ///   - new: The new value.
    ///   - verdict: Worse or better.
    ///   - detail: What was compared, when more than the two values.
    public init(row: RegressionRowKey, metric: RegressionMetric, old: Double, new: Double, verdict: Verdict, detail: String? = nil) {
        self.row = row
        self.metric = metric
        self.old = old
        self.new = new
        self.verdict = verdict
        self.detail = detail
    }

    /// The relative change `new / old − 1` in percent; `nil` when the old value is 0.
    public var changePercent: Double? {
        old != 0 ? (new / old - 1) * 100 : nil
    }

    /// The change as text: `+12.7 %`, `−3.0 %`, or `+0.50` (absolute) when the old value is 0.
    public var changeText: String {
        if let percent = changePercent {
            return (percent >= 0 ? "+" : "−") + Swift.abs(percent).formatted(percent.magnitude < 1 ? 2 : 1) + " %"
        }
        let delta = new - old
        return (delta >= 0 ? "+" : "−") + Swift.abs(delta).formatted(2)
    }

    /// `deflate w15 m8 takeover · chat-json · ratio: 0.1712 → 0.1930 (+12.7 %)`.
    public var description: String {
        "\(row) · \(metric): \(metric.format(old)) → \(metric.format(new)) (\(changeText))" + (detail.map { "; \($0)" } ?? "")
    }
}
