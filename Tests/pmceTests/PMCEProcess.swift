import Foundation
import PMCEBenchmarkKit
import TestSupport

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
        let result = try ChildProcess.run(binary, arguments: arguments, input: Data(input))
        return Result(status: result.status, output: [UInt8](result.output), errors: String(decoding: result.errors, as: UTF8.self))
    }

    /// Messages as hex lines, the commands' default input.
    static func hexLines(_ messages: [[UInt8]]) throws -> [UInt8] {
        try CorpusFileFormat.hexLines.encode(Corpus(name: "input", messages: messages), path: "<stdin>")
    }
}
