public import Foundation

/// Autobahn|Python's asyncio WebSocket implementation as a live peer on loopback
/// (`Tests/Scripts/autobahn_websocket_peer.py`), for interop in both directions.
public enum AutobahnPythonPeer {
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/autobahn_websocket_peer.py")
    public static let python = URL(fileURLWithPath: "/usr/bin/env")

    /// Whether `python3` can import `autobahn` and `snappy` (CI installs both; locally the
    /// suites that need them are skipped with a message saying so).
    public static let isAvailable: Bool = {
        (try? ChildProcess.run(python, arguments: ["python3", "-c", "import autobahn, snappy"], input: Data()).status) == 0
    }()

    /// One JSON line the script printed.
    public typealias Event = [String: Any]

    public static func events(_ output: Data) -> [Event] {
        String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? Event
        }
    }

    /// How a client run ended.
    public struct ClientRun: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: String
        /// The JSON lines it printed.
        public var events: [Event] { AutobahnPythonPeer.events(output) }
        /// The `open` event: the extension Autobahn agreed to.
        public var opened: Event? { events.first { $0["event"] as? String == "open" } }
        /// The `done` event: messages sent, echoed and mismatched.
        public var done: Event? { events.first { $0["event"] as? String == "done" } }
        /// Whether it sent messages and got every one back unchanged.
        public var echoedEverything: Bool {
            let messages = done?["messages"] as? Int ?? 0
            return done?["mismatches"] as? Int == 0 && messages > 0 && done?["echoed"] as? Int == messages
        }
    }

    /// Runs the script as a client of the echo server at `url`, with a test case's options,
    /// fragmenting at `fragmentSize` (0: never) and failing unless the extension is agreed.
    public static func client(_ url: String, _ testCase: AutobahnInteropCase, fragmentSize: Int) async throws -> ClientRun {
        try await client(url, testCase.extensionName, testCase.autobahnClient + ["--auto-fragment-size", "\(fragmentSize)", "--require-extension"])
    }

    /// Runs the script as a client against `url`.
    public static func client(_ url: String, _ extensionName: String, _ options: [String]) async throws -> ClientRun {
        let result = try await ChildProcess.runAwaiting(
            python, arguments: ["python3", script.path, "client", url, extensionName, "--timeout", "120"] + options, input: Data())
        return ClientRun(status: result.status, output: result.output, errors: String(decoding: result.errors, as: UTF8.self))
    }

    /// An Autobahn echo server, running until `stop()` closes its standard input.
    public final class Server: @unchecked Sendable {
        let process = Process()
        let stdin = Pipe()
        let output: URL
        public fileprivate(set) var port = 0

        /// Starts the server and waits (without blocking a pool thread) until it listens.
        public static func start(_ extensionName: String, _ options: [String]) async throws -> Server {
            let server = try Server(extensionName, options)
            for _ in 0..<1000 {
                if let listening = server.events.first(where: { $0["event"] as? String == "listening" }), let port = listening["port"] as? Int {
                    server.port = port
                    return server
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            server.stop()
            throw PeerError.didNotStart
        }

        private init(_ extensionName: String, _ options: [String]) throws {
            output = FileManager.default.temporaryDirectory.appendingPathComponent("autobahn-server-\(UUID().uuidString).jsonl")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = AutobahnPythonPeer.python
            process.arguments = ["python3", AutobahnPythonPeer.script.path, "server", "0", extensionName, "--timeout", "300"] + options
            process.standardInput = stdin
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Everything the server printed so far.
        public var events: [Event] { AutobahnPythonPeer.events((try? Data(contentsOf: output)) ?? Data()) }

        /// Stops the server and waits for it.
        public func stop() {
            try? stdin.fileHandleForWriting.close()
            for _ in 0..<250 where process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: output)
        }
    }

    public enum PeerError: Error {
        case didNotStart
    }
}
