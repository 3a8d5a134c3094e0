import PMCEBenchmarkKit
import Testing

struct CorpusFileFormatTests {
    private let binary = Corpus(name: "binary", messages: [[], [0x0A], [0x0D, 0x0A, 0x00, 0xFF], Array(0...255)])

    @Test func hexLinesRoundTripAnyBytes() throws {
        let encoded = try CorpusFileFormat.hexLines.encode(binary, path: "binary.hexlines")
        #expect(try CorpusFileFormat.hexLines.decode(encoded, path: "binary.hexlines") == binary.messages)
    }

    @Test func hexLinesEncodeLowercaseOneLinePerMessage() throws {
        let corpus = Corpus(name: "c", messages: [[0xAB, 0x01], []])
        #expect(try CorpusFileFormat.hexLines.encode(corpus, path: "c") == Array("ab01\n\n".utf8))
    }

    @Test func linesRoundTripMessagesWithoutNewlines() throws {
        let corpus = Corpus(name: "text", messages: [Array("{\"a\":1}".utf8), Array("tab\tand \u{1F600}".utf8), [0xFF, 0xFE]])
        let encoded = try CorpusFileFormat.lines.encode(corpus, path: "text.ndjson")
        #expect(encoded == Array("{\"a\":1}\ntab\tand \u{1F600}\n".utf8) + [0xFF, 0xFE, 0x0A])
        #expect(try CorpusFileFormat.lines.decode(encoded, path: "text.ndjson") == corpus.messages)
    }

    @Test(arguments: [
        ([UInt8](), "an empty message reads back as a skipped blank line"),
        (Array("two\nlines".utf8), "it contains a newline byte"),
        (Array("cr\r".utf8), "it ends in a carriage return"),
    ])
    func linesRejectMessagesTheyCannotHold(message: [UInt8], reason: String) {
        let corpus = Corpus(name: "c", messages: [Array("fine".utf8), message])
        let error = corpusError { () throws(CorpusError) in try CorpusFileFormat.lines.encode(corpus, path: "c.ndjson") }
        #expect(error == .unrepresentableMessage(path: "c.ndjson", messageIndex: 1, reason: reason))
    }

    @Test func extensionSelectsFormat() {
        #expect(CorpusFileFormat.forExtension("hexlines") == .hexLines)
        #expect(CorpusFileFormat.forExtension("HEXLINES") == .hexLines)
        #expect(CorpusFileFormat.forExtension("ndjson") == .lines)
        #expect(CorpusFileFormat.forExtension("jsonl") == .lines)
        #expect(CorpusFileFormat.forExtension("") == .lines)
    }

    @Test func sizeSummaryUsesNearestRankPercentiles() {
        let corpus = Corpus(name: "sizes", messages: (1...10).reversed().map { [UInt8](repeating: 0, count: $0) })
        let summary = CorpusSizeSummary(corpus)
        #expect(summary == CorpusSizeSummary(corpus))
        #expect((summary.messages, summary.rawBytes, summary.minimum, summary.median, summary.p90, summary.maximum) == (10, 55, 1, 5, 9, 10))
    }

    @Test func corpusRawBytesSumsMessageSizes() {
        #expect(binary.rawBytes == 0 + 1 + 4 + 256)
        #expect(Corpus(name: "none", messages: []).rawBytes == 0)
    }
}
