import Foundation
import Testing

/// `pmce recommend` and `pmce bench --recommend`, run as a user runs them.
struct RecommendCommandTests {
    /// Runs `pmce` and returns its standard output, expecting success.
    private func output(_ arguments: [String]) throws -> String {
        let result = try PMCEProcess.run(arguments)
        #expect(result.status == 0, "\(result.errors)")
        return String(decoding: result.output, as: UTF8.self)
    }

    @Test func benchRecommendEndsWithTheChoiceItsCodeHandshakeAndConnectionMemory() throws {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-recommend-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: json) }
        let bench = try output([
            "bench", "--corpus", ServeClientCommandTests.corpus.path, "--extension", "deflate", "--window-bits", "12,15", "--mem-level", "5,8",
            "--repetitions", "3", "--time-budget", "0", "--json", json.path, "--recommend", "--recommend-connections", "10000",
        ])
        #expect(bench.contains("  Choose deflate w"))
        #expect(bench.contains("Memory: 10,000 connections × "))
        #expect(bench.contains("let compression = "))
        #expect(bench.contains("client offers:  permessage-deflate; client_no_context_takeover; client_max_window_bits"))

        // Within 64 KiB only w12 m5 fits: its code and handshake, exactly.
        let advice = try output(["recommend", "--report", json.path, "--memory-budget", "64KiB", "--connections", "10000"])
        let lines = advice.split(separator: "\n").map(String.init)
        #expect(lines.contains("  Choose deflate w12 m5 takeover: the smallest output, and no faster choice comes within 5 % of it."))
        #expect(lines.contains("    Memory: 10,000 connections × 48.8 KiB = 476.61 MiB (peak per connection: compressor + decompressor)."))
        #expect(lines.contains("      let compression = try WebSocketCompressionNegotiator("))
        #expect(lines.contains(
            "          ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: WindowBits(12), windowBits: WindowBits(12), memoryLevel: MemoryLevel(5))]))"))
        #expect(lines.contains("      client offers:  permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=12"))
        #expect(lines.contains("      server answers: permessage-deflate; server_max_window_bits=12; client_max_window_bits=12"))
    }

    @Test(arguments: ["0", "-5", "many"])
    func connectionCountBelowOneIsRejected(count: String) throws {
        let result = try PMCEProcess.run(["recommend", "--report", "/nonexistent.json", "--connections", count])
        #expect(result.status != 0)
        #expect(result.errors.contains("--connections"))
    }
}
