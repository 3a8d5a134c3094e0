import ArgumentParser
import PerMessageCompression

/// What a client offers: the options of `pmce client`, mirroring `pmce serve`'s. "request"
/// options ask something of the server; the others set the client's own compressor.
struct ClientOfferOptions: ParsableArguments {
    @Option(name: .customLong("extension"), parsing: .upToNextOption, help: "Extensions to offer, in the client's order of preference.")
    var extensions: [CompressionExtension] = CompressionExtension.allCases

    @Flag(name: .long, help: "Ask the server for server_no_context_takeover (deflate, snappy).")
    var requestNoContextTakeover = false

    @Option(name: .long, help: "Ask the server for server_max_window_bits=N (deflate, \(WindowBits.allowed)).")
    var requestMaxWindowBits: WindowBits?

    @Option(name: .long, help: "Ask the server for server_max_compress_level=N (bzip2, \(Bzip2Level.allowed)).")
    var requestMaxCompressLevel: Bzip2Level?

    @Flag(name: .long, help: "Drop the client's own context between messages even if not asked (deflate, snappy).")
    var noContextTakeover = false

    @Option(name: .long, help: "The client's largest window (deflate, \(WindowBits.compressible)), lowered to the server's limit.")
    var windowBits: WindowBits?

    @Option(name: .long, help: "zlib memLevel for the client's compressor (deflate, \(MemoryLevel.allowed)).")
    var memLevel: MemoryLevel?

    @Option(name: .long, help: "zlib level for the client's compressor (deflate, \(CompressionLevel.allowed)).")
    var compressionLevel: CompressionLevel = .default

    @Option(name: .long, help: "The client's bzip2 level (\(Bzip2Level.allowed)), lowered to the server's limit.")
    var compressLevel: Bzip2Level?

    @Option(name: .long, help: "The most bytes a received message may decompress to.")
    var maxMessageSize: Int?

    /// The client's offers, one per extension, in order.
    var offers: [ClientExtensionOffer] {
        extensions.map { choice in
            switch choice {
            case .deflate:
                return .perMessageDeflate(
                    .init(requestNoContextTakeover: requestNoContextTakeover, requestMaxWindowBits: requestMaxWindowBits),
                    noContextTakeover: noContextTakeover ? true : nil, windowBits: windowBits, memoryLevel: memLevel,
                    compressionLevel: compressionLevel, maxMessageSize: maxMessageSize)
            case .bzip2:
                return .perMessageBzip2(.init(requestMaxCompressLevel: requestMaxCompressLevel), compressLevel: compressLevel, maxMessageSize: maxMessageSize)
            case .snappy:
                return .perMessageSnappy(
                    .init(requestNoContextTakeover: requestNoContextTakeover), noContextTakeover: noContextTakeover ? true : nil, maxMessageSize: maxMessageSize)
            }
        }
    }
}
