import Foundation
import PerMessageCompression
import Testing
import TestSupport

/// Whole negotiations against Autobahn|Python: with an Autobahn client (it offers, our server
/// answers) and with an Autobahn server (our client offers, it answers); then the two codecs
/// exchange messages in both directions.
extension NegotiationTests.AutobahnNegotiationInteropTests {
    static let exchanges: [(offer: String, policy: ServerExtensionPolicy)] = [
        (PerMessageDeflateOffer().extensionString,
            .perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: bits(9), noContextTakeover: true, windowBits: bits(10))),
        (PerMessageDeflateOffer(requestNoContextTakeover: true, requestMaxWindowBits: bits(11)).extensionString, .perMessageDeflate()),
        (PerMessageDeflateOffer(acceptNoContextTakeover: false, acceptMaxWindowBits: false).extensionString, .perMessageDeflate(memoryLevel: .min)),
        (PerMessageBzip2Offer(requestMaxCompressLevel: level(3)).extensionString, .perMessageBzip2(requestMaxCompressLevel: .min)),
        (PerMessageBzip2Offer(acceptMaxCompressLevel: false).extensionString, .perMessageBzip2(compressLevel: level(4))),
        (PerMessageSnappyOffer(requestNoContextTakeover: true).extensionString, .perMessageSnappy(requestNoContextTakeover: true)),
        (PerMessageSnappyOffer().extensionString, .perMessageSnappy()),
    ]

    static let messages: [[UInt8]] = [
        Array("hello hello hello".utf8), Array("hello hello hello".utf8), [],
        Array((0..<70_000).map { UInt8(truncatingIfNeeded: ($0 * 7) % 251 + ($0 / 1000)) }),
        Array(#"{"type":"tick","symbol":"ABC","price":101.25}"#.utf8),
    ]

    @Test(arguments: 0..<exchanges.count)
    func negotiatedCodecsExchangeMessagesWithAnAutobahnClient(index: Int) throws {
        let (offer, policy) = Self.exchanges[index]
        let outcome = try ServerNegotiator([policy]).negotiate(offerHeaders: [offer])
        let response = try #require(outcome.responseHeader, "no offer accepted from \(offer): \(outcome.declined)")
        let server = try #require(outcome.accepted).makeCodec()
        let fromServer = try Self.messages.map { Hex.encode(try server.compressMessage($0)) }
        let name = String(offer.prefix { $0 != ";" })
        let answer = try #require(try AutobahnNegotiationPeer.ask([[
            "op": "client_exchange", "ext": name, "response": response,
            "to_server": Self.messages.map { Hex.encode($0) }, "from_server": fromServer,
        ]]).first)
        guard answer["error"] == nil else {
            Issue.record("Autobahn failed with \(response): \(answer)")
            return
        }
        let payloads = try #require(try JSONSerialization.jsonObject(with: Data((answer["payloads"] ?? "").utf8)) as? [String])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data((answer["decoded"] ?? "").utf8)) as? [String])
        #expect(try decoded.map { try hexBytes($0) } == Self.messages, "Autobahn decoded our server's messages for \(response)")
        #expect(try payloads.map { try server.decompressMessage(try hexBytes($0)) } == Self.messages, "we decoded Autobahn's messages for \(response)")
    }

    /// Our client's offer, and the Autobahn server's `OfferAccept` keyword arguments as JSON.
    static let serverExchanges: [(offer: ClientExtensionOffer, kwargs: String)] = [
        (.perMessageDeflate(), #"{"request_no_context_takeover": true, "request_max_window_bits": 10}"#),
        (.perMessageDeflate(.init(requestNoContextTakeover: true, requestMaxWindowBits: bits(12))), #"{"window_bits": 9, "mem_level": 1}"#),
        (.perMessageDeflate(windowBits: bits(11), memoryLevel: .max), #"{"request_max_window_bits": 13}"#),
        (.perMessageBzip2(), #"{"request_max_compress_level": 2}"#),
        (.perMessageBzip2(.init(requestMaxCompressLevel: level(5))), #"{"compress_level": 1}"#),
        (.perMessageSnappy(), #"{"request_no_context_takeover": true}"#),
        (.perMessageSnappy(.init(requestNoContextTakeover: true)), "{}"),
    ]

    @Test(arguments: 0..<serverExchanges.count)
    func negotiatedCodecsExchangeMessagesWithAnAutobahnServer(index: Int) throws {
        let (offer, kwargs) = Self.serverExchanges[index]
        let client = ClientNegotiator([offer])
        let request: [String: Any] = ["ext": offer.element.name, "offer": client.offerHeader, "kwargs": try jsonObject(kwargs)]
        let accepted = try #require(try AutobahnNegotiationPeer.ask([request.merging(["op": "server_accept"]) { $1 }]).first)
        let response = try #require(accepted["string"], "Autobahn refused \(client.offerHeader): \(accepted)")
        let codec = try #require(try client.negotiate(responseHeaders: [response])).makeCodec()
        let fromClient = try Self.messages.map { Hex.encode(try codec.compressMessage($0)) }
        let answer = try #require(try AutobahnNegotiationPeer.ask([request.merging([
            "op": "server_exchange", "to_client": Self.messages.map { Hex.encode($0) }, "from_client": fromClient,
        ]) { $1 }]).first)
        guard answer["error"] == nil else {
            Issue.record("Autobahn failed with \(response): \(answer)")
            return
        }
        let payloads = try #require(try JSONSerialization.jsonObject(with: Data((answer["payloads"] ?? "").utf8)) as? [String])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data((answer["decoded"] ?? "").utf8)) as? [String])
        #expect(try decoded.map { try hexBytes($0) } == Self.messages, "Autobahn decoded our client's messages for \(response)")
        #expect(try payloads.map { try codec.decompressMessage(try hexBytes($0)) } == Self.messages, "we decoded Autobahn's messages for \(response)")
    }
}

/// A hex string from the script, as bytes.
private func hexBytes(_ hex: String) throws -> [UInt8] {
    guard let bytes = Hex.decode(hex) else { throw AutobahnPeer.Failure(description: "not hex: \(hex.prefix(40))") }
    return bytes
}
