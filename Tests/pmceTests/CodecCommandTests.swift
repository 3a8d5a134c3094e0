import Foundation
import PMCEBenchmarkKit
import Testing

/// `pmce compress` and `pmce decompress`, run as a user runs them.
struct CodecCommandTests {
    /// A sample with an empty message, a 1-byte one, text, JSON and 200 KiB of noise.
    static let sample: [[UInt8]] = {
        var noise = [UInt8]()
        var state: UInt64 = 42
        for _ in 0..<(200 * 1024) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            noise.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        return [
            Array("Hello".utf8), [], [0x00], Array("Hello".utf8),
            Array(String(repeating: #"{"symbol":"EUR","price":1.0842,"qty":12}"#, count: 300).utf8),
            noise, Array("bye\n\r\u{0}".utf8),
        ]
    }()

    static let codecArguments: [[String]] = [
        ["--extension", "deflate"],
        ["--extension", "deflate", "--window-bits", "9", "--no-context-takeover"],
        ["--extension", "bzip2"],
        ["--extension", "snappy"],
        ["--extension", "snappy", "--no-context-takeover"],
    ]

    @Test func helloTwiceCompressesToTheRFC7692Payloads() throws {
        let result = try PMCEProcess.run(["compress"], input: Array("48656c6c6f\n48656c6c6f\n".utf8))
        #expect(result.status == 0, "\(result.errors)")
        #expect(String(decoding: result.output, as: UTF8.self) == "f248cdc9c90700\nf200110000\n")
    }

    @Test(arguments: codecArguments)
    func compressThenDecompressGivesBackEveryMessage(_ arguments: [String]) throws {
        let compressed = try PMCEProcess.run(["compress"] + arguments, input: try PMCEProcess.hexLines(Self.sample))
        #expect(compressed.status == 0, "\(compressed.errors)")
        #expect(try compressed.messages.count == Self.sample.count)
        #expect(try compressed.messages != Self.sample)

        let decompressed = try PMCEProcess.run(["decompress"] + arguments + ["--max-message-size", "1000000"], input: compressed.output)
        #expect(decompressed.status == 0, "\(decompressed.errors)")
        #expect(try decompressed.messages == Self.sample)
    }

    @Test func inputDirectoryIsReadOneFilePerMessageInNameOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, message) in Self.sample.enumerated() {
            try Data(message).write(to: directory.appendingPathComponent(String(format: "%04d.bin", Self.sample.count - 1 - index)))
        }
        let compressed = try PMCEProcess.run(["compress", "--extension", "bzip2", "--level", "1", "--input-dir", directory.path])
        #expect(compressed.status == 0, "\(compressed.errors)")
        let decompressed = try PMCEProcess.run(["decompress", "--extension", "bzip2"], input: compressed.output)
        #expect(try decompressed.messages == Self.sample.reversed())
    }

    @Test func ndjsonIsReadOneMessagePerLineAndMatchesHexInput() throws {
        let lines = [#"{"a":1}"#, #"{"b":[1,2,3]}"#, #"{"a":1}"#].map { Array($0.utf8) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(lines.joined(separator: [0x0A]) + [0x0A]).write(to: file)

        let fromFile = try PMCEProcess.run(["compress", "--extension", "snappy", "--ndjson", file.path])
        let fromHex = try PMCEProcess.run(["compress", "--extension", "snappy"], input: try PMCEProcess.hexLines(lines))
        #expect(fromFile.status == 0, "\(fromFile.errors)")
        #expect(fromFile.output == fromHex.output)
        #expect(try fromFile.messages.count == 3)
    }

    @Test func badHexLineFailsNamingItsLineAndWritesNothing() throws {
        let result = try PMCEProcess.run(["compress"], input: Array("48656c6c6f\n\n4865zz6c6f\n".utf8))
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("<stdin>:3:5"), "\(result.errors)")
    }

