import Foundation
import PerMessageCompression
import Testing

func level(_ raw: Int) -> Bzip2Level { Bzip2Level(rawValue: raw)! }

extension NegotiationTests {
    /// permessage-bzip2's four negotiation types, checked against Autobahn|Python's rules.
    struct Bzip2NegotiationTests {
        static let name = "permessage-bzip2"

        static let validOffers: [(String, PerMessageBzip2Offer)] = [
            ("permessage-bzip2", .init(acceptMaxCompressLevel: false)),
            ("permessage-bzip2; client_max_compress_level", .init()),
            ("permessage-bzip2; server_max_compress_level=1", .init(acceptMaxCompressLevel: false, requestMaxCompressLevel: level(1))),
            ("permessage-bzip2; client_max_compress_level; server_max_compress_level=9", .init(requestMaxCompressLevel: .max)),
        ]

        @Test(arguments: validOffers)
        func validOfferParsesToSettings(header: String, expected: PerMessageBzip2Offer) throws {
            #expect(try PerMessageBzip2Offer.parse(element(header)) == expected)
            #expect(try PerMessageBzip2Offer.parse(element(expected.extensionString)) == expected)
        }

        static let invalidOffers: [(String, NegotiationError)] = [
            ("client_max_compress_level=5", .unexpectedValue(extension: name, parameter: "client_max_compress_level", value: "5")),
            ("server_max_compress_level", .invalidValue(extension: name, parameter: "server_max_compress_level", value: nil, allowed: "1...9")),
            ("server_max_compress_level=0", .invalidValue(extension: name, parameter: "server_max_compress_level", value: "0", allowed: "1...9")),
            ("server_max_compress_level=10", .invalidValue(extension: name, parameter: "server_max_compress_level", value: "10", allowed: "1...9")),
            ("server_max_compress_level=1; server_max_compress_level=2", .duplicateParameter(extension: name, parameter: "server_max_compress_level")),
            ("server_no_context_takeover", .unknownParameter(extension: name, parameter: "server_no_context_takeover")),
        ]

        @Test(arguments: invalidOffers)
        func invalidOfferIsRejectedNamingParameterAndValue(parameters: String, expected: NegotiationError) {
            #expect(throws: expected) { try PerMessageBzip2Offer.parse(element("permessage-bzip2; " + parameters)) }
        }

        static let invalidResponses: [(String, NegotiationError)] = [
            ("client_max_compress_level", .invalidValue(extension: name, parameter: "client_max_compress_level", value: nil, allowed: "1...9")),
            ("server_max_compress_level=x", .invalidValue(extension: name, parameter: "server_max_compress_level", value: "x", allowed: "1...9")),
            ("client_max_compress_level=2; client_max_compress_level=2", .duplicateParameter(extension: name, parameter: "client_max_compress_level")),
            ("level=2", .unknownParameter(extension: name, parameter: "level")),
        ]

        @Test(arguments: invalidResponses)
        func invalidResponseIsRejectedNamingParameterAndValue(parameters: String, expected: NegotiationError) {
            #expect(throws: expected) { try PerMessageBzip2Response.parse(element("permessage-bzip2; " + parameters)) }
        }

