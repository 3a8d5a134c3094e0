import Testing
@testable import PMCEBenchmarkKit

/// The chosen configuration, why, its memory, and the code and handshake that turn it on.
struct RecommendationTests {
    private func advice(_ rows: [BenchmarkResult], budget: Int? = nil) -> Recommendation {
        Recommendation(rows: rows, corpus: "c", memoryBudgetBytes: budget)
    }

    @Test func chosenIsTheFastestChoiceWithinFivePercentOfTheSmallestOutput() {
        let rows = [
            SampleReport.row(.testDeflate(), corpus: "c", ratio: 0.300, speed: 20, memory: 300_000),
            SampleReport.row(.testDeflate(windowBits: 12, memoryLevel: 5), corpus: "c", ratio: 0.310, speed: 32, memory: 49_476),
            SampleReport.row(.testDeflate(windowBits: 9, memoryLevel: 1), corpus: "c", ratio: 0.400, speed: 50, memory: 16_000),
        ]
        let advice = advice(rows)
        #expect(advice.chosen?.label == "deflate w12 m5 takeover")
        #expect(advice.runnerUp?.label == "deflate w15 m8 takeover")
        #expect(advice.rule == "Choose deflate w12 m5 takeover: the fastest choices whose output is within 5 % of the smallest (deflate w15 m8 takeover).")
        #expect(
            advice.reason
                == "Over deflate w15 m8 takeover (next on the front): 3.3 % larger output, 1.6× faster compression and 6.0× less memory per connection.")
    }

    @Test func smallestOutputIsChosenWhenNoFasterChoiceComesWithinTheTolerance() {
        let advice = Recommendation(report: SampleReport.report, corpus: "chat <json>", memoryBudgetBytes: nil)
        #expect(advice.chosen?.label == "deflate w15 m8 takeover")
        #expect(advice.runnerUp?.label == "deflate w9 m1 takeover")
        #expect(advice.rule == "Choose deflate w15 m8 takeover: the smallest output, and no faster choice comes within 5 % of it.")
    }

    @Test func choiceThatDoesNotShrinkTheCorpusIsNeverChosen() {
        let advice = Recommendation(report: SampleReport.report, corpus: "noise", memoryBudgetBytes: nil)
        #expect(advice.chosen == nil)
        #expect(advice.summary.contains("Choose no compression: nothing here shrinks noise (the smallest ratio is 1.001)"))
        let mixed = self.advice([
            SampleReport.row(.testDeflate(), corpus: "c", ratio: 0.98, speed: 20, memory: 300_000),
            SampleReport.row(.snappy(), corpus: "c", ratio: 1.01, speed: 400, memory: 32_000),
        ])
        #expect(mixed.chosen?.label == "deflate w15 m8 takeover")
    }

    @Test func speedDifferenceWithinTheRunsNoiseIsCalledTheSame() {
        let advice = advice([
            SampleReport.row(.testDeflate(), corpus: "c", ratio: 0.30, speed: 20, memory: 300_000),
            SampleReport.row(.testDeflate(windowBits: 12, memoryLevel: 5), corpus: "c", ratio: 0.40, speed: 21, memory: 49_476),
        ])
        #expect(advice.reason?.contains("25.0 % smaller output, the same compression speed within the run's noise") == true)
    }

    @Test func ratioOnlyReportChoosesTheLeastMemoryWithinTheTolerance() {
        var rows = [
            SampleReport.row(.testDeflate(), corpus: "c", ratio: 0.300, speed: 20, memory: 300_000),
            SampleReport.row(.testDeflate(windowBits: 12, memoryLevel: 5), corpus: "c", ratio: 0.310, speed: 30, memory: 49_476),
            SampleReport.row(.testDeflate(windowBits: 9, memoryLevel: 1), corpus: "c", ratio: 0.400, speed: 50, memory: 16_000),
        ]
        for index in rows.indices { rows[index].compressMBps = .unmeasured }
        let advice = advice(rows)
        #expect(advice.chosen?.label == "deflate w12 m5 takeover")
        #expect(advice.rule?.contains("the least memory of the choices") == true)
        #expect(advice.reason == "Over deflate w15 m8 takeover (next on the front): 3.3 % larger output and 6.0× less memory per connection.")
    }

    @Test func connectionsBecomeAMemoryLineForTheChosenRow() {
        let advice = advice([SampleReport.row(.testDeflate(windowBits: 12, memoryLevel: 5), corpus: "c", ratio: 0.362, speed: 28, memory: 49_476)])
        #expect(
            advice.memoryLine(connections: 10_000)
                == "Memory: 10,000 connections × 48.8 KiB = 476.61 MiB (peak per connection: compressor + decompressor).")
        #expect(advice.reason == "It is the only Pareto-optimal choice.")
        #expect(advice.summary(connections: 10_000).contains("Memory: 10,000 connections"))
        #expect(!advice.summary.contains("Memory:"))
    }

    @Test func tighterBudgetChoiceIsNamed() {
        let advice = Recommendation(report: SampleReport.report, corpus: "chat <json>", memoryBudgetBytes: nil)
        #expect(advice.leaner?.chosen?.label == "deflate w9 m1 takeover")
        #expect(advice.summary(connections: 1000).contains("A --memory-budget under 293.5 KiB would choose deflate w9 m1 takeover: ratio 0.350, 16.1 KiB per connection, 15.74 MiB for 1,000."))
    }

    @Test func summaryKeepsTheFrontAboveTheChoice() throws {
        let summary = Recommendation(report: SampleReport.report, corpus: "chat <json>", memoryBudgetBytes: nil).summary
        let lines = summary.split(separator: "\n")
        let front = try #require(lines.firstIndex { $0.hasSuffix("(smallest output)") })
        let choice = try #require(lines.firstIndex { $0.hasPrefix("  Choose deflate w15 m8 takeover") })
        #expect(front < choice)
        #expect(summary.contains("client offers:  permessage-deflate; client_no_context_takeover; client_max_window_bits"))
        #expect(summary.contains("server answers: permessage-deflate"))
    }

    @Test func deflateSnippetAndHandshakeForWindow12MemoryLevel5() throws {
        let integration = try Recommendation.Integration(spec: .testDeflate(windowBits: 12, memoryLevel: 5))
        #expect(integration.serverCode == [
            "let compression = try WebSocketCompressionNegotiator(",
            "    ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: WindowBits(12), windowBits: WindowBits(12), memoryLevel: MemoryLevel(5))]))",
            "// in the route's upgrade step: .upgrade(try compression.responseHeaders(for: request.headers))",
            "// in the server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(extensions: [compression.extensionFactory]))",
        ])
        #expect(integration.clientCode == [
            "let configuration = try WebSocketClientConfiguration(",
            "    extensions: [.perMessageCompression(client: .perMessageDeflate(.init(requestMaxWindowBits: WindowBits(12)), windowBits: WindowBits(12), memoryLevel: MemoryLevel(5)))])",
        ])
        #expect(integration.offerHeader == "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=12")
        #expect(integration.responseHeader == "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12")
    }

    /// The policy and offer exactly as printed above, compiled here: they negotiate the same
    /// handshake and the spec's configuration on both ends.
    @Test func printedPolicyAndOfferCompileAndNegotiateAsPrinted() throws {
        let spec = CodecSpec.testDeflate(windowBits: 12, memoryLevel: 5)
        let integration = try Recommendation.Integration(spec: spec)
        let server = try ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: WindowBits(12), windowBits: WindowBits(12), memoryLevel: MemoryLevel(5))])
        let client = try ClientNegotiator([.perMessageDeflate(.init(requestMaxWindowBits: WindowBits(12)), windowBits: WindowBits(12), memoryLevel: MemoryLevel(5))])
        #expect(client.offerHeader == integration.offerHeader)
        let accepted = try #require(try server.negotiate(offerHeaders: [client.offerHeader]).accepted)
        #expect(accepted.responseHeader == integration.responseHeader)
        #expect(accepted.configuration == spec.configuration)
        #expect(try client.negotiate(responseHeaders: [accepted.responseHeader])?.configuration == spec.configuration)
    }

    @Test func sendPolicyAndLibdeflateAppearInTheCode() throws {
        let spec = try CodecSpec.testDeflate(contextTakeover: false).coding(with: .libdeflate).sending(with: SendPolicy(minimumMessageSize: 256))
        let integration = try Recommendation.Integration(spec: spec)
        #expect(integration.serverCode.prefix(4) == [
            "let compression = try WebSocketCompressionNegotiator(",
            "    ServerNegotiator([.perMessageDeflate(requestNoContextTakeover: true, noContextTakeover: true)]),",
            "    sendPolicy: SendPolicy(minimumMessageSize: 256, rawWhenLarger: true),",
            "    deflateBackend: .libdeflate)",
        ])
        #expect(integration.clientCode == [
            "let configuration = try WebSocketClientConfiguration(",
            "    extensions: [.perMessageCompression(client: .perMessageDeflate(.init(requestNoContextTakeover: true), noContextTakeover: true), "
                + "sendPolicy: SendPolicy(minimumMessageSize: 256, rawWhenLarger: true), deflateBackend: .libdeflate)])",
        ])
        #expect(integration.responseHeader == "permessage-deflate; server_no_context_takeover; client_no_context_takeover")
    }

    @Test func theExactWindowCheckAppearsInTheCodeAndSurvivesTheHandshake() throws {
        let spec = try CodecSpec.deflate(windowBits: WindowBits(12), memoryLevel: MemoryLevel(5)).checking(receiveWindow: .exact)
        let integration = try Recommendation.Integration(spec: spec)
        #expect(integration.serverCode.joined().contains("receiveWindowCheck: .exact"), "\(integration.serverCode)")
        #expect(integration.clientCode.joined().contains("receiveWindowCheck: .exact"), "\(integration.clientCode)")
        #expect(integration.serverConfiguration == spec.configuration)
        #expect(integration.clientConfiguration == spec.configuration)
    }

    @Test func alwaysSendPolicyIsGivenOnlyWhereTheDefaultWouldSendOtherwise() throws {
        let takeover = try Recommendation.Integration(spec: .testDeflate())
        #expect(takeover.serverCode[0] == "let compression = WebSocketCompressionNegotiator(ServerNegotiator([.perMessageDeflate()]))")
        let noTakeover = try Recommendation.Integration(spec: .snappy(contextTakeover: false))
        #expect(noTakeover.serverCode.joined(separator: "\n").contains("    sendPolicy: .always)"))
    }

    @Test func bzip2SnippetLimitsBothLevels() throws {
        let integration = try Recommendation.Integration(spec: .bzip2(level: .min))
        #expect(integration.serverCode.joined().contains(".perMessageBzip2(requestMaxCompressLevel: .min, compressLevel: .min)"))
        #expect(integration.clientCode.joined().contains(".perMessageBzip2(.init(requestMaxCompressLevel: .min), compressLevel: .min)"))
        #expect(integration.offerHeader == "permessage-bzip2; client_max_compress_level; server_max_compress_level=1")
    }

    static let specs: [CodecSpec] = CodecSpec.defaultMatrix + [
        .testDeflate(windowBits: 10, memoryLevel: 3, level: 6, contextTakeover: false),
        .testDeflate(windowBits: 9, memoryLevel: 9, level: 1),
        .testDeflate(contextTakeover: false).coding(with: .libdeflate),
        .bzip2(level: Bzip2Level(rawValue: 5)!),
    ]

    @Test(arguments: specs)
    func everySpecNegotiatesToItsOwnConfigurationOnBothEnds(spec: CodecSpec) throws {
        let integration = try Recommendation.Integration(spec: spec)
        #expect(integration.serverConfiguration == spec.configuration)
        #expect(integration.clientConfiguration == spec.configuration)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (10_000, "10,000"), (1_234_567, "1,234,567"), (-12_345, "-12,345")])
    func thousandsAreSeparatedByCommas(value: Int, text: String) {
        #expect(value.groupedThousands == text)
    }

    @Test func byteCountsFromAGibibyteAreShownInGiB() {
        #expect(ByteCount.format(3_080_240_000) == "2.87 GiB")
        #expect(ByteCount.format((1 << 30) - 1) == "1024.00 MiB")
    }
}

