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

    /// An extension the server accepts.
    enum Extension: String, ExpressibleByArgument, CaseIterable {
        case deflate, bzip2, snappy
    }

    /// Whose order of preference wins (mirrors ``ServerNegotiator/Preference``).
    enum Preference: String, ExpressibleByArgument, CaseIterable {
        case server, client
    }

    /// What to do with an invalid offer (mirrors ``ServerNegotiator/InvalidOffers``).
    enum InvalidOffers: String, ExpressibleByArgument, CaseIterable {
        case decline, fail
    }

    @Option(name: .long, help: "The client's Sec-WebSocket-Extensions value (repeat for repeated headers).")
    var offer: [String]

    @Option(name: .long, help: "A server's Sec-WebSocket-Extensions answer to check as the client that sent --offer.")
    var response: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Extensions the server accepts, in its order of preference.")
    var accept: [Extension] = [.deflate, .bzip2, .snappy]

    @Option(name: .long, help: "Whose order wins: server (order of --accept) or client (order of the header).")
    var prefer: Preference = .server

    @Option(name: .long, help: "decline (RFC 7692) or fail (as Autobahn|Python does) on an invalid offer.")
    var invalidOffers: InvalidOffers = .decline

    @Flag(name: .long, help: "Ask the client for client_no_context_takeover (deflate, snappy).")
    var requestNoContextTakeover = false

    @Option(name: .long, help: "Ask the client for client_max_window_bits=N (deflate, 9...15).")
    var requestMaxWindowBits: Int?

    @Option(name: .long, help: "Ask the client for client_max_compress_level=N (bzip2, 1...9).")
    var requestMaxCompressLevel: Int?

    @Flag(name: .long, help: "Drop the server's own context between messages (deflate, snappy).")
    var noContextTakeover = false

    @Option(name: .long, help: "The server's largest window (deflate, 9...15).")
    var windowBits: Int?

    @Option(name: .long, help: "zlib memLevel for the server's compressor (deflate, 1...9).")
    var memLevel: Int?

    @Option(name: .long, help: "zlib level for the server's compressor (deflate, -1...9).")
    var compressionLevel: Int = CompressionLevel.default.rawValue

    @Option(name: .long, help: "The server's bzip2 level (1...9).")
    var compressLevel: Int?

    @Option(name: .long, help: "The most bytes a received message may decompress to.")
    var maxMessageSize: Int?

    func validate() throws {
        try Self.check(requestMaxWindowBits, WindowBits.compressible, "--request-max-window-bits")
        try Self.check(windowBits, WindowBits.compressible, "--window-bits")
        try Self.check(memLevel, MemoryLevel.allowed, "--mem-level")
        try Self.check(compressionLevel, CompressionLevel.allowed, "--compression-level")
        try Self.check(requestMaxCompressLevel, Bzip2Level.allowed, "--request-max-compress-level")
        try Self.check(compressLevel, Bzip2Level.allowed, "--compress-level")
        try Self.check(maxMessageSize, 0...Int.max, "--max-message-size")
    }

    private static func check(_ value: Int?, _ range: ClosedRange<Int>, _ option: String) throws {
        if let value, !range.contains(value) {
            throw ValidationError("\(option) \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
    }

    /// Negotiates and prints the report; a ``NegotiationError`` ends the command with its description.
    func run() throws {
        let negotiator = ServerNegotiator(
            policies, preference: prefer == .server ? .server : .client,
            invalidOffers: invalidOffers == .decline ? .decline : .failHandshake)
        let outcome = try negotiator.negotiate(offerHeaders: offer)
        var report = NegotiationReport(offers: try WebSocketExtension.parse(headers: offer), server: outcome)
        if let accepted = outcome.accepted {
            report.serverCodec = CodecParameters(try accepted.makeCodec(role: .server), role: .server)
        }
        if let response {
            let client = ClientNegotiator(try Self.clientOffers(offer))
            let accepted = try client.negotiate(responseHeaders: [response])
            report.clientAccept = accepted
            report.clientCodec = try accepted.map { CodecParameters(try $0.makeCodec(role: .client), role: .client) }
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
                    requestNoContextTakeover: requestNoContextTakeover,
                    requestMaxWindowBits: requestMaxWindowBits.flatMap(WindowBits.init(rawValue:)),
                    noContextTakeover: noContextTakeover ? true : nil,
                    windowBits: windowBits.flatMap(WindowBits.init(rawValue:)),
                    memoryLevel: memLevel.flatMap(MemoryLevel.init(rawValue:)),
                    compressionLevel: CompressionLevel(rawValue: compressionLevel) ?? .default,
                    maxMessageSize: maxMessageSize)
            case .bzip2:
                return .perMessageBzip2(
                    requestMaxCompressLevel: requestMaxCompressLevel.flatMap(Bzip2Level.init(rawValue:)),
                    compressLevel: compressLevel.flatMap(Bzip2Level.init(rawValue:)),
                    maxMessageSize: maxMessageSize)
            case .snappy:
                return .perMessageSnappy(
                    requestNoContextTakeover: requestNoContextTakeover,
                    noContextTakeover: noContextTakeover ? true : nil,
                    maxMessageSize: maxMessageSize)
            }
        }
    }

    /// The client's offers, rebuilt from its header (elements of other extensions are left out).
    private static func clientOffers(_ headers: [String]) throws(NegotiationError) -> [ClientExtensionOffer] {
        var offers: [ClientExtensionOffer] = []
        for element in try WebSocketExtension.parse(headers: headers) {
            switch element.name {
            case PerMessageDeflateOffer.extensionName: offers.append(.perMessageDeflate(try .parse(element)))
            case PerMessageBzip2Offer.extensionName: offers.append(.perMessageBzip2(try .parse(element)))
            case PerMessageSnappyOffer.extensionName: offers.append(.perMessageSnappy(try .parse(element)))
            default: continue
            }
        }
        return offers
    }
}

