import Foundation
import Testing
@testable import PMCEBenchmarkKit

struct HTMLReportTests {
    /// A made-up deflate sweep on one corpus: window bits 9…15 × memory level 1…9 × takeover on
    /// and off, 126 rows. A bigger window improves the ratio and costs speed, so the Pareto front
    /// has several points.
    static func sweep(dropping dropped: Set<String> = []) -> BenchReport {
        var rows: [BenchmarkResult] = []
        for windowBits in (9...15).reversed() {
            for memoryLevel in (1...9).reversed() {
                for takeover in [true, false] {
                    let spec = CodecSpec.testDeflate(windowBits: windowBits, memoryLevel: memoryLevel, contextTakeover: takeover)
                    guard !dropped.contains(spec.label) else { continue }
                    let ratio = (takeover ? 0.25 : 0.75) + Double(15 - windowBits) * 0.01 + Double(9 - memoryLevel) * 0.001
                    let memory = (1 << (windowBits + 2)) + (1 << (memoryLevel + 9)) + 6000
                    rows.append(SampleReport.row(spec, corpus: "sweep", ratio: ratio, speed: 10 + Double(memoryLevel) * 2 + Double(15 - windowBits) * 8, memory: memory))
                }
            }
        }
        return report(rows)
    }

    /// The default matrix on one corpus with made-up figures: 8 rows, 4 of them deflate.
    static let defaultMatrix: BenchReport = report(
        CodecSpec.defaultMatrix.enumerated().map { index, spec in
            SampleReport.row(spec, corpus: "chat", ratio: 0.2 + Double(index) * 0.05, speed: 400 / Double(index + 1), memory: 20_000 * (index + 1))
        })

    /// A report of `rows` on a made-up machine.
    static func report(_ rows: [BenchmarkResult]) -> BenchReport {
        var report = SampleReport.report
        report.rows = rows
        return report
    }

    /// How often `part` occurs in `text`.
    static func count(_ part: String, in text: String) -> Int {
        text.components(separatedBy: part).count - 1
    }

