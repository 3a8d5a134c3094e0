import PerMessageCompression
import Testing

extension NegotiationTests {
    /// The README's negotiation example, as written there, so it stays true.
    struct ReadmeNegotiationExampleTests {
        @Test func readmeNegotiationExampleGivesTheHeadersItShowsAndCodecsThatTalk() throws {
            let server = ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: WindowBits(rawValue: 12), maxMessageSize: 1 << 20), .perMessageSnappy()])
            let outcome = try server.negotiate(offerHeaders: ["permessage-deflate; client_max_window_bits, permessage-snappy"])
            let response = try #require(outcome.responseHeader)
            let serverCodec = try #require(outcome.accepted).makeCodec()
            // README: `outcome.accepted!.makeCodec()`

            let client = ClientNegotiator([.perMessageDeflate(), .perMessageSnappy()])
            let offer = client.offerHeader
            let clientCodec = try #require(try client.negotiate(responseHeaders: [response])).makeCodec()

            #expect(response == "permessage-deflate; client_max_window_bits=12")
            #expect(offer == "permessage-deflate; client_no_context_takeover; client_max_window_bits, permessage-snappy; client_no_context_takeover")
            #expect(try serverCodec.decompressMessage(clientCodec.compressMessage(Array("Hello".utf8))) == Array("Hello".utf8))
        }
    }
}
