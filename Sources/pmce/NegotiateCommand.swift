import ArgumentParser
import Foundation
import PerMessageCompression

/// `pmce negotiate`: runs the server side (and optionally the client side) of a handshake and
/// prints what was agreed as JSON.
struct NegotiateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "negotiate",
        abstract: "Negotiate per-message compression for a client's Sec-WebSocket-Extensions header.",
        discussion: """
            Prints the server's response header, the accepted offer in Autobahn|Python's JSON form, \
            every declined offer with its reason, and the resulting codec parameters. With --response, \
            also checks a server's answer as the client that sent --offer would.

            Example: pmce negotiate --offer 'permessage-deflate; client_max_window_bits' --request-max-window-bits 10
            """
    )

    /// What to do with an invalid offer (``ServerNegotiator/InvalidOffers``, spelt for the command line).
    enum InvalidOffers: String, ExpressibleByArgument, CaseIterable {
        case decline, fail

        var value: ServerNegotiator.InvalidOffers { self == .decline ? .decline : .failHandshake }
    }

    @Option(name: .long, help: "The client's Sec-WebSocket-Extensions value (repeat for repeated headers).")
    var offer: [String]

    @Option(name: .long, help: "A server's Sec-WebSocket-Extensions answer to check as the client that sent --offer.")
    var response: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Extensions the server accepts, in its order of preference.")
    var accept: [CompressionExtension] = CompressionExtension.allCases

    @Option(name: .long, help: "Whose order wins: server (order of --accept) or client (order of the header).")
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

    /// Negotiates and prints the report; a ``NegotiationError`` ends the command with its description.
    func run() throws {
        let negotiator = ServerNegotiator(policies, preference: prefer, invalidOffers: invalidOffers.value)
        let outcome = try negotiator.negotiate(offerHeaders: offer)
        var report = NegotiationReport(offers: try WebSocketExtension.parse(headers: offer), server: outcome)
        report.serverCodec = outcome.accepted.map { CodecParameters($0.configuration, role: .server) }
        if let response {
            let client = ClientNegotiator(try Self.clientOffers(offer))
            let accepted = try client.negotiate(responseHeaders: [response])
            report.clientAccept = accepted
            report.clientCodec = accepted.map { CodecParameters($0.configuration, role: .client) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    private var policies: [ServerExtensionPolicy] {
        accept.map { choice in
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
    }

    /// The client's offers, rebuilt from its header (elements of other extensions are left out).
    private static func clientOffers(_ headers: [String]) throws(NegotiationError) -> [ClientExtensionOffer] {
        var offers: [ClientExtensionOffer] = []
        for element in try WebSocketExtension.parse(headers: headers) {
            if let offer = try ClientExtensionOffer.offering(element) { offers.append(offer) }
        }
        return offers
    }
}