    /// The first `<svg class="…">` element of a page.
    static func svg(_ kind: String, in html: String) -> String {
        guard let start = html.range(of: "<svg class=\"\(kind)\""), let end = html[start.lowerBound...].range(of: "</svg>") else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func sweepOf126DeflateRowsGetsHeatmapsOfEachMetricPerTakeoverMode() {
        let html = Self.sweep().html()
        // Ratio, memory and compress MB/s, each for takeover and no takeover.
        #expect(Self.count("<svg class=\"heatmap\"", in: html) == 6)
        #expect(Self.count(">ratio · context takeover</text>", in: html) == 1)
        #expect(Self.count(">ratio · no context takeover</text>", in: html) == 1)
        #expect(Self.count("<g class=\"cell", in: html) == 6 * 7 * 9)
        #expect(Self.count("<g class=\"cell empty\"", in: html) == 0)
        let map = Self.svg("heatmap", in: html)
        #expect(map.contains(">w15</text>") && map.contains(">w9</text>") && map.contains(">m1</text>") && map.contains(">m9</text>"))
        // w15 m9 takeover: ratio 0.250, printed in its cell.
        #expect(map.contains(">0.250</text>"))
    }

    @Test func defaultEightRowMatrixGetsNoHeatmapsAndKeepsEveryMemoryBar() {
        let html = Self.defaultMatrix.html()
        #expect(!html.contains("class=\"heatmap"))
        #expect(Self.count("<svg class=\"memory\"", in: html) == 1)
        #expect(Self.count("<g class=\"bar\"", in: html) == 8)
        #expect(!DeflateGrid(Self.defaultMatrix.rows).isWorthDrawing)
    }

    @Test func missingGridCombinationsAreDrawnAsEmptyCells() {
        let html = Self.sweep(dropping: ["deflate w12 m3 takeover", "deflate w9 m9 takeover"]).html()
        // Two cells missing in each of the three takeover maps.
        #expect(Self.count("<g class=\"cell empty\"", in: html) == 3 * 2)
        #expect(html.contains("<title>w12 m3: not measured</title>"))
    }

    @Test func heatmapsNeedTwoWindowsTwoMemoryLevelsAndAPanelAtLeastHalfFilled() {
        func rows(_ cells: [(Int, Int)]) -> [BenchmarkResult] {
            cells.map { SampleReport.row(.testDeflate(windowBits: $0.0, memoryLevel: $0.1), corpus: "c", ratio: 0.3, speed: 20, memory: 100_000) }
        }
        let diagonal = rows([(15, 8), (12, 5), (10, 2), (9, 1)])
        #expect(!DeflateGrid(diagonal).isWorthDrawing)
        let square = rows([(15, 8), (15, 1), (9, 8), (9, 1)])
        #expect(DeflateGrid(square).isWorthDrawing)
        let oneWindow = rows((1...9).map { (15, $0) })
        #expect(!DeflateGrid(oneWindow).isWorthDrawing)
    }

    @Test func rowsOfAnotherBackendOrWithASendPolicyStayOutOfTheHeatmaps() throws {
        var rows = Self.sweep().rows
        let libdeflate = SampleReport.row(.testDeflate(contextTakeover: false).coding(with: .libdeflate), corpus: "sweep", ratio: 0.7, speed: 90, memory: 50_000)
        let policy = SampleReport.row(.testDeflate().sending(with: try SendPolicy(minimumMessageSize: 64)), corpus: "sweep", ratio: 0.2, speed: 90, memory: 50_000)
        #expect(libdeflate.parameters.backend == "libdeflate")
        rows += [libdeflate, policy]
        let grid = DeflateGrid(rows)
        #expect(grid.isWorthDrawing)
        #expect(!grid.contains(libdeflate))
        #expect(!grid.contains(policy))
        #expect(grid.panels.map { $0.cells.count } == [63, 63])
        // The two rows the heatmaps leave out get bars of their own.
        let html = Self.report(rows).html()
        #expect(Self.count("<g class=\"bar\"", in: html) == 2)
    }

    @Test func scatterLabelsOnlyParetoPointsAndTitlesEveryPoint() {
        let report = Self.sweep()
        let front = ParetoFront(report.rows)
        let scatter = Self.svg("scatter", in: report.html())
        #expect(front.rows.count < report.rows.count)
        #expect(Self.count("<g class=\"point", in: scatter) == 126)
        #expect(Self.count("<title>", in: scatter) == 126)
        #expect(Self.count("<text class=\"label\"", in: scatter) == front.rows.count)
        for row in front.rows {
            #expect(scatter.contains(">\(row.label)</text>"))
        }
        let offFront = report.rows.first { !front.contains($0) }!
        #expect(!scatter.contains(">\(offFront.label)</text>"))
        #expect(scatter.contains("<title>\(offFront.label): ratio"))
        #expect(scatter.contains("<polyline class=\"front\""))
    }

    @Test func labelColumnKeepsOrderAndSpacingInsideTheChart() {
        let baselines = LabelPlacer.column([100, 101, 102, 300, 395], spacing: 13, top: 20, bottom: 400)
        #expect(baselines == [100, 113, 126, 300, 395].map(Double.init))
        let crowded = LabelPlacer.column([390, 392, 394, 396], spacing: 13, top: 20, bottom: 400)
        #expect(crowded == [361, 374, 387, 400])
        let tooMany = LabelPlacer.column(Array(repeating: 50, count: 10), spacing: 13, top: 20, bottom: 100)
        #expect(tooMany.first == 20)
        #expect(zip(tooMany, tooMany.dropFirst()).allSatisfy { $1 - $0 >= 13 })
    }

    @Test func smallReportLabelsEveryPoint() {
        let scatter = Self.svg("scatter", in: Self.defaultMatrix.html())
        #expect(Self.count("<text class=\"label\"", in: scatter) == 8)
        #expect(Self.count("<title>", in: scatter) == 8)
    }

    @Test func manyRowsWithoutHeatmapsShowOnlyParetoBarsWithANote() {
        // 7 windows at one memory level (no heatmap) × takeover, plus bzip2 1…9: 23 rows.
        var rows = (9...15).flatMap { windowBits in
            [true, false].map { takeover in
                SampleReport.row(
                    .testDeflate(windowBits: windowBits, contextTakeover: takeover), corpus: "c",
                    ratio: (takeover ? 0.3 : 0.7) - Double(windowBits) * 0.01, speed: 40 - Double(windowBits), memory: 1 << (windowBits + 3))
            }
        }
        rows += (1...9).map { level in
            SampleReport.row(.bzip2(level: try! Bzip2Level(level)), corpus: "c", ratio: 0.2 - Double(level) * 0.001, speed: 5, memory: level * 800_000)
        }
        let report = Self.report(rows)
        let html = report.html()
        #expect(!html.contains("class=\"heatmap"))
        #expect(Self.count("<g class=\"bar\"", in: html) == ParetoFront(rows).rows.count)
        #expect(html.contains("only the \(ParetoFront(rows).rows.count) Pareto-optimal of 23 specs"))
    }

    @Test func sweepWhoseRowsAllFitTheHeatmapsHasNoMemoryBars() {
        let html = Self.sweep().html()
        #expect(!html.contains("<svg class=\"memory\""))
        #expect(html.contains("memory per connection (compressor + decompressor)"))
    }

    @Test func pageLoadsNothingFromTheNetwork() {
        for html in [Self.sweep().html(), Self.defaultMatrix.html(), SampleReport.report.html()] {
            #expect(!html.contains("http://"))
            #expect(!html.contains("https://"))
            #expect(!html.contains("src="))
            #expect(!html.contains("<link"))
            #expect(!html.contains("@import"))
            #expect(!html.contains("url("))
            // In-page links only.
            #expect(!html.contains("href=") || html.components(separatedBy: "href=\"").dropFirst().allSatisfy { $0.hasPrefix("#") })
        }
    }

    @Test func tablesCarryAnInlineSortAndFilterScriptAndStayReadableWithout() {
        let html = Self.sweep().html()
        #expect(Self.count("<script>", in: html) == 1)
        #expect(html.contains("table.figures"))
        #expect(html.contains("localeCompare"))
        // The filter box is hidden until the script shows it; the table is in ratio order.
        #expect(html.contains("<div class=\"table-tools\" hidden><input type=\"search\" class=\"filter\""))
        #expect(html.contains("<table class=\"figures\">\n<thead><tr><th>spec</th>"))
        #expect(Self.count("<tbody class=\"group\"", in: html) == 126)
        // Numeric cells sort by value, not by their text.
        #expect(html.contains("<td data-sort=\"0.25\">0.250</td>"))
    }

    @Test func referenceAndPeerRowsStayInTheGroupOfTheirRow() {
        let comparison = { (label: String) in
            ReferenceResult(
                label: label, compressedBytes: 21_000, repetitions: 3, compressMBps: Summary([40, 41, 42]), decompressMBps: Summary([200, 210, 220]),
                compressAllocationsPerMessage: 0, decompressAllocationsPerMessage: 0)
        }
        var rows = Self.defaultMatrix.rows
        for index in rows.indices where rows[index].extension == "permessage-deflate" {
            rows[index].references = [comparison("C zlib")]
            rows[index].peers = [comparison("compress-nio")]
        }
        let html = Self.report(rows).html()
        let groups = html.components(separatedBy: "<tbody class=\"group\"").dropFirst()
        #expect(groups.count == 8)
        for group in groups {
            let body = group.components(separatedBy: "</tbody>")[0]
            let tableRows = body.components(separatedBy: "<tr").dropFirst()
            #expect(!(tableRows.first?.hasPrefix(" class=\"reference\"") ?? true), "a group starts with a ↳ row")
            let label = body.components(separatedBy: "data-label=\"")[1].components(separatedBy: "\"")[0]
            let comparisons = tableRows.filter { $0.hasPrefix(" class=\"reference\"") }.count
            #expect(comparisons == (label.hasPrefix("deflate") ? 2 : 0), "\(label)")
        }
    }

    @Test func heatmapScalePaintsTheBestValueYellowWhicheverWayItImproves() {
        let smallerBetter = HeatmapScale(values: [0.2, 0.5], lowerIsBetter: true, logarithmic: false)
        #expect(smallerBetter.fill(0.2) == "#fde725")
        #expect(smallerBetter.fill(0.5) == "#440154")
        #expect(smallerBetter.textColor(0.2) == "#000")
        #expect(smallerBetter.textColor(0.5) == "#fff")
        let biggerBetter = HeatmapScale(values: [10, 1000], lowerIsBetter: false, logarithmic: true)
        #expect(biggerBetter.fill(1000) == "#fde725")
        #expect(biggerBetter.fraction(100) == 0.5)
        // No differences: the middle of the scale, neither best nor worst.
        #expect(HeatmapScale(values: [0.8, 0.8], lowerIsBetter: true, logarithmic: false).fraction(0.8) == 0.5)
    }
}
