import Testing
@testable import PMCEBenchmarkKit

struct StatisticsTests {
    @Test func medianOfOddCountIsTheMiddleSample() {
        #expect(Statistics.median([5, 1, 3]) == 3)
    }

    @Test func medianOfEvenCountIsTheMeanOfTheTwoMiddleSamples() {
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func percentileInterpolatesBetweenNearestRanks() {
        let sorted: [Double] = [10, 20, 30, 40, 50]
        #expect(Statistics.percentile(sorted: sorted, 0) == 10)
        #expect(Statistics.percentile(sorted: sorted, 100) == 50)
        #expect(Statistics.percentile(sorted: sorted, 25) == 20)
        // Rank 0.1 * 4 = 0.4: 10 + 0.4 * 10.
        #expect(abs(Statistics.percentile(sorted: sorted, 10) - 14) < 1e-12)
        // Rank 0.99 * 4 = 3.96: 40 + 0.96 * 10.
        #expect(abs(Statistics.percentile(sorted: sorted, 99) - 49.6) < 1e-12)
    }

    @Test func percentileOfOneSampleIsThatSample() {
        #expect(Statistics.percentile(sorted: [7], 90) == 7)
    }

    @Test func percentileOfNoSamplesIsNotANumber() {
        #expect(Statistics.percentile(sorted: [], 50).isNaN)
    }

    @Test func summaryReportsMedianExtremesAndTenNinetyBand() {
        let summary = Summary([9, 1, 5, 3, 7, 2, 8, 4, 6, 10, 0])
        #expect(summary.median == 5)
        #expect(summary.min == 0)
        #expect(summary.max == 10)
        #expect(summary.p10 == 1)
        #expect(summary.p90 == 9)
        #expect(summary.samples == 11)
        #expect(summary.relativeSpreadPercent == 80)
    }

    @Test func latencyPercentilesConvertNanosecondsToMicroseconds() {
        let latency = LatencyPercentiles(nanoseconds: (1...100).map { UInt64($0) * 1000 })
        #expect(abs(latency.p50 - 50.5) < 1e-9)
        #expect(abs(latency.p99 - 99.01) < 1e-9)
        #expect(latency.max == 100)
    }

    @Test(arguments: [(1.5, 2, "1.50"), (0.125, 2, "0.13"), (-2.5, 1, "-2.5"), (1234.0, 0, "1234"), (0.05, 3, "0.050")])
    func doublesFormatWithFixedDecimals(value: Double, digits: Int, expected: String) {
        #expect(value.formatted(digits) == expected)
    }
}
