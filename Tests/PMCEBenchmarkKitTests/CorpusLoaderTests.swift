import Foundation
import PMCEBenchmarkKit
import Testing

struct CorpusLoaderTests {
    @Test func directoryLoadsOneMessagePerFileInByteOrderOfNames() throws {
        let directory = try TemporaryDirectory()
        let corpusPath = try directory.makeDirectory("captured")
        try directory.write("captured/0010.bin", [0x0A, 0x00, 0xFF])
        try directory.write("captured/0009.json", "{\"n\":9}")
        try directory.write("captured/B", "upper")
        try directory.write("captured/a", "lower")
        try directory.write("captured/empty", [])
        try directory.write("captured/.DS_Store", "ignored")

        let corpora = try CorpusLoader.load(path: corpusPath)

        #expect(corpora.count == 1)
        #expect(corpora[0].name == "captured")
        #expect(corpora[0].messages == [Array("{\"n\":9}".utf8), [0x0A, 0x00, 0xFF], Array("upper".utf8), Array("lower".utf8), []])
        #expect(corpora[0].rawBytes == 7 + 3 + 5 + 5)
    }

    @Test func directoryNameIgnoresTrailingSlash() throws {
        let directory = try TemporaryDirectory()
        try directory.write("frames/1", "x")
        #expect(try CorpusLoader.load(path: directory.path + "/frames/")[0].name == "frames")
    }

    @Test func ndjsonLoadsEachNonEmptyLineAsRawBytesWithoutLineEnding() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("traffic.ndjson", Array("{\"a\":1}\r\n\n{\"b\": [2, 3]}\n   \nnot json \u{e9}\t".utf8) + [0xFF])

        let corpora = try CorpusLoader.load(path: path)

        #expect(corpora.count == 1)
        #expect(corpora[0].name == "traffic")
        #expect(corpora[0].messages == [Array("{\"a\":1}".utf8), Array("{\"b\": [2, 3]}".utf8), Array("   ".utf8), Array("not json \u{e9}\t".utf8) + [0xFF]])
    }

    @Test func fileWithAnyOtherExtensionReadsAsLines() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("server.log", "GET /a\nGET /b\n")
        #expect(try CorpusLoader.load(path: path) == [Corpus(name: "server", messages: [Array("GET /a".utf8), Array("GET /b".utf8)])])
    }

    @Test func hexLinesHoldAnyBytesIncludingEmptyMessagesAndNewlines() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("binary.hexlines", "0a0D00ff\n\nDEADbeef\r\n")

        let corpora = try CorpusLoader.load(path: path)

        #expect(corpora == [Corpus(name: "binary", messages: [[0x0A, 0x0D, 0x00, 0xFF], [], [0xDE, 0xAD, 0xBE, 0xEF]])])
    }

    @Test func shippedFindsNdjsonAndHexLinesFilesInNameOrderAndIgnoresOthers() throws {
        let directory = try TemporaryDirectory()
        try directory.write("zeta.ndjson", "z\n")
        try directory.write("alpha.hexlines", "00\n")
        try directory.write("README.md", "# not a corpus\n")
        try directory.write("notes.txt", "not shipped\n")

        let corpora = try CorpusLoader.shipped(in: directory.path)

        #expect(corpora.map(\.name) == ["alpha", "zeta"])
    }

    @Test func missingPathIsAnErrorNamingIt() {
        let path = "/nonexistent/pmce/corpus.ndjson"
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .pathNotFound(path: path))
        #expect(error?.description.contains(path) == true)
    }

    @Test func emptyDirectoryIsAnEmptyCorpus() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".hidden", "only hidden files")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: directory.path) }
        guard case .emptyCorpus(let path, _) = error else { Issue.record("expected emptyCorpus, got \(String(describing: error))"); return }
        #expect(path == directory.path)
    }

    @Test func subdirectoryInDirectoryCorpusIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write("0001", "x")
        let nested = try directory.makeDirectory("0002")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: directory.path) }
        #expect(error == .unexpectedDirectory(path: nested))
    }

    @Test(arguments: ["", "\n\n", "\r\n\n"])
    func linesFileWithoutNonEmptyLinesIsAnEmptyCorpus(contents: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("blank.ndjson", contents)
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .emptyCorpus(path: path, detail: "no non-empty lines"))
    }

    @Test func emptyHexLinesFileIsAnEmptyCorpus() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("nothing.hexlines", "")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .emptyCorpus(path: path, detail: "no lines"))
    }

    @Test func hexLineWithOddDigitCountNamesFileAndLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.hexlines", "00ff\nabc\n")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .invalidHexLine(path: path, line: 2, column: 3, reason: "odd number of hex digits (3)"))
        #expect(error?.description.hasPrefix("\(path):2:3:") == true)
    }

    @Test func hexLineWithNonHexCharacterNamesLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("bad.hexlines", "00\n\n12zz\n")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .invalidHexLine(path: path, line: 3, column: 3, reason: "'z' is not a hex digit"))
    }

    @Test func shippedInDirectoryWithoutCorporaIsAnError() throws {
        let directory = try TemporaryDirectory()
        try directory.write("README.md", "# empty\n")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.shipped(in: directory.path) }
        #expect(error == .noShippedCorpora(directory: directory.path))
    }

    @Test func shippedInMissingDirectoryIsAnErrorNamingIt() {
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.shipped(in: "/nonexistent/Datasets") }
        #expect(error == .pathNotFound(path: "/nonexistent/Datasets"))
    }

    /// Root reads any file regardless of its mode, so this only runs as an ordinary user.
    @Test(.enabled(if: getuid() != 0, "running as root, which can read a file with mode 000"))
    func unreadableFileIsAnErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("secret.ndjson", "x\n")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        guard case .unreadable(let erroredPath, _) = error else { Issue.record("expected unreadable, got \(String(describing: error))"); return }
        #expect(erroredPath == path)
    }
}
