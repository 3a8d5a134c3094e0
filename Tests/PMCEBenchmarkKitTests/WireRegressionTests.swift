import PerMessageCompression
import Testing
@testable import PMCEBenchmarkKit

/// The regression gate reads wire reports: rows matched by server, corpus and connections.
struct WireRegressionTests {
    static func row(_ spec: CodecSpec?, implementation: String = "pmce", wireBytes: Int, idleBytes: Int?) -> WireResult {
        WireResult(
            implementation: spec == nil ? "none" : implementation, spec: spec, corpus: "chat", connections: 16, idleConnections: 0,
            messages: 1000, seconds: 1, rawBytes: 100_000, wireBytes: wireBytes, uncompressedWireBytes: 212_000,
            roundTrip: LatencyPercentiles(p50: 100, p90: 150, p99: 200, max: 300), serverCPUSeconds: 0.05,
            serverMemoryBytesPerConnection: 40_000, codecBytesPerConnection: idleBytes, idleCodecBytesPerConnection: idleBytes,
            pooledCodecBytes: idleBytes.map { _ in 0 })
    }

    static func report(_ rows: [WireResult]) -> WireReport {
        WireReport(secondsPerRow: 1, durationSeconds: 10, rows: rows)
    }

    @Test func aGrownWireRatioOrIdleCodecStateIsARegressionAndSwiftWebSocketRowsAreTheirOwn() throws {
        let spec = try CodecSpec.deflate(contextTakeover: false)
        let baseline = Self.report([
            Self.row(nil, wireBytes: 212_000, idleBytes: nil), Self.row(spec, wireBytes: 170_000, idleBytes: 0),
            Self.row(spec, implementation: "swift-websocket", wireBytes: 170_000, idleBytes: nil),
        ])
        let same = RegressionCheck(baseline: baseline, current: baseline)
        #expect(same.passed && same.comparedRows == 3)

        let worse = Self.report([
            Self.row(nil, wireBytes: 212_000, idleBytes: nil), Self.row(spec, wireBytes: 190_000, idleBytes: 4096),
            Self.row(spec, implementation: "swift-websocket", wireBytes: 170_000, idleBytes: nil),
        ])
        let check = RegressionCheck(baseline: baseline, current: worse)
        #expect(!check.passed)
        #expect(Set(check.regressions.map(\.metric)) == [.wireRatio, .idleCodecBytesPerConnection])
        #expect(check.regressions.allSatisfy { $0.row.label == "deflate w15 m8 no-takeover" })
    }

    @Test func theReaderTellsWireReportsFromCodecReports() throws {
        let wire = try Self.report([]).jsonData()
        #expect(WireReport.isWireReport(wire))
        #expect(try WireReport.decode(wire, path: "w.json").rows.isEmpty)
        let codec = try BenchReport(settings: .quick, durationSeconds: 1, rows: []).jsonData()
        #expect(!WireReport.isWireReport(codec))
    }
}
