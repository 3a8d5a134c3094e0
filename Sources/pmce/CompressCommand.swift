import ArgumentParser
import PerMessageCompression
import Foundation
import PMCEBenchmarkKit

/// `pmce compress`: compresses messages as one endpoint sends them, one payload per line.
struct CompressCommand: CodecCommand {
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

    static let direction = CodecError.Direction.compress

    @OptionGroup var codec: CodecOptions
    @OptionGroup var input: InputOptions
}

/// What `pmce compress` and `pmce decompress` share: read everything, code everything, then write.
protocol CodecCommand: ParsableCommand {
    /// Which way the command runs messages through the codec.
    static var direction: CodecError.Direction { get }
    /// The codec and its parameters.
    var codec: CodecOptions { get }
    /// Where the messages come from.
    var input: InputOptions { get }
}

extension CodecCommand {
    func validate() throws {
        try codec.validate(for: Self.direction)
    }

    func run() throws {
        let codec = try self.codec.configuration(for: Self.direction).makeCodec()
        let output = try MessagePipeline.run(try input.read(), codec: codec, direction: Self.direction)
        FileHandle.standardOutput.write(Data(output))
    }
}
