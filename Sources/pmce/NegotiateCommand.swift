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

    @Option(name: .long, help: "The client's Sec-WebSocket-Extensions value (repeat for repeated headers).")
    var offer: [String]

    @Option(name: .long, help: "A server's Sec-WebSocket-Extensions answer to check as the client that sent --offer.")
    var response: String?

    @OptionGroup(title: "Server") var server: ServerPolicyOptions

    /// Negotiates and prints the report; a ``NegotiationError`` ends the command with its description.
    func run() throws {
        let outcome = try server.negotiator.negotiate(offerHeaders: offer)
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

    /// The client's offers, rebuilt from its header (elements of other extensions are left out).
    private static func clientOffers(_ headers: [String]) throws(NegotiationError) -> [ClientExtensionOffer] {
        var offers: [ClientExtensionOffer] = []
        for element in try WebSocketExtension.parse(headers: headers) {
            if let offer = try ClientExtensionOffer.offering(element) { offers.append(offer) }
        }
        return offers
    }
}
