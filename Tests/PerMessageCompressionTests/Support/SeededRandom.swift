/// A seeded random number generator (SplitMix64), so every generated test input can be
/// reproduced from the seed a failing test prints.
///
/// The same algorithm as swift-argument-parser's `Examples/roll/SplitMix64.swift`.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator; the same seed always yields the same sequence.
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` uniformly random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(count)
        while result.count < count {
            var word = next()
            for _ in 0..<Swift.min(8, count - result.count) {
                result.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return result
    }

    /// Sizes of random pieces that add up to `total`: between 1 and `maximumPieces` pieces,
    /// some of them possibly empty, as frames of a fragmented message may be.
    mutating func pieceSizes(total: Int, maximumPieces: Int = 8) -> [Int] {
        let pieceCount = Int.random(in: 1...maximumPieces, using: &self)
        var cuts = (0..<(pieceCount - 1)).map { _ in Int.random(in: 0...total, using: &self) }
        cuts.sort()
        var sizes: [Int] = []
        var previous = 0
        for cut in cuts {
            sizes.append(cut - previous)
            previous = cut
        }
        sizes.append(total - previous)
        return sizes
    }
}
