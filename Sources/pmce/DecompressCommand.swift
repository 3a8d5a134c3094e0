import ArgumentParser
import PerMessageCompression

/// `pmce decompress`: decompresses payloads as one endpoint receives them, one message per line.
struct DecompressCommand: CodecCommand {
    static let configuration = CommandConfiguration(
        commandName: "decompress",
        abstract: "Decompress payloads through one codec, as one connection receives them.",
        discussion: """
            Reads one compressed payload per line of lowercase hex on stdin (an empty line is an \
            empty payload), or raw payloads with --input-dir or --ndjson, and writes one message \
            per line of hex on stdout. A corrupt payload or one over --max-message-size fails \
            with its line number, and nothing is written.

              printf 'f248cdc9c90700\\nf200110000\\n' | pmce decompress
              48656c6c6f
              48656c6c6f
            """
    )

    static let direction = CodecError.Direction.decompress

    @OptionGroup var codec: CodecOptions
    @OptionGroup var input: InputOptions
}
