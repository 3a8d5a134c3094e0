import Foundation
import PMCEBenchmarkKit

/// Runs the `pmce` binary the build put beside the test bundle, with stdin, stdout and stderr
/// through temporary files (large outputs cannot dead-lock on a pipe).
enum PMCEProcess {
    struct Result {
        var status: Int32
        var output: [UInt8]
        var errors: String

        /// The output's hex lines, decoded.
        var messages: [[UInt8]] {
            get throws { try CorpusFileFormat.hexLines.decode(output, path: "<stdout>") }
        }
    }

    /// The directory of the build products: where SwiftPM puts both the test bundle and `pmce`.
    static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        fatalError("no .xctest bundle")
        #else
        return Bundle.main.bundleURL
        #endif
    }

    static var binary: URL { productsDirectory.appendingPathComponent("pmce") }

    /// Runs `pmce arguments` with `input` on stdin.
    static func run(_ arguments: [String], input: [UInt8] = []) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in")
        let outputURL = directory.appendingPathComponent("out")
        let errorURL = directory.appendingPathComponent("err")
        try Data(input).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: [UInt8](try Data(contentsOf: outputURL)),
            errors: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// Messages as hex lines, the commands' default input.
    static func hexLines(_ messages: [[UInt8]]) throws -> [UInt8] {
        try CorpusFileFormat.hexLines.encode(Corpus(name: "input", messages: messages), path: "<stdin>")
    }
}
