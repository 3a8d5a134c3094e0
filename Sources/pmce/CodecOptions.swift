import ArgumentParser
import PerMessageCompression

/// The codec flags `pmce compress` and `pmce decompress` share: which extension, and the
/// settings of the direction being coded. Ranges are checked by the library's types as the
/// options are parsed (`--window-bits`, `--mem-level`) or as the configuration is made.
struct CodecOptions: ParsableArguments {
    @Option(name: .customLong("extension"), help: "The extension.")
    var compressionExtension: CompressionExtension = .deflate

    @Option(help: "deflate: LZ77 window bits \(WindowBits.allowed) of the direction coded (compress takes \(WindowBits.compressible)).")
    var windowBits: WindowBits?

    @Option(help: "deflate, compress only: zlib memLevel \(MemoryLevel.allowed).")
    var memLevel: MemoryLevel?

    @Option(help: "Compress only. deflate: zlib level \(CompressionLevel.allowed) (-1, the default, is zlib's); bzip2: block size \(Bzip2Level.allowed) (default \(Bzip2Level.max)).")
    var level: Int?

    @Flag(help: "deflate, snappy: every message starts afresh (the negotiated *_no_context_takeover).")
    var noContextTakeover = false

    @Option(help: "Decompress only: the most bytes one message may decompress to; larger fails.")
    var maxMessageSize: Int?

    @Option(help: "deflate, decompress only: how a window under 15 bits is held to (zlib, the default: as zlib checks; exact: every reference beyond it fails).")
    var windowCheck: ReceiveWindowCheck?

    /// Checks that each given flag applies to the extension and to `direction`, then that the
    /// configuration can be made (the library checks the ranges).
    /// - Parameter direction: The direction the command codes.
    /// - Throws: `ValidationError` naming the flag.
    func validate(for direction: CodecError.Direction) throws {
        let name = compressionExtension
        if windowBits != nil && name != .deflate { throw ValidationError("--window-bits applies to deflate, not \(name)") }
        if memLevel != nil && name != .deflate { throw ValidationError("--mem-level applies to deflate, not \(name)") }
        if level != nil && name == .snappy { throw ValidationError("--level applies to deflate and bzip2, not snappy") }
        if noContextTakeover && name == .bzip2 {
            throw ValidationError("--no-context-takeover applies to deflate and snappy: bzip2 never keeps context")
        }
        switch direction {
        case .compress:
            if maxMessageSize != nil { throw ValidationError("--max-message-size limits decompression; pmce compress has no use for it") }
        case .decompress:
            if memLevel != nil { throw ValidationError("--mem-level only affects compression") }
            if level != nil { throw ValidationError("--level only affects compression") }
        }
        if windowCheck != nil && (name != .deflate || direction == .compress) {
            throw ValidationError("--window-check applies to deflate decompression only")
        }
        do throws(ConfigurationError) {
            _ = try configuration(for: direction)
        } catch {
            let flags: [ConfigurationError.Setting: String] = [
                .windowBits: "--window-bits", .memoryLevel: "--mem-level", .compressionLevel: "--level", .bzip2Level: "--level",
                .maxMessageSize: "--max-message-size",
            ]
            throw ValidationError(error, flag: flags[error.setting] ?? error.setting.rawValue)
        }
    }

    /// The configuration of the codec every message of the invocation goes through: the options
    /// set the coded direction, the library's defaults the rest.
    /// - Parameter direction: Compress (the send side) or decompress (the receive side).
    /// - Returns: The configuration.
    /// - Throws: ``ConfigurationError`` for a level out of the extension's range, a compressor
    ///   window of 8 or a negative size limit.
    func configuration(for direction: CodecError.Direction) throws(ConfigurationError) -> CompressionConfiguration {
        switch compressionExtension {
        case .deflate:
            let defaults = PerMessageDeflateCodec.Configuration.default
            if direction == .decompress {
                return .deflate(try .init(
                    receiveWindowBits: windowBits ?? defaults.receiveWindowBits, receiveNoContextTakeover: noContextTakeover, maxMessageSize: maxMessageSize,
                    receiveWindowCheck: windowCheck ?? defaults.receiveWindowCheck))
            }
            return .deflate(try .init(
                sendWindowBits: windowBits ?? defaults.sendWindowBits, sendNoContextTakeover: noContextTakeover,
                memoryLevel: memLevel ?? defaults.memoryLevel,
                compressionLevel: try level.map { (level) throws(ConfigurationError) in try CompressionLevel(level) } ?? defaults.compressionLevel,
                maxMessageSize: maxMessageSize))
        case .bzip2:
            return .bzip2(try .init(
                sendLevel: try level.map { (level) throws(ConfigurationError) in try Bzip2Level(level) } ?? PerMessageBzip2Codec.Configuration.default.sendLevel,
                maxMessageSize: maxMessageSize))
        case .snappy:
            return .snappy(try .init(sendNoContextTakeover: noContextTakeover, receiveNoContextTakeover: noContextTakeover, maxMessageSize: maxMessageSize))
        }
    }
}
