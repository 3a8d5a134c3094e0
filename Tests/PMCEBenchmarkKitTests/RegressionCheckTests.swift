import Testing
import PMCEBenchmarkKit

/// The regression gate of `pmce compare` and `pmce bench --baseline`.
///
/// The first tests run real codecs over a small seeded corpus: a deliberately worse
/// configuration (deflate level 1 reported under the default's parameters, as a code change
/// that silently lowered the level would) must fail the check, and the real configuration
/// compared with a second run of itself must pass. Those rows carry real compressed sizes and
/// real memory per connection, the exact figures the check gates on. They are made without
/// ``Measurer``, which would only add timing and allocation counting that these tests do not use.
/// The allocation and throughput rules are tested with fixed figures: no test depends on timing.
/// (`.ci/regression-check` exercises the whole path, `pmce bench --baseline`, on every CI run.)
struct RegressionCheckTests {
    // MARK: Real measurements

    @Test func lowerDeflateLevelUnderTheDefaultLabelIsARatioRegression() throws {
        let baseline = try measuredReport(.testDeflate())
        let worse = try measuredReport(.testDeflate(level: 1), reportedAs: .testDeflate())
        try #require(worse.rows[0].ratio > baseline.rows[0].ratio, "level 1 should compress this corpus worse than the default")

        let check = RegressionCheck(baseline: baseline, current: worse, tolerances: RegressionTolerances(checksThroughput: false))

        #expect(!check.passed)
        let ratio = try #require(check.regressions.first { $0.metric == .ratio })
        #expect(ratio.row.label == CodecSpec.testDeflate().label)
        #expect(ratio.row.corpus == "regression-sample")
        #expect(ratio.old == baseline.rows[0].ratio)
        #expect(ratio.new == worse.rows[0].ratio)
    }

    @Test func realConfigurationComparedWithASecondRunOfItselfPasses() throws {
        let first = try measuredReport(.testDeflate())
        let second = try measuredReport(.testDeflate())

        let check = RegressionCheck(baseline: first, current: second, tolerances: RegressionTolerances(checksThroughput: false))

        #expect(check.passed, "\(check.text())")
        #expect(check.findings.isEmpty)
        #expect(check.comparedRows == 1)
    }

    @Test func betterConfigurationIsAnImprovementNotAFailure() throws {
        let baseline = try measuredReport(.testDeflate(level: 1), reportedAs: .testDeflate())
        let better = try measuredReport(.testDeflate())

        let check = RegressionCheck(baseline: baseline, current: better, tolerances: RegressionTolerances(checksThroughput: false))

        #expect(check.passed)
        #expect(check.regressions.isEmpty)
        #expect(check.improvements.contains { $0.metric == .ratio })
    }

    @Test func reportSurvivesAJSONRoundTripWithoutFindings() throws {
        let report = try measuredReport(.testDeflate(windowBits: 9, memoryLevel: 1))
        let reread = try BenchReport.decode(try report.jsonData())

        let check = RegressionCheck(baseline: report, current: reread)

        #expect(check.passed)
        #expect(check.findings.isEmpty, "a report compared with its own JSON, throughput included, has nothing to report")
    }

    // MARK: Fixed figures

    @Test func ratioWithinToleranceIsNotFlagged() {
        let old = row(compressedBytes: 100_000)
        let new = row(compressedBytes: 100_050)   // +0.05 %, under the default 0.1 %

        #expect(compare(old, new).findings.isEmpty)
        #expect(!compare(old, new, RegressionTolerances(ratioPercent: 0.01)).passed)
    }

    @Test func throughputNoiseWithinTheSpreadsIsNotFlagged() {
        let old = row(compressMBps: band(median: 100, p10: 80, p90: 120))
        let noisy = row(compressMBps: band(median: 85, p10: 70, p90: 100))   // median −15 %, bands overlap

        let check = compare(old, noisy)

        #expect(check.passed)
        #expect(check.findings.isEmpty)
    }

