import ArgumentParser
import Foundation
import PMCEBenchmarkKit

/// Where `pmce compress` and `pmce decompress` read their messages: hex lines on stdin by
/// default, or raw messages from a directory or an NDJSON file (read by the benchmark kit's
/// ``CorpusLoader`` and ``CorpusFileFormat``, the same readers `pmce bench` uses).
struct InputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read raw messages from DIR: one file per message, in byte order of the file names (dot files are ignored).", valueName: "dir"))
    var inputDir: String?

    @Option(help: ArgumentHelp("Read raw messages from FILE: one message per line, without its line ending; blank lines are skipped.", valueName: "file"))
    var ndjson: String?

    func validate() throws {
        if inputDir != nil && ndjson != nil {
            throw ValidationError("give --input-dir or --ndjson, not both")
        }
    }

    /// Reads every message before any is coded, so a bad input writes nothing.
    /// - Returns: The messages and where each came from.
    /// - Throws: ``CorpusError`` naming the file and line of what could not be read.
    func read() throws -> MessageInput {
        if let inputDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inputDir, isDirectory: &isDirectory) else {
                throw CorpusError.pathNotFound(path: inputDir)
            }
            guard isDirectory.boolValue else {
                throw ValidationError("--input-dir \(inputDir) is a file, not a directory")
            }
            let messages = try CorpusLoader.load(path: inputDir).flatMap(\.messages)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: inputDir))?
                .filter { !$0.hasPrefix(".") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let locations = names?.count == messages.count ? names!.map { "\(inputDir)/\($0)" } : nil
            return MessageInput(messages: messages, source: inputDir) { index in locations?[index] ?? "\(inputDir): message \(index + 1)" }
        }
        if let ndjson {
            let bytes = try Self.contents(of: ndjson)
            let messages = try CorpusFileFormat.lines.decode(bytes, path: ndjson)
            let lines = MessageInput.lineNumbersOfNonBlankLines(bytes)
            return MessageInput(messages: messages, source: ndjson) { index in
                index < lines.count ? "\(ndjson):\(lines[index])" : "\(ndjson): message \(index + 1)"
            }
        }
        let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let messages = try CorpusFileFormat.hexLines.decode(bytes, path: MessageInput.standardInputName)
        return MessageInput(messages: messages, source: MessageInput.standardInputName) { index in "\(MessageInput.standardInputName):\(index + 1)" }
    }

    private static func contents(of path: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else { throw CorpusError.pathNotFound(path: path) }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw CorpusError.unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }
}

/// The messages of one invocation and where each came from (`<stdin>:3`, `file.ndjson:7`,
/// `dir/0003.bin`), for error messages.
struct MessageInput {
    static let standardInputName = "<stdin>"

    var messages: [[UInt8]]
    /// The input as a whole, for errors about it.
    var source: String
    /// Where message `index` came from.
    var location: (Int) -> String

    /// The 1-based line number of each line that holds a message in a lines file: the lines
    /// that are not empty once one `\r` before the `\n` is removed (``CorpusFileFormat/lines``
    /// skips the others).
    static func lineNumbersOfNonBlankLines(_ bytes: [UInt8]) -> [Int] {
        var numbers: [Int] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let content = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            if !content.isEmpty { numbers.append(index + 1) }
        }
        return numbers
    }
}
