import Foundation
import PerMessageCompression
import Testing

/// A whole negotiation against an Autobahn|Python client: it offers, our server answers, it
/// accepts our answer, and the two codecs exchange messages in both directions.
extension NegotiationTests.AutobahnInteropTests {
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

    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return result
    }

    @Test(arguments: 0..<exchanges.count)
    func negotiatedCodecsExchangeMessagesWithAnAutobahnClient(index: Int) throws {
        let (offer, policy) = Self.exchanges[index]
        let outcome = try ServerNegotiator([policy]).negotiate(offerHeaders: [offer])
        let response = try #require(outcome.responseHeader, "no offer accepted from \(offer): \(outcome.declined)")
        let server = try #require(outcome.accepted).makeCodec()
        let fromServer = try Self.messages.map { Self.hex(try server.compressMessage($0)) }
        let name = String(offer.prefix { $0 != ";" })
        let answer = try #require(try AutobahnPeer.ask([[
            "op": "client_exchange", "ext": name, "response": response,
            "to_server": Self.messages.map(Self.hex), "from_server": fromServer,
        ]]).first)
        guard answer["error"] == nil else {
            Issue.record("Autobahn failed with \(response): \(answer)")
            return
        }
        let payloads = try #require(try JSONSerialization.jsonObject(with: Data((answer["payloads"] ?? "").utf8)) as? [String])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data((answer["decoded"] ?? "").utf8)) as? [String])
        #expect(decoded.map(Self.bytes) == Self.messages, "Autobahn decoded our server's messages for \(response)")
        #expect(try payloads.map { try server.decompressMessage(Self.bytes($0)) } == Self.messages, "we decoded Autobahn's messages for \(response)")
    }
}
