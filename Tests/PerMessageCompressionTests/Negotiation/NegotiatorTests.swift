import PerMessageCompression
import Testing

extension NegotiationTests {
    /// The server-side negotiator: choosing among offers, declining with reasons.
    struct ServerNegotiatorTests {
        @Test func picksTheFirstOfferOfTheServersPreferredExtension() throws {
            let negotiator = ServerNegotiator([.perMessageSnappy(), .perMessageDeflate()])
            let result = try negotiator.negotiate(offerHeaders: ["permessage-deflate; client_max_window_bits, permessage-snappy; server_no_context_takeover"])
            #expect(result.responseHeader == "permessage-snappy; server_no_context_takeover")
            #expect(result.declined.isEmpty)
        }

        @Test func clientPreferenceFollowsTheHeadersOrder() throws {
            let negotiator = ServerNegotiator([.perMessageSnappy(), .perMessageDeflate()], preference: .client)
            let result = try negotiator.negotiate(offerHeaders: ["permessage-deflate; client_max_window_bits", "permessage-snappy"])
            #expect(result.accepted?.extensionName == "permessage-deflate")
        }

        @Test func invalidOfferIsDeclinedWithItsErrorAndTheNextOneAccepted() throws {
            let negotiator = ServerNegotiator([.perMessageDeflate()])
            let result = try negotiator.negotiate(offerHeaders: ["permessage-deflate; mem_level=4, permessage-deflate; server_no_context_takeover"])
            #expect(result.responseHeader == "permessage-deflate; server_no_context_takeover")
            #expect(result.declined.map(\.reason) == [.invalid(.unknownParameter(extension: "permessage-deflate", parameter: "mem_level"))])
        }

        @Test func failHandshakeModeThrowsForAnInvalidOfferEvenAfterAValidOne() {
            let negotiator = ServerNegotiator([.perMessageDeflate()], invalidOffers: .failHandshake)
            #expect(throws: NegotiationError.duplicateParameter(extension: "permessage-deflate", parameter: "server_no_context_takeover")) {
                try negotiator.negotiate(offerHeaders: ["permessage-deflate, permessage-deflate; server_no_context_takeover; server_no_context_takeover"])
            }
        }

        @Test func offerBindingTheServerToWindowEightIsDeclinedAndTheNextAccepted() throws {
            let negotiator = ServerNegotiator([.perMessageDeflate(windowBits: bits(12))])
            let result = try negotiator.negotiate(offerHeaders: ["permessage-deflate; server_max_window_bits=8, permessage-deflate; server_max_window_bits=10"])
            #expect(result.responseHeader == "permessage-deflate; server_max_window_bits=10")
            guard case .refused(.unsupportedByCompressor(_, "window_bits", "8", _))? = result.declined.first?.reason else {
                Issue.record("expected a refusal for window 8, got \(result.declined)")
                return
            }
            let accept = try #require(result.accepted?.accept as? PerMessageDeflateOfferAccept)
            #expect(try accept.makeCodec().configuration.sendWindowBits == bits(10))
            guard case .deflate(let configuration)? = result.accepted?.configuration else {
                Issue.record("expected a deflate configuration, got \(String(describing: result.accepted))")
                return
            }
            #expect(configuration.sendWindowBits == bits(10))
        }

