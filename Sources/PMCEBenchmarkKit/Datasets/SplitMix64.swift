/// The seeded random number generator behind every shipped dataset: SplitMix64, as in
/// swift-argument-parser's `Examples/roll/SplitMix64.swift`.
///
/// It deliberately does not conform to `RandomNumberGenerator`: the standard library's
/// `Int.random(in:using:)` and `shuffled(using:)` may change their algorithms between Swift
/// releases, which would change the shipped files. Every draw goes through the helpers below,
/// which use integer arithmetic only, so a seed yields the same bytes on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z &>> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method, no modulo bias).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let (high, low) = next().multipliedFullWidth(by: range)
            if low >= threshold { return Int(high) }
        }
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `numerator / denominator`.
    mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        below(denominator) < numerator
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func element<Element>(of array: [Element]) -> Element {
        array[below(array.count)]
    }

    /// An index drawn with the probabilities of the weights table.
    mutating func index(weightedBy table: WeightTable) -> Int {
        table.index(for: below(table.total))
    }

    /// A value near `center`, roughly bell-shaped, within `center ± spread`
    /// (the mean of four uniform draws, so the tails are thin as in real measurements).
    mutating func bell(center: Int, spread: Int) -> Int {
        var sum = 0
        for _ in 0..<4 { sum += int(in: -spread...spread) }
        return center + sum / 4
    }

    /// A size between `minimum` and `maximum` skewed towards small values, as message sizes are:
    /// the smallest of three uniform draws (so the density falls off quadratically), with one draw
    /// in twenty moved halfway to `maximum` to give the long tail of occasional large messages.
    mutating func skewedSize(minimum: Int, maximum: Int) -> Int {
        let a = int(in: minimum...maximum)
        let b = int(in: minimum...maximum)
        let c = int(in: minimum...maximum)
        return Swift.min(a, b, c) + (chance(1, in: 20) ? (maximum - Swift.min(a, b, c)) / 2 : 0)
    }

    /// A fresh generator whose stream does not overlap this one's in practice, for a sub-task.
    mutating func fork() -> SplitMix64 {
        SplitMix64(seed: next())
    }
}

/// Cumulative integer weights for ``SplitMix64/index(weightedBy:)``.
struct WeightTable {
    private let cumulative: [Int]

    /// Creates a table from explicit weights (each at least 1).
    init(weights: [Int]) {
        var running = 0
        cumulative = weights.map { weight in
            running += Swift.max(1, weight)
            return running
        }
    }

    /// A Zipf-like table for `count` items in rank order: item `r` weighs about `1 / (r + offset)`,
    /// the shape word and name frequencies follow.
    static func zipf(count: Int, offset: Int = 2) -> WeightTable {
        WeightTable(weights: (0..<count).map { 1_000_000 / ($0 + offset) })
    }

    var total: Int { cumulative.last ?? 0 }

    func index(for value: Int) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > value { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
