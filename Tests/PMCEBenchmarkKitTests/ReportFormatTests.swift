import Foundation
import Testing
@testable import PMCEBenchmarkKit

struct ReportFormatTests {
    let report = SampleReport.report

    @Test func jsonRoundTripsToAnEqualReport() throws {
        let decoded = try BenchReport.decode(try report.jsonData())
        #expect(decoded == report)
    }

    @Test func jsonHasTheDocumentedHeaderAndRowFields() throws {
        let object = try JSONSerialization.jsonObject(with: try report.jsonData()) as! [String: Any]
        for key in ["schemaVersion", "tool", "date", "machine", "toolchain", "libraries", "allocationCounting", "settings", "durationSeconds", "rows"] {
            #expect(object[key] != nil, "header lacks \(key)")
        }
        #expect(object["schemaVersion"] as? Int == BenchReport.currentSchemaVersion)
        let row = (object["rows"] as! [[String: Any]])[0]
        for key in [
            "extension", "label", "parameters", "corpus", "messages", "rawBytes", "compressedBytes", "ratio", "meanMessageRatio",
            "compressMBps", "decompressMBps", "compressMessagesPerSecond", "decompressMessagesPerSecond",
            "compressLatencyMicroseconds", "decompressLatencyMicroseconds", "memoryBytesPerConnection",
            "peakMemoryBytesPerConnection", "allocationsPerMessage", "repetitions",
        ] {
            #expect(row[key] != nil, "row lacks \(key)")
        }
        #expect(row["extension"] as? String == "permessage-deflate")
        #expect((row["parameters"] as? [String: Any])?["windowBits"] as? Int == 15)
        let spread = row["compressMBps"] as! [String: Any]
        #expect(Set(spread.keys) == ["median", "min", "max", "p10", "p90", "samples"])
        #expect(Set((row["compressLatencyMicroseconds"] as! [String: Any]).keys) == ["p50", "p90", "p99", "max"])
    }

    @Test func jsonOfAnotherSchemaVersionIsRejectedNamingTheVersion() throws {
        var other = report
        other.schemaVersion = 99
        let data = try JSONEncoderForTests.encode(other)
        #expect(throws: BenchmarkError.file(path: "old.json", reason: "schema version 99; this pmce reads version 1")) {
            try BenchReport.decode(data, path: "old.json")
        }
    }

    @Test func jsonThatIsNotAReportIsRejected() {
        #expect(throws: BenchmarkError.self) { try BenchReport.decode(Data("{}".utf8)) }
    }

    @Test func csvHasOneHeaderAndOneLinePerRowWithTheDocumentedColumns() {
        let lines = report.csv().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == report.rows.count + 1)
        #expect(lines[0] == BenchReport.csvColumns.joined(separator: ","))
        let columns = BenchReport.csvColumns
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(first.count == columns.count)
        func field(_ name: String) -> String { first[columns.firstIndex(of: name)!] }
        #expect(field("extension") == "permessage-deflate")
        #expect(field("windowBits") == "15")
        #expect(field("ratio") == "0.200000")
        #expect(field("corpus") == "chat <json>")
        // snappy has no window bits and its allocations were not counted: empty fields.
        let snappy = lines[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(snappy[columns.firstIndex(of: "windowBits")!] == "")
        #expect(snappy[columns.firstIndex(of: "allocationsPerMessage")!] == "")
    }

    @Test func csvQuotesFieldsWithCommasAndQuotes() {
        #expect(BenchReport.quoted(#"a,"b""#) == #""a,""b""""#)
        #expect(BenchReport.quoted("plain") == "plain")
    }

    @Test func htmlIsOneSelfContainedPageWithChartsPerCorpus() {
        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<section class=\"corpus\"").count - 1 == 2)
        #expect(html.components(separatedBy: "<svg class=\"scatter\"").count - 1 == 2)
        #expect(html.components(separatedBy: "<svg class=\"memory\"").count - 1 == 2)
        #expect(html.contains("<polyline class=\"front\""))
        #expect(html.components(separatedBy: "class=\"pareto\"").count > 3)
        #expect(html.contains("chat &lt;json&gt;"))
        #expect(!html.contains("chat <json>"))
        // No network: nothing is loaded from elsewhere.
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("<script src"))
    }

    @Test func tableListsEachCorpusSortedByRatioWithMarks() {
        let table = report.table()
        let lines = table.split(separator: "\n").map(String.init)
        let chatRows = lines.filter { $0.hasPrefix("  deflate") || $0.hasPrefix("  snappy") }.prefix(4)
        #expect(chatRows.map { $0.split(separator: " ").prefix(1).joined() } == ["deflate", "deflate", "snappy", "deflate"])
        #expect(chatRows.first?.hasSuffix("RP") == true)
        #expect(chatRows.dropFirst(2).first?.hasSuffix("CDP") == true)
        #expect(table.contains("n/a"))
        #expect(table.contains("chat <json>: 1000 messages"))
    }
}