    @Test func throughputDropBeyondBothSpreadsIsFlagged() throws {
        let old = row(compressMBps: band(median: 100, p10: 80, p90: 120))
        let slower = row(compressMBps: band(median: 60, p10: 55, p90: 65))   // p90 65 < p10 80 × 0.9

        let check = compare(old, slower)

        #expect(!check.passed)
        let finding = try #require(check.regressions.first)
        #expect(finding.metric == .compressThroughput)
        #expect(finding.old == 100)
        #expect(finding.new == 60)
        #expect(finding.changeText == "−40.0 %")
    }

    @Test func speedVersusCDropBeyondTheToleranceIsFlaggedEvenWithNoThroughput() throws {
        var old = row()
        old.compressVersusC = band(median: 0.97, p10: 0.95, p90: 0.99)
        old.decompressVersusC = band(median: 0.90, p10: 0.88, p90: 0.92)
        var slower = old
        slower.decompressVersusC = band(median: 0.81, p10: 0.79, p90: 0.83)   // −10 %
        var noisy = old
        noisy.compressVersusC = band(median: 0.94, p10: 0.92, p90: 0.96)      // −3 %, within 5 %

        let caught = compare(old, slower, RegressionTolerances(checksThroughput: false))
        let passed = compare(old, noisy, RegressionTolerances(checksThroughput: false))

        #expect(!caught.passed)
        let finding = try #require(caught.regressions.first)
        #expect(finding.metric == .decompressVersusC)
        #expect(finding.old == 0.90)
        #expect(finding.new == 0.81)
        #expect(passed.passed)
        #expect(passed.findings.isEmpty)
        #expect(passed.notes.contains { $0.contains("speed ÷ C compared for 1 row") })
    }

    @Test func speedVersusCIsGatedPerExtensionOverItsRowsNotPerRow() throws {
        func versus(_ spec: CodecSpec, _ compress: Double) -> BenchmarkResult {
            var result = row(spec: spec)
            result.compressVersusC = band(median: compress, p10: compress, p90: compress)
            result.decompressVersusC = band(median: 0.9, p10: 0.9, p90: 0.9)
            return result
        }
        let specs = [CodecSpec.testDeflate(), .testDeflate(contextTakeover: false)]
        let old = specs.map { versus($0, 0.95) }
        // One row 12 % slower, the other 12 % faster: a disturbed run, not a slower codec.
        let mixed = [versus(specs[0], 0.95 * 0.88), versus(specs[1], 0.95 * 1.12)]
        let slower = specs.map { versus($0, 0.95 * 0.9) }

        let passed = RegressionCheck(baseline: report(old), current: report(mixed))
        let caught = RegressionCheck(baseline: report(old), current: report(slower))

        #expect(passed.passed, "\(passed.findings)")
        #expect(!caught.passed)
        let finding = try #require(caught.regressions.first)
        #expect(finding.metric == .compressVersusC)
        #expect(finding.row.label == "deflate, 2 rows")
        #expect(abs(finding.new - 0.855) < 1e-9)
    }

    @Test func speedVersusCIsComparedOnlyWhenBothRunsMeasuredIt() {
        var old = row()
        old.compressVersusC = band(median: 0.97, p10: 0.95, p90: 0.99)
        let without = row()

        let check = compare(old, without)

        #expect(check.passed)
        #expect(!check.notes.contains { $0.contains("÷ C") })
    }

    @Test func throughputIsIgnoredWithNoThroughput() {
        let old = row(compressMBps: band(median: 100, p10: 80, p90: 120))
        let slower = row(compressMBps: band(median: 10, p10: 9, p90: 11))

        #expect(compare(old, slower, RegressionTolerances(checksThroughput: false)).passed)
    }

    @Test func throughputGainBeyondBothSpreadsIsAnImprovement() {
        let old = row(decompressMBps: band(median: 100, p10: 95, p90: 105))
        let faster = row(decompressMBps: band(median: 150, p10: 140, p90: 160))

        let check = compare(old, faster)

        #expect(check.passed)
        #expect(check.improvements.map(\.metric) == [.decompressThroughput])
    }

