/// The message-size distribution of a corpus: count, total and percentiles, in bytes.
///
/// ```swift
/// let summary = CorpusSizeSummary(corpus)
/// print(summary.median, summary.p90)
/// ```
public struct CorpusSizeSummary: Sendable, Hashable {
    /// The number of messages.
    public var messages: Int
    /// The sum of the message sizes.
    public var rawBytes: Int
    /// The smallest message.
    public var minimum: Int
    /// The median message size (the lower middle one for an even count).
    public var median: Int
    /// The 90th percentile message size (nearest rank).
    public var p90: Int
    /// The largest message.
    public var maximum: Int

    /// Summarises a corpus's message sizes.
    /// - Parameter corpus: The corpus; an empty one gives all zeros.
    public init(_ corpus: Corpus) {
        let sizes = corpus.messages.map(\.count).sorted()
        messages = sizes.count
        rawBytes = sizes.reduce(0, +)
        func nearestRank(_ percent: Int) -> Int {
            guard !sizes.isEmpty else { return 0 }
            let rank = (percent * sizes.count + 99) / 100   // ceil(percent% of count), 1-based
            return sizes[Swift.max(rank, 1) - 1]
        }
        minimum = sizes.first ?? 0
        median = nearestRank(50)
        p90 = nearestRank(90)
        maximum = sizes.last ?? 0
    }
}
