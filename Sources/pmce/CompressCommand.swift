import ArgumentParser
import PerMessageCompression
import Foundation
import PMCEBenchmarkKit

/// `pmce compress`: compresses messages as one endpoint sends them, one payload per line.
struct CompressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compress",
        abstract: "Compress messages through one codec, as one connection sends them.",
        discussion: """
            Reads one message per line of lowercase hex on stdin (an empty line is the empty \
            message), or raw messages with --input-dir or --ndjson, and writes one compressed \
            payload per line of hex on stdout. Nothing is written unless every message succeeds.

              printf '48656c6c6f\\n48656c6c6f\\n' | pmce compress
              f248cdc9c90700
              f200110000
            """
    )

    @OptionGroup var codec: CodecOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        try codec.validate(for: .compress)
    }

    func run() throws {
        try CodecCommand.run(codec: codec, input: input, direction: .compress)
    }
}

/// What `pmce compress` and `pmce decompress` share: read everything, code everything, then write.
enum CodecCommand {
    static func run(codec options: CodecOptions, input: InputOptions, direction: CodecError.Direction) throws {
        let codec = try options.makeCodec(for: direction)
        let messages = try input.read()
        let output = try MessagePipeline.run(messages, codec: codec, direction: direction)
        FileHandle.standardOutput.write(Data(output))
    }
}