        @Test func offerAcceptRefusesWhatTheOfferDoesNotAllow() {
            let offer = PerMessageBzip2Offer(acceptMaxCompressLevel: false, requestMaxCompressLevel: level(4))
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "client_max_compress_level", value: "3", reason: "feature unsupported by client")) {
                try PerMessageBzip2OfferAccept(offer: offer, requestMaxCompressLevel: level(3))
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "compress_level", value: "5", reason: "client requested a lower maximum value (4)")) {
                try PerMessageBzip2OfferAccept(offer: offer, compressLevel: level(5))
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "compress_level", value: "6", reason: "server requested a lower maximum value (2)")) {
                try PerMessageBzip2ResponseAccept(response: .init(clientMaxCompressLevel: level(2)), compressLevel: level(6))
            }
        }

        @Test func levelsMapToEachSidesSendLevel() throws {
            let accept = try PerMessageBzip2OfferAccept(offer: .init(requestMaxCompressLevel: level(4)), requestMaxCompressLevel: level(2), maxMessageSize: 10)
            #expect(accept.extensionString == "permessage-bzip2; server_max_compress_level=4; client_max_compress_level=2")
            #expect(try accept.makeCodec(role: .server).configuration == .init(sendLevel: level(4), maxMessageSize: 10))
            #expect(try accept.makeCodec(role: .client).configuration.sendLevel == level(2))
            let responseAccept = try PerMessageBzip2ResponseAccept(response: accept.response, compressLevel: level(1))
            #expect(try responseAccept.makeCodec().configuration.sendLevel == level(1))
            #expect(try PerMessageBzip2ResponseAccept(response: .init()).makeCodec().configuration.sendLevel == .max)
        }

        @Test func jsonUsesAutobahnsKeysAndRoundTrips() throws {
            let accept = try PerMessageBzip2OfferAccept(offer: .init(), requestMaxCompressLevel: level(3))
            let json = try canonicalJSON(accept)
            #expect(json == #"{"compress_level":null,"extension":"permessage-bzip2","offer":{"accept_max_compress_level":true,"extension":"permessage-bzip2","request_max_compress_level":0},"request_max_compress_level":3}"#)
            #expect(try JSONDecoder().decode(AutobahnJSON<PerMessageBzip2OfferAccept>.self, from: Data(json.utf8)).value == accept)
            let responseAccept = try PerMessageBzip2ResponseAccept(response: .init(serverMaxCompressLevel: level(7)))
            #expect(try canonicalJSON(responseAccept) == #"{"compress_level":null,"extension":"permessage-bzip2","response":{"client_max_compress_level":0,"extension":"permessage-bzip2","server_max_compress_level":7}}"#)
        }
    }

    /// permessage-snappy's four negotiation types, checked against Autobahn|Python's rules.
    struct SnappyNegotiationTests {
        static let name = "permessage-snappy"

        static let validOffers: [(String, PerMessageSnappyOffer)] = [
            ("permessage-snappy", .init(acceptNoContextTakeover: false)),
            ("permessage-snappy; client_no_context_takeover", .init()),
            ("permessage-snappy; server_no_context_takeover", .init(acceptNoContextTakeover: false, requestNoContextTakeover: true)),
            ("permessage-snappy; server_no_context_takeover; client_no_context_takeover", .init(requestNoContextTakeover: true)),
        ]

        @Test(arguments: validOffers)
        func validOfferParsesToSettings(header: String, expected: PerMessageSnappyOffer) throws {
            #expect(try PerMessageSnappyOffer.parse(element(header)) == expected)
            #expect(try PerMessageSnappyOffer.parse(element(expected.extensionString)) == expected)
        }

        static let invalid: [(String, NegotiationError)] = [
            ("client_no_context_takeover=1", .unexpectedValue(extension: name, parameter: "client_no_context_takeover", value: "1")),
            ("server_no_context_takeover; server_no_context_takeover", .duplicateParameter(extension: name, parameter: "server_no_context_takeover")),
            ("client_max_window_bits", .unknownParameter(extension: name, parameter: "client_max_window_bits")),
        ]

        @Test(arguments: invalid)
        func invalidOfferOrResponseIsRejectedNamingParameterAndValue(parameters: String, expected: NegotiationError) {
            #expect(throws: expected) { try PerMessageSnappyOffer.parse(element("permessage-snappy; " + parameters)) }
            #expect(throws: expected) { try PerMessageSnappyResponse.parse(element("permessage-snappy; " + parameters)) }
        }

        @Test func acceptsRefuseWhatThePeerDoesNotAllow() {
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "client_no_context_takeover", value: "true", reason: "feature unsupported by client")) {
                try PerMessageSnappyOfferAccept(offer: .init(acceptNoContextTakeover: false), requestNoContextTakeover: true)
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "no_context_takeover", value: "false", reason: "client requested server_no_context_takeover")) {
                try PerMessageSnappyOfferAccept(offer: .init(requestNoContextTakeover: true), noContextTakeover: false)
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "no_context_takeover", value: "false", reason: "server requested client_no_context_takeover")) {
                try PerMessageSnappyResponseAccept(response: .init(clientNoContextTakeover: true), noContextTakeover: false)
            }
        }

        @Test func takeoverMapsToEachSidesSendAndReceive() throws {
            let accept = try PerMessageSnappyOfferAccept(offer: .init(requestNoContextTakeover: true), maxMessageSize: 64)
            #expect(accept.extensionString == "permessage-snappy; server_no_context_takeover")
            #expect(try accept.makeCodec(role: .server).configuration == .init(sendNoContextTakeover: true, receiveNoContextTakeover: false, maxMessageSize: 64))
            let client = try PerMessageSnappyResponseAccept(response: accept.response, noContextTakeover: true).makeCodec(role: .client).configuration
            #expect(try client == .init(sendNoContextTakeover: true, receiveNoContextTakeover: true))
        }

        @Test func jsonUsesAutobahnsKeysAndRoundTrips() throws {
            let accept = try PerMessageSnappyOfferAccept(offer: .init(), requestNoContextTakeover: true, noContextTakeover: false)
            let json = try canonicalJSON(accept)
            #expect(json == #"{"extension":"permessage-snappy","no_context_takeover":false,"offer":{"accept_no_context_takeover":true,"extension":"permessage-snappy","request_no_context_takeover":false},"request_no_context_takeover":true}"#)
            #expect(try JSONDecoder().decode(AutobahnJSON<PerMessageSnappyOfferAccept>.self, from: Data(json.utf8)).value == accept)
            #expect(try canonicalJSON(PerMessageSnappyResponseAccept(response: .init())) == #"{"extension":"permessage-snappy","no_context_takeover":null,"response":{"client_no_context_takeover":false,"extension":"permessage-snappy","server_no_context_takeover":false}}"#)
        }
    }
}
