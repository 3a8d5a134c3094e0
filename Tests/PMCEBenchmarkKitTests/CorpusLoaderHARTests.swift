import PMCEBenchmarkKit
import Testing

struct CorpusLoaderHARTests {
    /// `Resources/chat-session.har` is a Chrome-style export written by hand: one page load without
    /// frames, then two WebSocket entries with text and base64 binary frames in both directions.
    @Test func harSplitsWebSocketFramesIntoSendAndReceiveCorporaInFileOrder() throws {
        let corpora = try CorpusLoader.load(path: TestFiles.resource("chat-session.har"))

        #expect(corpora.map(\.name) == ["chat-session.har (send)", "chat-session.har (receive)"])
        #expect(corpora[0].messages == [
            Array(#"{"type":"hello","token":"t-42"}"#.utf8),
            [0x08, 0x96, 0x01],
            [0x0A, 0xFB, 0xFF, 0xBF, 0x0D, 0x0A],
        ])
        #expect(corpora[1].messages == [
            Array(#"{"type":"welcome","session":"s-9","motd":"café ✓"}"#.utf8),
            [0xFF, 0x00, 0x10, 0x80],
            Array("line one\nline two".utf8),
            Array(#"{"type":"presence","user":"anna_k"}"#.utf8),
        ])
    }

    @Test func harWithOneDirectionReturnsOneCorpusAndSkipsControlFrames() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("pings.har", har(frames: [
            #"{"type":"receive","time":1,"opcode":9,"data":""}"#,
            #"{"type":"receive","time":2,"opcode":1,"data":"tick"}"#,
            #"{"type":"receive","time":3,"opcode":8,"data":""}"#,
        ]))
        #expect(try CorpusLoader.load(path: path) == [Corpus(name: "pings.har (receive)", messages: [Array("tick".utf8)])])
    }

    @Test func emptyBinaryFrameIsAnEmptyMessage() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("empty.har", har(frames: [#"{"type":"send","time":1,"opcode":2,"data":""}"#]))
        #expect(try CorpusLoader.load(path: path)[0].messages == [[]])
    }

    @Test func truncatedHARNamesTheLineAndColumnWhereItEnds() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("truncated.har", "{\"log\": {\"entries\": [\n  {\"_webSocketMessages\": [")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .malformedHAR(path: path, location: "line 2, column 27", reason: "not valid JSON: expected a value but found end of file"))
    }

    @Test func harWithASyntaxErrorNamesItsLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("comma.har", "{\"log\": {\n  \"version\": \"1.2\"\n  \"entries\": []\n}}\n")
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .malformedHAR(path: path, location: "line 3, column 3", reason: "not valid JSON: expected ',' or '}' but found '\"'"))
        #expect(error?.description == "\(path): malformed HAR at line 3, column 3: not valid JSON: expected ',' or '}' but found '\"'")
    }

    @Test func harWithoutLogIsMalformed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("nolog.har", #"{"entries": []}"#)
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .malformedHAR(path: path, location: "(document)", reason: "missing key \"log\""))
    }

    @Test func frameWithoutDataNamesTheEntryAndFrame() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("nodata.har", har(frames: [
            #"{"type":"send","time":1,"opcode":1,"data":"ok"}"#,
            #"{"type":"send","time":2,"opcode":1}"#,
        ]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .malformedHAR(path: path, location: "log.entries[1]._webSocketMessages[1]", reason: "missing key \"data\""))
    }

    @Test func opcodeOfWrongTypeNamesTheField() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("opcode.har", har(frames: [#"{"type":"send","time":1,"opcode":"text","data":"x"}"#]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        guard case .malformedHAR(_, let location, _) = error else { Issue.record("expected malformedHAR, got \(String(describing: error))"); return }
        #expect(location == "log.entries[1]._webSocketMessages[0].opcode")
    }

    @Test func binaryFrameWithInvalidBase64NamesTheFrame() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("base64.har", har(frames: [
            #"{"type":"send","time":1,"opcode":2,"data":"CJYB"}"#,
            #"{"type":"receive","time":2,"opcode":2,"data":"not base64!"}"#,
        ]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .invalidBase64(path: path, location: "log.entries[1]._webSocketMessages[1].data"))
        #expect(error?.description.contains("base64.har") == true)
    }

    @Test func unknownFrameTypeIsMalformed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("type.har", har(frames: [#"{"type":"sent","time":1,"opcode":1,"data":"x"}"#]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .malformedHAR(path: path, location: "log.entries[1]._webSocketMessages[0].type", reason: "type \"sent\" is neither \"send\" nor \"receive\""))
    }

    @Test func reservedOpcodeIsMalformed() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("reserved.har", har(frames: [#"{"type":"send","time":1,"opcode":3,"data":"x"}"#]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        guard case .malformedHAR(_, let location, let reason) = error else { Issue.record("expected malformedHAR, got \(String(describing: error))"); return }
        #expect(location == "log.entries[1]._webSocketMessages[0].opcode")
        #expect(reason.contains("opcode 3"))
    }

    @Test func harWithoutWebSocketFramesIsAnEmptyCorpus() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("http-only.har", #"{"log":{"version":"1.2","entries":[{"request":{"url":"https://example.com/"}}]}}"#)
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        guard case .emptyCorpus(let erroredPath, let detail) = error else { Issue.record("expected emptyCorpus, got \(String(describing: error))"); return }
        #expect(erroredPath == path)
        #expect(detail.contains("_webSocketMessages"))
    }

    @Test func harWithOnlyControlFramesIsAnEmptyCorpus() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("close.har", har(frames: [#"{"type":"send","time":1,"opcode":8,"data":""}"#]))
        let error = corpusError { () throws(CorpusError) in try CorpusLoader.load(path: path) }
        #expect(error == .emptyCorpus(path: path, detail: "all 1 of its WebSocket frames are control frames (close, ping, pong)"))
    }

    /// A HAR with an HTTP entry first and one WebSocket entry holding `frames` (JSON objects).
    private func har(frames: [String]) -> String {
        """
        {"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [
          {"request": {"method": "GET", "url": "https://example.com/"}},
          {"_resourceType": "websocket", "_webSocketMessages": [
            \(frames.joined(separator: ",\n    "))
          ]}
        ]}}
        """
    }
}
