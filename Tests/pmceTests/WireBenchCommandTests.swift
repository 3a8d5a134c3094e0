import Foundation
import Testing

/// `pmce bench --wire` as a user runs it: a `pmce serve` process per row, real connections on
/// loopback, the JSON report read back.
@Suite(.serialized)
struct WireBenchCommandTests {
    static func run(_ arguments: [String]) throws -> [[String: Any]] {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-wire-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let run = try PMCEProcess.run(
            ["bench", "--wire", "--corpus", ServeClientCommandTests.corpus.path, "--wire-seconds", "0.3", "--json", json.path] + arguments)
        #expect(run.status == 0, "\(String(decoding: run.output, as: UTF8.self)) \(run.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(report["tool"] as? String == "pmce bench --wire")
        return try #require(report["rows"] as? [[String: Any]])
    }

    @Test func everyRowRunsOverRealConnectionsAndTheUncompressedRowMatchesTheFrameArithmetic() throws {
        let rows = try Self.run(["--extension", "deflate", "--extension", "snappy", "--takeover", "off", "--connections", "1,3", "--wire-repetitions", "2"])
        let labels = rows.map { "\($0["connections"] as? Int ?? 0) \($0["label"] as? String ?? "")" }
        #expect(labels == [
            "1 none", "1 deflate w15 m8 no-takeover", "1 nio deflate w15 m8 no-takeover", "1 swift-websocket deflate w15 m8 no-takeover",
            "1 snappy no-takeover", "1 nio snappy no-takeover",
            "3 none", "3 deflate w15 m8 no-takeover", "3 nio deflate w15 m8 no-takeover", "3 swift-websocket deflate w15 m8 no-takeover",
            "3 snappy no-takeover", "3 nio snappy no-takeover",
        ])
        for row in rows {
            let messages = row["messages"] as? Int ?? 0
            #expect(messages > 0, "\(row)")
            // Two interleaved runs per row; the row is the median one.
            #expect((row["messagesPerSecondRuns"] as? [Double])?.count == 2, "\(row)")
            let wire = row["wireBytes"] as? Int ?? 0
            let uncompressed = row["uncompressedWireBytes"] as? Int ?? 0
            if row["implementation"] as? String == "none" {
                // Frame headers and masks, both ways, exactly: nothing else crossed the sockets.
                #expect(wire == uncompressed, "\(row)")
            } else if row["extension"] as? String == "permessage-deflate" {
                #expect(wire < uncompressed, "\(row)")
            }
            // This package's codecs, behind Hummingbird or NIO, report their bytes; swift-websocket's cannot.
            #expect((row["codecBytesPerConnection"] != nil) == ["pmce", "nio"].contains(row["implementation"] as? String), "\(row)")
        }
    }

    @Test func idleConnectionsWithoutContextHoldNoCodecState() throws {
        let rows = try Self.run(["--extension", "deflate", "--takeover", "off", "--connections", "1", "--idle-connections", "40", "--no-swift-websocket", "--no-nio", "--wire-repetitions", "1"])
        let deflate = try #require(rows.first { $0["label"] as? String == "deflate w15 m8 no-takeover" })
        #expect(deflate["idleConnections"] as? Int == 40)
        // Nothing of their own: the shared pool's codecs are all there is.
        #expect(deflate["idleCodecBytesPerConnection"] as? Int == 0, "\(deflate)")
        #expect((deflate["pooledCodecBytes"] as? Int ?? 0) > 0, "\(deflate)")
    }
}
