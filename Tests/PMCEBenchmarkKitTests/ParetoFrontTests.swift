import Testing
@testable import PMCEBenchmarkKit

struct ParetoFrontTests {
    let rows = SampleReport.report.rows(for: "chat <json>")

    @Test func frontKeepsOnlyUndominatedRowsBestRatioFirst() {
        let front = ParetoFront(rows)
        // deflate w15 (0.20, 30), w9 (0.35, 35), snappy (0.50, 400) are undominated;
        // no-takeover (0.60, 20) is beaten by all three on both axes.
        #expect(front.rows.map(\.label) == ["deflate w15 m8 takeover", "deflate w9 m1 takeover", "snappy takeover"])
    }

    @Test func equalRowsDoNotDominateEachOther() {
        let a = SampleReport.row(.testDeflate(), corpus: "c", ratio: 0.3, speed: 10, memory: 1000)
        let b = SampleReport.row(.bzip2(), corpus: "c", ratio: 0.3, speed: 10, memory: 1000)
        #expect(!ParetoFront.dominates(a, b))
        #expect(ParetoFront([a, b]).rows.count == 2)
    }

    @Test func recommendationDropsRowsWhosePeakExceedsTheBudget() {
        let advice = Recommendation(report: SampleReport.report, corpus: "chat <json>", memoryBudgetBytes: 100_000)
        #expect(advice.choices.map(\.label) == ["deflate w9 m1 takeover", "snappy takeover"])
        #expect(Set(advice.overBudget.map(\.label)) == ["deflate w15 m8 takeover", "deflate w15 m8 no-takeover"])
        #expect(advice.summary.contains("deflate w9 m1 takeover"))
        #expect(advice.summary.contains("over budget"))
    }

    @Test func recommendationSaysWhenNothingFits() {
        let advice = Recommendation(report: SampleReport.report, corpus: "noise", memoryBudgetBytes: 1000)
        #expect(advice.choices.isEmpty)
        #expect(advice.summary.contains("nothing fits"))
    }

    @Test(arguments: [("65536", 65536), ("64KiB", 65536), ("64k", 65536), ("1.5MiB", 1_572_864), ("2 MB", 2_097_152), ("100b", 100)])
    func byteCountsParseWithBinarySuffixes(text: String, bytes: Int) throws {
        #expect(try Recommendation.parseByteCount(text, name: "--memory-budget") == bytes)
    }

    @Test(arguments: ["", "-1", "lots", "12XB"])
    func malformedByteCountsAreRejected(text: String) {
        #expect(throws: BenchmarkError.self) { try Recommendation.parseByteCount(text, name: "--memory-budget") }
    }
}