    @Test func corruptPayloadFailsNamingItsLineAndWritesNothing() throws {
        let result = try PMCEProcess.run(["decompress"], input: Array("f248cdc9c90700\nf200110000\n0102ff\n".utf8))
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("<stdin>:3: message 3: permessage-deflate decompress failed: corrupt compressed data"), "\(result.errors)")
    }

    @Test func failingNDJSONMessageIsNamedByItsLineNumber() throws {
        // Blank lines are skipped, so message 2 is on line 4.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("BZh91AY&SY\n\n\nnot bzip2\n".utf8).write(to: file)
        let result = try PMCEProcess.run(["decompress", "--extension", "bzip2", "--ndjson", file.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("\(file.path):1: message 1"), "\(result.errors)")
        let second = try PMCEProcess.run(["decompress", "--extension", "snappy", "--ndjson", file.path])
        #expect(second.errors.contains("\(file.path):1: message 1"), "\(second.errors)")
    }

    @Test func messageOverTheSizeLimitFailsWithTheLimit() throws {
        let compressed = try PMCEProcess.run(["compress"], input: try PMCEProcess.hexLines([[UInt8](repeating: 0, count: 10_000)]))
        let result = try PMCEProcess.run(["decompress", "--max-message-size", "1000"], input: compressed.output)
        #expect(result.status != 0)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("exceeds the limit of 1000 bytes"), "\(result.errors)")
    }

    /// A message whose last 100 bytes repeat bytes 600 back, compressed with a 32 KiB window,
    /// decompressed with a window of 9: zlib's check passes it in one call; the exact one fails it.
    @Test func aReferenceBeyondTheWindowFailsOnlyTheExactCheck() throws {
        var state: UInt64 = 600
        let head = (0..<600).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let compressed = try PMCEProcess.run(["compress", "--no-context-takeover"], input: try PMCEProcess.hexLines([head + head.prefix(100)]))
        let lenient = try PMCEProcess.run(["decompress", "--window-bits", "9", "--no-context-takeover"], input: compressed.output)
        #expect(lenient.status == 0, "\(lenient.errors)")
        let exact = try PMCEProcess.run(["decompress", "--window-bits", "9", "--no-context-takeover", "--window-check", "exact"], input: compressed.output)
        #expect(exact.status != 0)
        #expect(exact.output.isEmpty)
        #expect(exact.errors.contains("beyond the agreed window of 512 bytes"), "\(exact.errors)")
    }

    @Test(arguments: [
        (["compress", "--window-check", "exact"], "--window-check applies to deflate decompression only"),
        (["compress", "--extension", "snappy", "--level", "3"], "--level applies to deflate and bzip2, not snappy"),
        (["compress", "--window-bits", "8"], "--window-bits 8: deflate: window bits = 8 is outside 9...15 (zlib refuses 8 for raw deflate compression)"),
        (["compress", "--window-bits", "16"], "The value '16' is invalid for '--window-bits <window-bits>'"),
        (["compress", "--window-bits", "16"], "window bits 8...15"),
        (["compress", "--extension", "bzip2", "--level", "0"], "--level 0: compress level = 0 is outside 1...9"),
        (["compress", "--max-message-size", "10"], "--max-message-size limits decompression"),
        (["decompress", "--mem-level", "3"], "--mem-level only affects compression"),
        (["decompress", "--extension", "bzip2", "--no-context-takeover"], "--no-context-takeover applies to deflate and snappy"),
        (["compress", "--input-dir", "/tmp", "--ndjson", "/tmp/x"], "give --input-dir or --ndjson, not both"),
    ])
    func invalidOptionsAreRejectedWithAReason(_ arguments: [String], _ reason: String) throws {
        let result = try PMCEProcess.run(arguments)
        #expect(result.status == 64, "\(result.errors)")
        #expect(result.errors.contains(reason), "\(result.errors)")
    }

    @Test func emptyInputWritesNothingAndSucceeds() throws {
        let result = try PMCEProcess.run(["compress", "--extension", "snappy"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.isEmpty)
    }

    @Test func payloadsReadFromADirectoryDecompress() throws {
        let compressed = try PMCEProcess.run(["compress", "--extension", "deflate", "--no-context-takeover"], input: try PMCEProcess.hexLines(Self.sample))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pmce-payloads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, payload) in try compressed.messages.enumerated() {
            try Data(payload).write(to: directory.appendingPathComponent("frame-\(index).bin"))
        }
        let result = try PMCEProcess.run(["decompress", "--no-context-takeover", "--input-dir", directory.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try result.messages == Self.sample)
    }

    @Test func missingInputDirectoryIsNamed() throws {
        let result = try PMCEProcess.run(["compress", "--input-dir", "/nonexistent/pmce-corpus"])
        #expect(result.status != 0)
        #expect(result.errors.contains("/nonexistent/pmce-corpus: no such file or directory"), "\(result.errors)")
    }

    @Test func decompressingWithWindowEightAcceptsAPeerThatSentWithEight() throws {
        // A window of 8 is accepted for the direction we decompress (NOTES.md).
        let result = try PMCEProcess.run(["decompress", "--window-bits", "8"], input: Array("f248cdc9c90700\n".utf8))
        #expect(result.status == 0, "\(result.errors)")
        #expect(String(decoding: result.output, as: UTF8.self) == "48656c6c6f\n")
    }
}
