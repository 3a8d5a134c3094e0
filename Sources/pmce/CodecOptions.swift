import ArgumentParser
import PerMessageCompression

/// The codec flags `pmce compress` and `pmce decompress` share: which extension, and the
/// parameters of the direction being coded.
struct CodecOptions: ParsableArguments {
    /// The extensions the commands can code.
    enum ExtensionName: String, ExpressibleByArgument, CaseIterable {
        case deflate, bzip2, snappy
    }

    @Option(name: .customLong("extension"), help: "The extension: deflate, bzip2 or snappy.")
    var extensionName: ExtensionName = .deflate

    @Option(help: "deflate: LZ77 window bits (compress 9...15, decompress 8...15; default 15).")
    var windowBits: Int?

    @Option(help: "deflate, compress only: zlib memLevel 1...9 (default 8).")
    var memLevel: Int?

    @Option(help: "Compress only. deflate: zlib level -1...9 (default -1, zlib's default); bzip2: block size 1...9 (default 9).")
    var level: Int?

    @Flag(help: "deflate, snappy: every message starts afresh (the negotiated *_no_context_takeover).")
    var noContextTakeover = false

    @Option(help: "Decompress only: the most bytes one message may decompress to; larger fails.")
    var maxMessageSize: Int?

    /// Checks that each given flag applies to the extension and lies in its range.
    func validate() throws {
        let name = extensionName.rawValue
        if let windowBits {
            guard extensionName == .deflate else { throw ValidationError("--window-bits applies to deflate, not \(name)") }
            try Self.check("--window-bits", windowBits, WindowBits.allowed)
        }
        if let memLevel {
            guard extensionName == .deflate else { throw ValidationError("--mem-level applies to deflate, not \(name)") }
            try Self.check("--mem-level", memLevel, MemoryLevel.allowed)
        }
        if let level {
            switch extensionName {
            case .deflate: try Self.check("--level", level, CompressionLevel.allowed)
            case .bzip2: try Self.check("--level", level, Bzip2Level.allowed)
            case .snappy: throw ValidationError("--level applies to deflate and bzip2, not snappy")
            }
        }
        if noContextTakeover && extensionName == .bzip2 {
            throw ValidationError("--no-context-takeover applies to deflate and snappy: bzip2 never keeps context")
        }
        if let maxMessageSize, maxMessageSize < 0 {
            throw ValidationError("--max-message-size must be 0 or more, not \(maxMessageSize)")
        }
    }

    /// Checks what only one direction uses: a compressor cannot use window 8 nor a size limit;
    /// a decompressor has no level or memory level.
    /// - Parameter direction: The direction the command codes.
    /// - Throws: `ValidationError` naming the flag.
    func validate(for direction: CodecError.Direction) throws {
        switch direction {
        case .compress:
            if maxMessageSize != nil { throw ValidationError("--max-message-size limits decompression; pmce compress has no use for it") }
            if let windowBits, !WindowBits.compressible.contains(windowBits) {
                throw ValidationError("--window-bits \(windowBits): zlib compresses raw deflate with 9...15 only")
            }
        case .decompress:
            if memLevel != nil { throw ValidationError("--mem-level only affects compression") }
            if level != nil { throw ValidationError("--level only affects compression") }
        }
    }

    /// A codec set up for `direction` with these options.
    /// - Parameter direction: Compress (the send side) or decompress (the receive side).
    /// - Returns: The codec every message of the invocation goes through.
    /// - Throws: ``CodecError`` when the library refuses the parameters.
    func makeCodec(for direction: CodecError.Direction) throws -> any PerMessageCodec {
        let noContextTakeover = self.noContextTakeover
        switch extensionName {
        case .deflate:
            let windowBits = try windowBits.map { try Self.value("--window-bits", $0, WindowBits.init(rawValue:)) } ?? .max
            var configuration = PerMessageDeflateCodec.Configuration(maxMessageSize: maxMessageSize)
            if direction == .compress {
                configuration.sendWindowBits = windowBits
                configuration.sendNoContextTakeover = noContextTakeover
                configuration.memoryLevel = try memLevel.map { try Self.value("--mem-level", $0, MemoryLevel.init(rawValue:)) } ?? .default
                configuration.compressionLevel = try level.map { try Self.value("--level", $0, CompressionLevel.init(rawValue:)) } ?? .default
            } else {
                configuration.receiveWindowBits = windowBits
                configuration.receiveNoContextTakeover = noContextTakeover
            }
            return try PerMessageDeflateCodec(configuration)
        case .bzip2:
            let level = try level.map { try Self.value("--level", $0, Bzip2Level.init(rawValue:)) } ?? .max
            return try PerMessageBzip2Codec(.init(sendLevel: level, maxMessageSize: maxMessageSize))
        case .snappy:
            return try PerMessageSnappyCodec(
                .init(sendNoContextTakeover: noContextTakeover, receiveNoContextTakeover: noContextTakeover, maxMessageSize: maxMessageSize))
        }
    }

    private static func check(_ flag: String, _ value: Int, _ allowed: ClosedRange<Int>) throws {
        guard allowed.contains(value) else {
            throw ValidationError("\(flag) \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)")
        }
    }

    private static func value<T>(_ flag: String, _ raw: Int, _ make: (Int) -> T?) throws -> T {
        guard let value = make(raw) else { throw ValidationError("\(flag) \(raw) is out of range") }
        return value
    }
}
