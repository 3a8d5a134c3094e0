extension Recommendation {
    /// How much larger than the front's smallest output the chosen configuration's output may
    /// be: 5 %. See ``chosen``.
    public static let outputTolerance = 0.05

    /// The one configuration to ship: of the Pareto-optimal choices that shrink the corpus
    /// (ratio below 1), the fastest whose output is at most ``outputTolerance`` (5 %) larger
    /// than the smallest output on the front.
    ///
    /// Bytes on the wire are what compression is for, so the smallest output wins unless a
    /// faster choice comes within 5 % of it; a choice that does not shrink the corpus saves
    /// nothing and is never chosen. The front is ordered by ratio, so this is the last row
    /// within the tolerance. In a `--ratio-only` report, whose front weighs memory instead of
    /// speed, the same rule picks the least memory per connection. Memory otherwise enters
    /// through the budget (`--memory-budget`): rows over it are not on the front.
    ///
    /// `nil` when nothing fits the budget or nothing shrinks the corpus.
    public var chosen: BenchmarkResult? {
        guard let index = chosenIndex else { return nil }
        return choices[index]
    }

    /// The choice next to ``chosen`` on the front that ``reason`` weighs it against: the one
    /// before it (smaller output, passed over by the rule), or for the smallest output the one
    /// after it (faster, beyond the tolerance); `nil` when the front has only the chosen row.
    public var runnerUp: BenchmarkResult? {
        guard let index = chosenIndex else { return nil }
        if index > 0 { return choices[index - 1] }
        return index + 1 < choices.count ? choices[index + 1] : nil
    }

    /// The index of ``chosen`` in ``choices``.
    private var chosenIndex: Int? {
        guard let smallest = choices.first, smallest.ratio < 1 else { return nil }
        let limit = smallest.ratio * (1 + Self.outputTolerance)
        return choices.lastIndex { $0.ratio <= limit && $0.ratio < 1 }
    }

    /// Whether the front was weighed on speed (not a `--ratio-only` report).
    private var weighsSpeed: Bool { choices.allSatisfy(\.compressMBps.isMeasured) }

    /// The rule, as it applied here: one sentence naming the chosen row.
    public var rule: String? {
        guard let chosen, let smallest = choices.first else { return nil }
        let tolerance = "\((Self.outputTolerance * 100).formatted(0)) %"
        if chosen == smallest {
            let faster = weighsSpeed ? "faster" : "smaller per connection"
            return "Choose \(chosen.label): the smallest output, and no \(faster) choice comes within \(tolerance) of it."
        }
        let best = weighsSpeed ? "the fastest" : "the least memory of the"
        return "Choose \(chosen.label): \(best) choices whose output is within \(tolerance) of the smallest (\(smallest.label))."
    }

    /// Why ``chosen`` over ``runnerUp``, such as "Over deflate w15 m8 takeover (next on the
    /// front): 2.1 % larger output, 40.0 % faster compression and 6.2× less memory per connection."
    public var reason: String? {
        guard let chosen else { return nil }
        guard let other = runnerUp else {
            return "It is the only Pareto-optimal choice\(memoryBudgetBytes == nil ? "" : " within the budget")."
        }
        var parts = [Self.change(chosen.ratio, from: other.ratio, percentOnly: true, more: "larger output", less: "smaller output", same: "the same output")]
        if chosen.compressMBps.isMeasured && other.compressMBps.isMeasured {
            let noise = max(chosen.compressMBps.relativeSpreadPercent, other.compressMBps.relativeSpreadPercent)
            let speed = chosen.compressMBps.median / other.compressMBps.median
            parts.append(
                abs(speed - 1) * 100 <= noise
                    ? "the same compression speed within the run's noise (±\(noise.formatted(0)) %)"
                    : Self.change(speed, from: 1, more: "faster compression", less: "slower compression", same: "the same compression speed"))
        }
        parts.append(
            Self.change(
                Double(chosen.peakMemoryBytesPerConnection), from: Double(other.peakMemoryBytesPerConnection),
                more: "more memory per connection", less: "less memory per connection", same: "the same memory per connection"))
        let list = parts.count == 3 ? "\(parts[0]), \(parts[1]) and \(parts[2])" : parts.joined(separator: " and ")
        return "Over \(other.label) (next on the front): \(list)."
    }

    /// A change from `old` to `new` in words: "2.1 % larger output" or, for a factor of 1.5 or
    /// more (unless `percentOnly`), "6.2× less memory per connection".
    /// - Parameters:
    ///   - new: The chosen row's figure.
    ///   - old: The other row's figure.
    ///   - percentOnly: Whether to give the change in percent however large.
    ///   - more: The words for a bigger figure.
    ///   - less: The words for a smaller figure.
    ///   - same: The words for an equal figure (to the digits shown).
    /// - Returns: The phrase.
    static func change(_ new: Double, from old: Double, percentOnly: Bool = false, more: String, less: String, same: String) -> String {
        guard new > 0, old > 0 else { return same }
        let factor = max(new, old) / min(new, old)
        let words = new > old ? more : less
        if factor >= 1.5 && !percentOnly { return "\(factor.formatted(1))× \(words)" }
        let percent = abs(new / old - 1) * 100
        return percent.formatted(1) == "0.0" ? same : "\(percent.formatted(1)) % \(words)"
    }
}
