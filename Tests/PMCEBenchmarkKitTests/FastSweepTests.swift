import PerMessageCompression
import Testing
@testable import PMCEBenchmarkKit

/// `--ratio-only`, untimed work on worker threads, and cells that stop once they have enough.
struct FastSweepTests {
    static let specs = [CodecSpec.testDeflate(), .testDeflate(contextTakeover: false), .testDeflate(windowBits: 9, memoryLevel: 1), .bzip2(level: .max), .snappy()]

    @Test func ratioOnlyRunMeasuresRatioMemoryAndAllocationsExactlyAndTimesNothing() throws {
        let corpora = [TestCorpora.chat, TestCorpora.noise]
        let untimed = try BenchmarkRunner(settings: MeasurementSettings(ratioOnly: true)).run(specs: Self.specs, corpora: corpora)
        let timed = try BenchmarkRunner(settings: .quick).run(specs: Self.specs, corpora: corpora)
        #expect(untimed.rows.map(\.label) == timed.rows.map(\.label))
        for (row, reference) in zip(untimed.rows, timed.rows) {
            #expect(row.corpus == reference.corpus)
            #expect(row.compressedBytes == reference.compressedBytes, "\(row.label)")
            #expect(row.memoryBytesPerConnection == reference.memoryBytesPerConnection, "\(row.label)")
            #expect(row.allocationsPerMessage == reference.allocationsPerMessage, "\(row.label)")
            #expect(row.repetitions == 0)
            #expect(!row.compressMBps.isMeasured && !row.decompressMBps.isMeasured)
            #expect(row.compressLatencyMicroseconds.p50 == 0)
        }
        #expect(try BenchReport.decode(try untimed.jsonData()) == untimed)
    }

    @Test func ratioOnlyTableShowsDashesForSpeedAndSaysSo() throws {
        let report = try BenchmarkRunner(settings: MeasurementSettings(ratioOnly: true)).run(specs: Self.specs, corpora: [TestCorpora.chat])
        let table = report.table()
        #expect(table.contains("ratio, memory and allocations only (--ratio-only)"))
        #expect(table.contains("Pareto-optimal (ratio vs peak memory per connection)"))
        #expect(!table.contains("0.0 ±0.0"))
    }

    @Test func untimedRowsHaveARatioVersusMemoryParetoFront() throws {
        let report = try BenchmarkRunner(settings: MeasurementSettings(ratioOnly: true)).run(specs: Self.specs, corpora: [TestCorpora.chat])
        let front = ParetoFront(report.rows)
        let memories = front.rows.map(\.peakMemoryBytesPerConnection)
        // Best ratio first, and each further choice needs less memory.
        #expect(front.rows.count >= 2)
        #expect(memories == memories.sorted(by: >))
        for row in report.rows where !front.contains(row) {
            #expect(front.rows.contains { $0.ratio <= row.ratio && $0.peakMemoryBytesPerConnection <= row.peakMemoryBytesPerConnection })
        }
    }

    @Test func workerThreadsGiveTheRowsInOrderWithTheFiguresOfASequentialMeasure() throws {
        let report = try BenchmarkRunner(settings: .quick).run(specs: Self.specs, corpora: [TestCorpora.chat, TestCorpora.noise])
        #expect(report.rows.map { "\($0.corpus) \($0.label)" } == [TestCorpora.chat, TestCorpora.noise].flatMap { c in Self.specs.map { "\(c.name) \($0.label)" } })
        for row in report.rows {
            let corpus = row.corpus == TestCorpora.chat.name ? TestCorpora.chat : TestCorpora.noise
            let alone = try Measurer(settings: .quick).measure(try #require(row.spec), on: corpus)
            #expect(row.compressedBytes == alone.compressedBytes)
            #expect(row.peakMemoryBytesPerConnection == alone.peakMemoryBytesPerConnection)
            #expect(row.repetitions == 3)
        }
    }

    @Test func aCellStopsAtTheMinimumOnceItsFiguresAreTight() throws {
        // A spread of ±90 % is always met: the cell stops at the minimum despite its budget.
        let settings = MeasurementSettings(warmupRepetitions: 0, minimumRepetitions: 3, maximumRepetitions: 40, timeBudgetSeconds: 60, targetSpread: 0.9)
        let result = try Measurer(settings: settings).measure(.snappy(), on: TestCorpora.chat)
        #expect(result.repetitions == 3)
    }

    @Test func withoutATargetSpreadEvenADominatedCellRunsToItsBudgetOrMaximum() throws {
        let settings = MeasurementSettings(warmupRepetitions: 0, minimumRepetitions: 3, maximumRepetitions: 7, timeBudgetSeconds: 60)
        var winner = try Measurer(settings: .quick).measure(.snappy(), on: TestCorpora.chat)
        winner.ratio = 0.001
        winner.peakMemoryBytesPerConnection = 1
        winner.compressMBps = Summary(median: 1e9, min: 1e9, max: 1e9, p10: 1e9, p90: 1e9, samples: 3)
        let result = try Measurer(settings: settings).measure(.snappy(), on: TestCorpora.chat, competitors: [winner])
        #expect(result.repetitions == 7)
    }

    @Test func aClearlyDominatedCellStopsAtTheMinimum() throws {
        // A target spread no cell meets: only dominance can stop it early.
        let settings = MeasurementSettings(warmupRepetitions: 0, minimumRepetitions: 3, maximumRepetitions: 40, timeBudgetSeconds: 60, targetSpread: 1e-9)
        let spec = CodecSpec.testDeflate(windowBits: 9, memoryLevel: 1)
        var winner = try Measurer(settings: .quick).measure(spec, on: TestCorpora.chat)
        // A competitor with a better ratio, less memory and far faster compression.
        winner.compressedBytes = 1
        winner.ratio = 0.001
        winner.peakMemoryBytesPerConnection = 1
        winner.compressMBps = Summary(median: 1e9, min: 1e9, max: 1e9, p10: 1e9, p90: 1e9, samples: 3)
        let result = try Measurer(settings: settings).measure(spec, on: TestCorpora.chat, competitors: [winner])
        #expect(result.repetitions == 3)
    }

    @Test func aCompetitorThatNeedsMoreMemoryDoesNotDominate() {
        let cell = (ratio: 0.5, compressMBpsP90: 10.0, peakMemoryBytes: 1000)
        var competitor = SampleReport.report.rows[0]
        competitor.ratio = 0.4
        competitor.compressMBps = Summary(median: 20, min: 20, max: 20, p10: 20, p90: 20, samples: 3)
        competitor.peakMemoryBytesPerConnection = 1000
        #expect(Measurer.isClearlyDominated(cell, by: competitor))
        competitor.peakMemoryBytesPerConnection = 1001
        #expect(!Measurer.isClearlyDominated(cell, by: competitor))
        competitor.peakMemoryBytesPerConnection = 1000
        competitor.compressMBps = Summary(median: 20, min: 9, max: 20, p10: 9, p90: 20, samples: 3)
        #expect(!Measurer.isClearlyDominated(cell, by: competitor))
    }

    @Test func targetSpreadOutsideZeroToOneIsRejected() {
        #expect(throws: BenchmarkError.self) { try MeasurementSettings(targetSpread: 1.5).validate() }
        #expect(throws: BenchmarkError.self) { try MeasurementSettings(targetSpread: -0.1).validate() }
    }
}