    @Test func oneMoreAllocationPerMessageIsFlagged() throws {
        let old = row(compressAllocations: 0, decompressAllocations: 0)
        let new = row(compressAllocations: 1, decompressAllocations: 0)

        let check = compare(old, new)

        #expect(!check.passed)
        #expect(check.regressions.map(\.metric) == [.compressAllocationsPerMessage])
        #expect(check.regressions.first?.changeText == "+1.00")
    }

    @Test func allocationsUncountedInOneRunAreNotedNotFailed() {
        let old = row(compressAllocations: 0, decompressAllocations: 0)
        let new = row(compressAllocations: nil, decompressAllocations: nil)

        let check = compare(old, new)

        #expect(check.passed)
        #expect(check.notes.contains { $0.contains("allocations not compared") })
    }

    @Test func moreMemoryPerConnectionIsFlagged() {
        let old = row(libraryBytes: 300_000)
        let new = row(libraryBytes: 300_001)

        #expect(compare(old, new).regressions.map(\.metric) == [.memoryBytesPerConnection])
    }

    @Test func rowMissingFromTheNewRunFailsAndANewRowDoesNot() {
        let deflate = row(spec: .testDeflate())
        let snappy = row(spec: .snappy())
        let bzip2 = row(spec: .bzip2())

        let shrunk = RegressionCheck(baseline: report([deflate, snappy]), current: report([deflate]))
        let grown = RegressionCheck(baseline: report([deflate]), current: report([deflate, bzip2]))

        #expect(!shrunk.passed)
        #expect(shrunk.missingRows.map(\.label) == [CodecSpec.snappy().label])
        #expect(grown.passed)
        #expect(grown.addedRows.map(\.label) == [CodecSpec.bzip2().label])
    }

    @Test func changedCorpusCannotBeComparedAndFails() {
        let old = row(rawBytes: 500_000, compressedBytes: 100_000)
        let new = row(rawBytes: 600_000, compressedBytes: 100_000)   // a better ratio, but of other data

        let check = compare(old, new)

        #expect(!check.passed)
        #expect(check.findings.isEmpty)
        #expect(check.corpusMismatches.count == 1)
    }

    @Test func textAndMarkdownNameEachRegressedRowWithOldNewAndChange() {
        let old = row(spec: .testDeflate(windowBits: 12, memoryLevel: 5), compressedBytes: 100_000)
        let new = row(spec: .testDeflate(windowBits: 12, memoryLevel: 5), compressedBytes: 110_000)

        let check = compare(old, new)
        let text = check.text()
        let markdown = check.markdown()

        for output in [text, markdown] {
            #expect(output.contains("deflate w12 m5 takeover"))
            #expect(output.contains("regression-sample"))
            #expect(output.contains("ratio"))
            #expect(output.contains("0.2000"))
            #expect(output.contains("0.2200"))
            #expect(output.contains("+10.0 %"))
        }
        #expect(text.hasSuffix("FAILED: 1 regression\n"))
        #expect(markdown.hasPrefix("### ❌ pmce regression check"))
        #expect(markdown.contains("| deflate w12 m5 takeover | regression-sample | `ratio` | 0.2000 | 0.2200 | **+10.0 %** |"))
    }

    @Test func negativeOrNonFiniteTolerancesAreRejected() {
        #expect(throws: BenchmarkError.self) { try RegressionTolerances(ratioPercent: -1).validate() }
        #expect(throws: BenchmarkError.self) { try RegressionTolerances(throughputPercent: 100).validate() }
        #expect(throws: BenchmarkError.self) { try RegressionTolerances(memoryPercent: .nan).validate() }
        #expect(throws: Never.self) { try RegressionTolerances().validate() }
    }
}

// MARK: - Helpers