        @Test func policyRequestsOnlyWhatTheOfferAllows() throws {
            let negotiator = ServerNegotiator([.perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: bits(10))])
            let withoutWindow = try negotiator.negotiate(offerHeaders: ["permessage-deflate"])
            #expect(withoutWindow.responseHeader == "permessage-deflate; client_no_context_takeover")
            let withWindow = try negotiator.negotiate(offerHeaders: ["permessage-deflate; client_max_window_bits"])
            #expect(withWindow.responseHeader == "permessage-deflate; client_no_context_takeover; client_max_window_bits=10")
        }

        @Test func closurePolicyReturningNilDeclines() throws {
            let negotiator = ServerNegotiator([.perMessageBzip2 { _ in nil }])
            let result = try negotiator.negotiate(offerHeaders: ["permessage-bzip2"])
            #expect(result.accepted == nil && result.responseHeader == nil)
            #expect(result.declined.map(\.reason) == [.declinedByPolicy])
        }

        @Test func unknownExtensionsAreIgnoredAndNothingIsAcceptedWithoutAPolicy() throws {
            let result = try ServerNegotiator([.perMessageSnappy()]).negotiate(offerHeaders: ["x-webkit-deflate-frame, permessage-deflate; bogus"])
            #expect(result.accepted == nil && result.declined.isEmpty)
        }

        @Test func malformedHeaderThrows() {
            #expect(throws: NegotiationError.self) { try ServerNegotiator([.perMessageSnappy()]).negotiate(offerHeaders: ["permessage-snappy;"]) }
        }
    }

    /// The client-side negotiator: checking the server's answer against what was offered.
    struct ClientNegotiatorTests {
        let negotiator = ClientNegotiator([
            .perMessageDeflate(.init(requestMaxWindowBits: bits(10))),
            .perMessageDeflate(.init(acceptMaxWindowBits: false)),
            .perMessageSnappy(.init(acceptNoContextTakeover: false)),
        ])

        @Test func offerHeaderListsEveryOfferInOrder() {
            #expect(negotiator.offerHeader
                == "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=10, permessage-deflate; client_no_context_takeover, permessage-snappy")
        }

        @Test func noAnswerMeansNoCompression() throws {
            #expect(try negotiator.negotiate(responseHeaders: []) == nil)
        }

        @Test func answerMatchingTheSecondOfferOfAnExtensionIsAccepted() throws {
            let accepted = try negotiator.negotiate(responseHeaders: ["permessage-deflate; client_no_context_takeover"])
            guard let accept = accepted?.accept as? PerMessageDeflateResponseAccept else {
                Issue.record("expected deflate, got \(String(describing: accepted))")
                return
            }
            #expect(accept.response == .init(clientNoContextTakeover: true))
        }

        @Test func answerFittingNoOfferThrowsTheFirstOffersReason() {
            #expect(throws: NegotiationError.notAllowedByPeer(extension: "permessage-deflate", parameter: "server_max_window_bits", value: "12", reason: "the client requested at most 10")) {
                try negotiator.negotiate(responseHeaders: ["permessage-deflate; server_max_window_bits=12; client_max_window_bits=10"])
            }
        }

        @Test func unofferedOrSeveralExtensionsThrow() {
            #expect(throws: NegotiationError.unofferedExtension(extension: "permessage-bzip2")) {
                try negotiator.negotiate(responseHeaders: ["permessage-bzip2"])
            }
            #expect(throws: NegotiationError.multipleCompressionExtensions(["permessage-deflate", "permessage-snappy"])) {
                try negotiator.negotiate(responseHeaders: ["permessage-deflate; server_max_window_bits=9", "permessage-snappy"])
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: "permessage-snappy", parameter: "client_no_context_takeover", value: "true", reason: "the client's offer did not include client_no_context_takeover")) {
                try negotiator.negotiate(responseHeaders: ["permessage-snappy; client_no_context_takeover"])
            }
        }

        @Test func clientWindowOfEightFailsTheConnection() {
            #expect(throws: NegotiationError.unsupportedByCompressor(
                extension: "permessage-deflate", parameter: "window_bits", value: "8",
                reason: "zlib (1.2.9 and later) cannot compress raw deflate with a window of 8 bits; declining")) {
                try ClientNegotiator([.perMessageDeflate(windowBits: bits(12))]).negotiate(responseHeaders: ["permessage-deflate; client_max_window_bits=8"])
            }
        }

        static let offers: [[ClientExtensionOffer]] = [
            [.perMessageDeflate(.init(requestNoContextTakeover: true, requestMaxWindowBits: bits(11)))],
            [.perMessageBzip2(.init(requestMaxCompressLevel: level(3)))],
            [.perMessageSnappy(.init(requestNoContextTakeover: true))],
        ]

        @Test(arguments: offers)
        func negotiatedCodecsOnBothEndsUnderstandEachOther(offers: [ClientExtensionOffer]) throws {
            let client = ClientNegotiator(offers)
            let server = ServerNegotiator([
                .perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: bits(9)),
                .perMessageBzip2(requestMaxCompressLevel: level(2)),
                .perMessageSnappy(requestNoContextTakeover: true),
            ])
            let outcome = try server.negotiate(offerHeaders: [client.offerHeader])
            let serverCodec = try #require(outcome.accepted).makeCodec()
            let responseHeader = try #require(outcome.responseHeader)
            let clientCodec = try #require(try client.negotiate(responseHeaders: [responseHeader])).makeCodec()
            let messages = (0..<3).map { Array("message \($0) says hello hello hello".utf8) }
            for message in messages {
                #expect(try serverCodec.decompressMessage(clientCodec.compressMessage(message)) == message)
                #expect(try clientCodec.decompressMessage(serverCodec.compressMessage(message)) == message)
            }
        }
    }
}
