import ArgumentParser
import PerMessageCompression

/// What a server accepts and how: the options `pmce negotiate` and `pmce serve` share. They make
/// a ``ServerNegotiator``; ranges are checked by the library's types as the options are parsed,
/// and the windows the server compresses with by the configurations they end up in.
struct ServerPolicyOptions: ParsableArguments {
    /// What to do with an invalid offer (``ServerNegotiator/InvalidOffers``, spelt for the command line).
    enum InvalidOffers: String, ExpressibleByArgument, CaseIterable {
        case decline, fail

        var value: ServerNegotiator.InvalidOffers { self == .decline ? .decline : .failHandshake }
    }

    @Option(name: [.customLong("extension"), .customLong("accept")], parsing: .upToNextOption, help: "Extensions the server accepts, in its order of preference.")
    var extensions: [CompressionExtension] = CompressionExtension.allCases

    @Option(name: .long, help: "Whose order wins: server (order of --extension) or client (order of the header).")
    var prefer: ServerNegotiator.Preference = .server

    @Option(name: .long, help: "decline (RFC 7692) or fail (as Autobahn|Python does) on an invalid offer.")
    var invalidOffers: InvalidOffers = .decline

    @Flag(name: .long, help: "Ask the client for client_no_context_takeover (deflate, snappy).")
    var requestNoContextTakeover = false

    @Option(name: .long, help: "Ask the client for client_max_window_bits=N (deflate, \(WindowBits.compressible): a window the client can compress with).")
    var requestMaxWindowBits: WindowBits?

    @Option(name: .long, help: "Ask the client for client_max_compress_level=N (bzip2, \(Bzip2Level.allowed)).")
    var requestMaxCompressLevel: Bzip2Level?

    @Flag(name: .long, help: "Drop the server's own context between messages (deflate, snappy).")
    var noContextTakeover = false

    @Option(name: .long, help: "The server's largest window (deflate, \(WindowBits.compressible)).")
    var windowBits: WindowBits?

    @Option(name: .long, help: "zlib memLevel for the server's compressor (deflate, \(MemoryLevel.allowed)).")
    var memLevel: MemoryLevel?

    @Option(name: .long, help: "zlib level for the server's compressor (deflate, \(CompressionLevel.allowed)).")
    var compressionLevel: CompressionLevel = .default

    @Option(name: .long, help: "The server's bzip2 level (\(Bzip2Level.allowed)).")
    var compressLevel: Bzip2Level?

    @Option(name: .long, help: "The most bytes a received message may decompress to.")
    var maxMessageSize: Int?

    /// Checks the settings the server compresses with and asks the client to compress with, by
    /// making the configurations they end up in (the library checks the ranges there).
    func validate() throws {
        do throws(ConfigurationError) {
            _ = try PerMessageDeflateCodec.Configuration(sendWindowBits: windowBits ?? .max, maxMessageSize: maxMessageSize)
        } catch {
            throw ValidationError(error, flag: error.setting == .windowBits ? "--window-bits" : "--max-message-size")
        }
        do throws(ConfigurationError) {
            if let requestMaxWindowBits { _ = try PerMessageDeflateCodec.Configuration(sendWindowBits: requestMaxWindowBits) }
        } catch {
            throw ValidationError(error, flag: "--request-max-window-bits")
        }
    }

    /// The negotiator the options describe.
    var negotiator: ServerNegotiator {
        let policies: [ServerExtensionPolicy] = extensions.map { choice in
            switch choice {
            case .deflate:
                return .perMessageDeflate(
                    requestNoContextTakeover: requestNoContextTakeover, requestMaxWindowBits: requestMaxWindowBits,
                    noContextTakeover: noContextTakeover ? true : nil, windowBits: windowBits, memoryLevel: memLevel,
                    compressionLevel: compressionLevel, maxMessageSize: maxMessageSize)
            case .bzip2:
                return .perMessageBzip2(requestMaxCompressLevel: requestMaxCompressLevel, compressLevel: compressLevel, maxMessageSize: maxMessageSize)
            case .snappy:
                return .perMessageSnappy(
                    requestNoContextTakeover: requestNoContextTakeover, noContextTakeover: noContextTakeover ? true : nil, maxMessageSize: maxMessageSize)
            }
        }
        return ServerNegotiator(policies, preference: prefer, invalidOffers: invalidOffers.value)
    }
}
