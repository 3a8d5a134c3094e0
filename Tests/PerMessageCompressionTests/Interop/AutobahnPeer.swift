import Foundation
import TestSupport

/// A job for `Tests/Scripts/autobahn_codec.py`: one parameter set, one direction, many messages.
struct AutobahnJob: Encodable {
    /// The parameters of the direction being coded, in the script's names.
    struct Parameters: Encodable, Hashable, Sendable {
        var windowBits: Int? = nil
        var memoryLevel: Int? = nil
        var noContextTakeover: Bool? = nil
        var level: Int? = nil

        enum CodingKeys: String, CodingKey {
            case windowBits = "window_bits", memoryLevel = "mem_level", noContextTakeover = "no_context_takeover", level
        }
    }

    enum Mode: String, Encodable {
        case compress, decompress
    }

    var `extension`: String
    var params: Parameters
    var mode: Mode
    /// Messages (compress) or payloads (decompress), as lowercase hex.
    var messages: [String]
    /// Per message, the sizes of the pieces Autobahn is fed.
    var pieces: [[Int]]?
}

/// Autobahn|Python's codec objects, driven in batch through one `python3` process per job.
enum AutobahnPeer {
    /// Whether `python3` can import `autobahn` and `snappy` (python-snappy). CI installs both
    /// (`.ci/setup`); a machine without them skips the interop tests.
    static let isAvailable: Bool = {
        (try? run(arguments: ["-c", "import autobahn, snappy"], input: Data()))?.status == 0
    }()

    /// The script, found relative to this file: `Tests/Scripts/autobahn_codec.py`.
    static let scriptURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/autobahn_codec.py")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Reply: Decodable {
        var results: [String]?
        var error: String?
        var index: Int?
    }

    /// Runs `job` and returns one result per message.
    /// - Throws: ``Failure`` naming the message Autobahn failed on, or what the process printed.
    static func run(_ job: AutobahnJob) throws -> [[UInt8]] {
        let input = try JSONEncoder().encode(job)
        let (status, output, errors) = try run(arguments: [scriptURL.path], input: input)
        guard let reply = try? JSONDecoder().decode(Reply.self, from: output) else {
            throw Failure(description: "autobahn_codec.py exited \(status) without a JSON reply; stderr: \(String(decoding: errors.prefix(4000), as: UTF8.self))")
        }
        if let error = reply.error {
            throw Failure(description: "Autobahn \(job.mode.rawValue) of message \(reply.index ?? -1) failed: \(error)")
        }
        guard status == 0, let results = reply.results, results.count == job.messages.count else {
            throw Failure(description: "autobahn_codec.py exited \(status) with \(reply.results?.count ?? 0) of \(job.messages.count) results")
        }
        return try results.enumerated().map { index, hex in
            guard let bytes = Hex.decode(hex) else { throw Failure(description: "result \(index) is not hex") }
            return bytes
        }
    }

    /// Runs `python3 arguments` with `input` on stdin.
    static func run(arguments: [String], input: Data) throws -> (status: Int32, output: Data, errors: Data) {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3"] + arguments, input: input)
        return (result.status, result.output, result.errors)
    }
}
