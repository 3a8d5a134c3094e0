import Foundation
import Testing

/// `pmce serve` and `pmce client` over loopback, as a user runs them: a server process and a
/// client process replaying a corpus through it.
@Suite(.serialized)
struct ServeClientCommandTests {
    /// Runs `pmce serve --port 0 arguments` around `body`, which gets the port; returns the
    /// server's output with `body`'s result.
    static func withServer<R>(_ arguments: [String], _ body: (Int) throws -> R) throws -> (R, String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let server = Process()
        server.executableURL = PMCEProcess.binary
        server.arguments = ["serve", "--port", "0"] + arguments
        server.standardOutput = try FileHandle(forWritingTo: output)
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var port: Int?
        for _ in 0..<500 where port == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            port = text.split(separator: "\n").first { $0.hasPrefix("pmce serve: listening on") }
                .flatMap { $0.split(separator: ":").last?.filter(\.isNumber) }.flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        let result = try body(try #require(port, "pmce serve did not start"))
        return (result, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    static let corpus: URL = {
        // One fixed name for fixed content, written atomically: runs replace it rather than
        // leaving a file each behind.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-client-corpus-200.ndjson")
        let lines = (0..<200).map { #"{"n":\#($0),"text":"\#(String(repeating: "hello ", count: $0 % 40))"}"# }
        try? Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
        return file
    }()

    @Test(arguments: ["deflate", "bzip2", "snappy"])
    func clientReplaysACorpusThroughTheServerWithEachExtension(_ name: String) throws {
        let (client, serverOutput) = try Self.withServer(["--extension", "deflate", "bzip2", "snappy", "--prefer", "client"]) { port in
            try PMCEProcess.run(["client", "ws://127.0.0.1:\(port)/", "--extension", name, "--corpus", Self.corpus.path])
        }
        let output = String(decoding: client.output, as: UTF8.self)
        #expect(client.status == 0, "\(output) \(client.errors)")
        #expect(output.contains("Sec-WebSocket-Extensions: permessage-\(name)"), "\(output)")
        #expect(output.contains("pmce client: 200 of 200 messages echoed"), "\(output)")
        #expect(output.contains("0 mismatches"), "\(output)")
        #expect(serverOutput.contains("[1] Sec-WebSocket-Extensions: permessage-\(name)"), "\(serverOutput)")
    }

    @Test func serverParametersReachTheClient() throws {
        let (client, _) = try Self.withServer(["--extension", "deflate", "--request-max-window-bits", "10", "--request-no-context-takeover"]) { port in
            try PMCEProcess.run(["client", "ws://127.0.0.1:\(port)/", "--corpus", Self.corpus.path])
        }
        let output = String(decoding: client.output, as: UTF8.self)
        #expect(client.status == 0, "\(output) \(client.errors)")
        #expect(output.contains("Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; client_max_window_bits=10"), "\(output)")
    }

    @Test func failedHandshakeExitsNonZero() throws {
        let result = try PMCEProcess.run(["client", "ws://127.0.0.1:9/", "--corpus", Self.corpus.path])
        #expect(result.status != 0)
        #expect(!result.errors.isEmpty)
    }
}