/// A seeded corpus of chat-like JSON messages, so deflate's level makes a difference.
private let sampleCorpus: Corpus = {
    var state: UInt64 = 0x5EED
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
    let users = ["ana", "bo", "chen", "dana", "eli"]
    let words = ["ok", "see you", "build is green", "merged", "lunch?", "deploying", "rollback", "thanks"]
    let messages = (0..<300).map { index -> [UInt8] in
        let text = (0...(next() % 5)).map { _ in words[Int(next() % UInt64(words.count))] }.joined(separator: " ")
        let json = #"{"type":"message","id":\#(1000 + index),"user":"\#(users[Int(next() % 5)])","ts":\#(1_700_000_000 + Int(next() % 100_000)),"text":"\#(text)"}"#
        return Array(json.utf8)
    }
    return Corpus(name: "regression-sample", messages: messages)
}()

/// Compresses the sample corpus on one connection with `spec`'s real codec, checks every message
/// round-trips, and reports the row (real compressed bytes and memory; fixed timings and
/// allocation counts) under `reportedAs`' parameters.
private func measuredReport(_ spec: CodecSpec, reportedAs label: CodecSpec? = nil) throws -> BenchReport {
    let (sender, receiver) = spec.makeCodecPair()
    var compressedBytes = 0
    for message in sampleCorpus.messages {
        let payload = try sender.compressMessage(message)
        compressedBytes += payload.count
        #expect(try receiver.decompressMessage(payload) == message)
    }
    let result = BenchmarkResult(
        spec: label ?? spec, corpus: sampleCorpus.name, messages: sampleCorpus.messages.count, rawBytes: sampleCorpus.rawBytes,
        compressedBytes: compressedBytes, meanMessageRatio: 0, compressNanoseconds: [1_000_000], decompressNanoseconds: [1_000_000],
        compressLatency: LatencyPercentiles(p50: 1, p90: 1, p99: 1, max: 1), decompressLatency: LatencyPercentiles(p50: 1, p90: 1, p99: 1, max: 1),
        memory: sender.memory, peakMemoryBytes: sender.memory.totalBytes, compressAllocations: 0, decompressAllocations: 0)
    return report([result])
}

private func report(_ rows: [BenchmarkResult]) -> BenchReport {
    BenchReport(settings: .quick, durationSeconds: 0, rows: rows)
}

private func band(median: Double, p10: Double, p90: Double) -> Summary {
    Summary(median: median, min: p10 - 1, max: p90 + 1, p10: p10, p90: p90, samples: 10)
}

/// A row with fixed figures: 1000 messages, 500 000 raw bytes, ratio 0.2 unless told otherwise.
private func row(
    spec: CodecSpec = .testDeflate(), rawBytes: Int = 500_000, compressedBytes: Int = 100_000,
    compressMBps: Summary? = nil, decompressMBps: Summary? = nil,
    compressAllocations: Double? = 0, decompressAllocations: Double? = 0, libraryBytes: Int = 300_000
) -> BenchmarkResult {
    var result = BenchmarkResult(
        spec: spec, corpus: "regression-sample", messages: 1000, rawBytes: rawBytes, compressedBytes: compressedBytes,
        meanMessageRatio: 0.3, compressNanoseconds: [1_000_000], decompressNanoseconds: [1_000_000],
        compressLatency: LatencyPercentiles(p50: 1, p90: 2, p99: 3, max: 4),
        decompressLatency: LatencyPercentiles(p50: 1, p90: 2, p99: 3, max: 4),
        memory: CodecMemory(libraryBytes: libraryBytes, bufferBytes: 1024, libraryAllocations: 4), peakMemoryBytes: 0,
        compressAllocations: compressAllocations, decompressAllocations: decompressAllocations)
    result.compressMBps = compressMBps ?? band(median: 100, p10: 95, p90: 105)
    result.decompressMBps = decompressMBps ?? band(median: 300, p10: 290, p90: 310)
    return result
}

private func compare(_ old: BenchmarkResult, _ new: BenchmarkResult, _ tolerances: RegressionTolerances = .init()) -> RegressionCheck {
    RegressionCheck(baseline: report([old]), current: report([new]), tolerances: tolerances)
}
