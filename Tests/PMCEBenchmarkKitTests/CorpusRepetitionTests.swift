import PMCEBenchmarkKit
import Testing

/// `Corpus.repetitionPeriod`: which corpora repeat a run of messages end to end.
struct CorpusRepetitionTests {
    private let a = Array("alpha".utf8), b = Array("beta".utf8), c = Array("gamma".utf8)

    private func corpus(_ messages: [[UInt8]]) -> Corpus { Corpus(name: "test", messages: messages) }

    @Test func aRunRepeatedWholeHasItsLengthAsPeriod() {
        #expect(corpus([a, b, c, a, b, c, a, b, c]).repetitionPeriod == 3)
    }

    @Test func theLastCopyMayBeCutShort() {
        #expect(corpus([a, b, c, a, b, c, a]).repetitionPeriod == 3)
    }

    @Test func oneMessageOverAndOverHasPeriodOne() {
        #expect(corpus(Array(repeating: a, count: 5)).repetitionPeriod == 1)
    }

    @Test func lessThanTwoCopiesIsNotARepetition() {
        #expect(corpus([a, b, c, a, b]).repetitionPeriod == nil)
        #expect(corpus([a]).repetitionPeriod == nil)
        #expect(corpus([]).repetitionPeriod == nil)
    }

    @Test func recurringMessagesInDistinctTrafficAreNotARepetition() {
        // A heartbeat between distinct messages, and a run that breaks off partway.
        #expect(corpus([a, b, a, c, a, b, a, c, a, b, b]).repetitionPeriod == nil)
        #expect(corpus([a, b, a, b, a, c]).repetitionPeriod == nil)
    }

    @Test func theShortestPeriodIsReported() {
        #expect(corpus([a, b, a, b, a, b, a, b]).repetitionPeriod == 2)
    }
}
