@testable import PMCEBenchmarkKit
import Testing

struct SplitMix64Tests {
    @Test func seedZeroYieldsTheReferenceSequence() {
        // The published SplitMix64 outputs for seed 0 (Vigna's splitmix64.c).
        var random = SplitMix64(seed: 0)
        #expect([random.next(), random.next(), random.next()] == [0xe220_a839_7b1d_cdaf, 0x6e78_9e6a_a1b9_65f4, 0x06c4_5d18_8009_454f])
    }

    @Test func belowStaysInRangeAndReachesEveryValue() {
        var random = SplitMix64(seed: 42)
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test func weightTableDrawsInProportionToWeights() {
        var random = SplitMix64(seed: 7)
        let table = WeightTable(weights: [1, 0, 3])   // a zero weight counts as 1
        var counts = [0, 0, 0]
        for _ in 0..<5000 { counts[random.index(weightedBy: table)] += 1 }
        #expect(counts[2] > counts[0] * 2)
        #expect(counts[1] > 0)
    }

    @Test func civilTimeConvertsUnixMillisecondsToUTCDates() {
        var text = TextBuilder()
        text.appendISO8601(milliseconds: 0)
        text.append(" ")
        text.appendISO8601(milliseconds: 951_782_400_000 + 45_296_789)   // 2000-02-29 12:34:56.789
        text.append(" ")
        text.appendISO8601(milliseconds: 1_764_032_400_000)
        #expect(String(decoding: text.bytes, as: UTF8.self) == "1970-01-01T00:00:00.000Z 2000-02-29T12:34:56.789Z 2025-11-25T01:00:00.000Z")
    }

    @Test func textBuilderFormatsFixedPointAndJSONStrings() {
        var text = TextBuilder()
        text.append(scaled: 1234, decimals: 2)
        text.append(" ")
        text.append(scaled: -5, decimals: 2)
        text.append(" ")
        text.append(scaled: 7, decimals: 0)
        text.append(" ")
        text.appendJSONString("say \"hi\"\\\n\u{1}")
        #expect(String(decoding: text.bytes, as: UTF8.self) == #"12.34 -0.05 7 "say \"hi\"\\\n\u0001""#)
    }
}
