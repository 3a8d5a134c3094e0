import Foundation
import PerMessageCompression
import Testing

/// The single extension element of `header`.
func element(_ header: String) throws(NegotiationError) -> WebSocketExtension {
    let elements = try WebSocketExtension.parse(header: header)
    guard elements.count == 1 else { throw .multipleCompressionExtensions(elements.map(\.name)) }
    return elements[0]
}

func bits(_ raw: Int) -> WindowBits { WindowBits(rawValue: raw)! }

extension NegotiationTests {
    /// permessage-deflate's four negotiation types, checked against Autobahn|Python's rules.
    struct DeflateNegotiationTests {
        static let validOffers: [(String, PerMessageDeflateOffer)] = [
            ("permessage-deflate", .init(acceptMaxWindowBits: false)),
            ("permessage-deflate; client_max_window_bits", .init()),
            ("permessage-deflate; client_max_window_bits=10", .init()),
            ("permessage-deflate; client_max_window_bits=8", .init()),  // a hint about the client's own window
            ("permessage-deflate; client_no_context_takeover", .init(acceptMaxWindowBits: false)),
            ("permessage-deflate; server_no_context_takeover; server_max_window_bits=9",
                .init(acceptMaxWindowBits: false, requestNoContextTakeover: true, requestMaxWindowBits: bits(9))),
            (#"permessage-deflate; server_max_window_bits="12""#, .init(acceptMaxWindowBits: false, requestMaxWindowBits: bits(12))),
            // RFC 7692 allows 8; Autobahn refuses it. It parses here and the server declines it when accepting.
            ("permessage-deflate; server_max_window_bits=8", .init(acceptMaxWindowBits: false, requestMaxWindowBits: bits(8))),
        ]

        @Test(arguments: validOffers)
        func validOfferParsesToSettings(header: String, expected: PerMessageDeflateOffer) throws {
            #expect(try PerMessageDeflateOffer.parse(element(header)) == expected)
        }

        static let name = "permessage-deflate"
        static let invalidOffers: [(String, NegotiationError)] = [
            ("server_no_context_takeover; server_no_context_takeover", .duplicateParameter(extension: name, parameter: "server_no_context_takeover")),
            ("client_max_window_bits; client_max_window_bits=10", .duplicateParameter(extension: name, parameter: "client_max_window_bits")),
            ("mem_level=8", .unknownParameter(extension: name, parameter: "mem_level")),
            ("x; server_no_context_takeover; server_no_context_takeover", .unknownParameter(extension: name, parameter: "x")),
            ("server_no_context_takeover; x; server_no_context_takeover", .duplicateParameter(extension: name, parameter: "server_no_context_takeover")),
            ("client_no_context_takeover=1", .unexpectedValue(extension: name, parameter: "client_no_context_takeover", value: "1")),
            ("server_no_context_takeover=true", .unexpectedValue(extension: name, parameter: "server_no_context_takeover", value: "true")),
            ("server_max_window_bits", .invalidValue(extension: name, parameter: "server_max_window_bits", value: nil, allowed: "8...15")),
            ("server_max_window_bits=7", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "7", allowed: "8...15")),
            ("server_max_window_bits=16", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "16", allowed: "8...15")),
            ("server_max_window_bits=abc", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "abc", allowed: "8...15")),
            ("server_max_window_bits=010", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "010", allowed: "8...15")),
            ("server_max_window_bits=+9", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "+9", allowed: "8...15")),
        ("server_max_window_bits=99999999999999999999", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "99999999999999999999", allowed: "8...15")),
            ("client_max_window_bits=0", .invalidValue(extension: name, parameter: "client_max_window_bits", value: "0", allowed: "8...15")),
            ("client_max_window_bits=16", .invalidValue(extension: name, parameter: "client_max_window_bits", value: "16", allowed: "8...15")),
        ]

        @Test(arguments: invalidOffers)
        func invalidOfferIsRejectedNamingParameterAndValue(parameters: String, expected: NegotiationError) {
            #expect(throws: expected) { try PerMessageDeflateOffer.parse(element("permessage-deflate; " + parameters)) }
        }

        @Test func parserForOneExtensionRejectsAnother() {
            #expect(throws: NegotiationError.unexpectedExtension(expected: Self.name, found: "permessage-snappy")) {
                try PerMessageDeflateOffer.parse(element("permessage-snappy"))
            }
        }

        static let invalidResponses: [(String, NegotiationError)] = [
            ("client_max_window_bits", .invalidValue(extension: name, parameter: "client_max_window_bits", value: nil, allowed: "8...15")),
            ("client_max_window_bits=10; client_max_window_bits=10", .duplicateParameter(extension: name, parameter: "client_max_window_bits")),
            ("server_max_window_bits=99", .invalidValue(extension: name, parameter: "server_max_window_bits", value: "99", allowed: "8...15")),
            ("client_no_context_takeover=x", .unexpectedValue(extension: name, parameter: "client_no_context_takeover", value: "x")),
            ("mem_level", .unknownParameter(extension: name, parameter: "mem_level")),
        ]

        @Test(arguments: invalidResponses)
        func invalidResponseIsRejectedNamingParameterAndValue(parameters: String, expected: NegotiationError) {
            #expect(throws: expected) { try PerMessageDeflateResponse.parse(element("permessage-deflate; " + parameters)) }
        }

        @Test func responseParsesEveryParameter() throws {
            let response = try PerMessageDeflateResponse.parse(element(
                "permessage-deflate; server_no_context_takeover; server_max_window_bits=8; client_no_context_takeover; client_max_window_bits=12"))
            #expect(response == .init(clientMaxWindowBits: bits(12), clientNoContextTakeover: true, serverMaxWindowBits: bits(8), serverNoContextTakeover: true))
        }

        static let allOffers: [PerMessageDeflateOffer] = [false, true].flatMap { acceptNCT in
            [false, true].flatMap { acceptMWB in
                [false, true].flatMap { requestNCT in
                    [nil, 9, 12, 15].map { window in
                        PerMessageDeflateOffer(
                            acceptNoContextTakeover: acceptNCT, acceptMaxWindowBits: acceptMWB,
                            requestNoContextTakeover: requestNCT, requestMaxWindowBits: window.map(bits))
                    }
                }
            }
        }

        @Test func offerStringsFollowAutobahnsOrder() {
            #expect(PerMessageDeflateOffer().extensionString == "permessage-deflate; client_no_context_takeover; client_max_window_bits")
            #expect(PerMessageDeflateOffer(requestNoContextTakeover: true, requestMaxWindowBits: bits(10)).extensionString
                == "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_no_context_takeover; server_max_window_bits=10")
        }

        @Test func offerRoundTripsThroughItsHeader() throws {
            // Parsing always sets acceptNoContextTakeover (RFC 7692 §7.1.1.2; Autobahn does the same).
            for offer in Self.allOffers {
                var expected = offer
                expected.acceptNoContextTakeover = true
                #expect(try PerMessageDeflateOffer.parse(element(offer.extensionString)) == expected, "\(offer.extensionString)")
            }
        }

        @Test func responseRoundTripsThroughItsHeader() throws {
            for client in [nil, 8, 9, 15] {
                for server in [nil, 8, 11] {
                    for clientNCT in [false, true] {
                        for serverNCT in [false, true] {
                            let response = PerMessageDeflateResponse(
                                clientMaxWindowBits: client.map(bits), clientNoContextTakeover: clientNCT,
                                serverMaxWindowBits: server.map(bits), serverNoContextTakeover: serverNCT)
                            #expect(try PerMessageDeflateResponse.parse(element(response.extensionString)) == response)
                        }
                    }
                }
            }
        }

        @Test func offerAcceptRefusesWhatTheOfferDoesNotAllow() {
            let plain = PerMessageDeflateOffer(acceptNoContextTakeover: false, acceptMaxWindowBits: false, requestNoContextTakeover: true, requestMaxWindowBits: bits(10))
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "client_no_context_takeover", value: "true", reason: "feature unsupported by client")) {
                try PerMessageDeflateOfferAccept(offer: plain, requestNoContextTakeover: true)
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "client_max_window_bits", value: "12", reason: "feature unsupported by client")) {
                try PerMessageDeflateOfferAccept(offer: plain, requestMaxWindowBits: bits(12))
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "no_context_takeover", value: "false", reason: "client requested server_no_context_takeover")) {
                try PerMessageDeflateOfferAccept(offer: plain, noContextTakeover: false)
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "window_bits", value: "11", reason: "client requested a lower maximum value (10)")) {
                try PerMessageDeflateOfferAccept(offer: plain, windowBits: bits(11))
            }
            #expect(throws: NegotiationError.invalidValue(extension: Self.name, parameter: "max_message_size", value: "-1", allowed: "0 or more")) {
                try PerMessageDeflateOfferAccept(offer: plain, maxMessageSize: -1)
            }
        }

        @Test func offerAcceptDeclinesAnOfferThatBindsTheServerToWindowEight() {
            let offer = PerMessageDeflateOffer(requestMaxWindowBits: bits(8))
            #expect(throws: NegotiationError.self) { try PerMessageDeflateOfferAccept(offer: offer) }
            do {
                _ = try PerMessageDeflateOfferAccept(offer: offer)
            } catch {
                guard case .unsupportedByCompressor(_, "server_max_window_bits", "8", let reason) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(reason.contains("zlib"))
            }
            #expect(throws: NegotiationError.self) { try PerMessageDeflateOfferAccept(offer: .init(), windowBits: bits(8)) }
            #expect(throws: NegotiationError.invalidValue(extension: Self.name, parameter: "client_max_window_bits", value: "8", allowed: "9...15")) {
                try PerMessageDeflateOfferAccept(offer: .init(), requestMaxWindowBits: bits(8))
            }
        }

        @Test func offerAcceptMapsServerParametersToTheServersSendSide() throws {
            let offer = PerMessageDeflateOffer(requestNoContextTakeover: true, requestMaxWindowBits: bits(11))
            let accept = try PerMessageDeflateOfferAccept(
                offer: offer, requestNoContextTakeover: true, requestMaxWindowBits: bits(10), windowBits: bits(9),
                memoryLevel: MemoryLevel(rawValue: 4), compressionLevel: .bestSpeed, maxMessageSize: 4096)
            #expect(accept.extensionString
                == "permessage-deflate; server_no_context_takeover; server_max_window_bits=11; client_no_context_takeover; client_max_window_bits=10")
            let server = try accept.makeCodec(role: .server).configuration
            #expect(try server == .init(
                sendWindowBits: bits(9), sendNoContextTakeover: true, memoryLevel: MemoryLevel(rawValue: 4)!, compressionLevel: .bestSpeed,
                receiveWindowBits: bits(10), receiveNoContextTakeover: true, maxMessageSize: 4096))
            let client = try accept.makeCodec(role: .client).configuration
            #expect(client.sendWindowBits == bits(10) && client.receiveWindowBits == bits(9))
        }

        @Test func responseAcceptMapsClientParametersToTheClientsSendSide() throws {
            let response = PerMessageDeflateResponse(clientMaxWindowBits: bits(12), clientNoContextTakeover: true, serverMaxWindowBits: bits(8))
            let accept = try PerMessageDeflateResponseAccept(response: response, windowBits: bits(10), maxMessageSize: 100)
            let codec = try accept.makeCodec(role: .client).configuration
            // A server window of 8 is fine: the client only inflates that direction.
            #expect(try codec == .init(
                sendWindowBits: bits(10), sendNoContextTakeover: true, receiveWindowBits: bits(8), maxMessageSize: 100))
        }

        @Test func responseAcceptRefusesWhatTheServerForbade() {
            let response = PerMessageDeflateResponse(clientMaxWindowBits: bits(10), clientNoContextTakeover: true)
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "no_context_takeover", value: "false", reason: "server requested client_no_context_takeover")) {
                try PerMessageDeflateResponseAccept(response: response, noContextTakeover: false)
            }
            #expect(throws: NegotiationError.notAllowedByPeer(extension: Self.name, parameter: "window_bits", value: "11", reason: "server requested a lower maximum value (10)")) {
                try PerMessageDeflateResponseAccept(response: response, windowBits: bits(11))
            }
        }

        @Test func responseAcceptRefusesAClientWindowOfEight() {
            #expect(throws: NegotiationError.self) {
                try PerMessageDeflateResponseAccept(response: .init(clientMaxWindowBits: bits(8)))
            }
        }

        @Test func jsonUsesAutobahnsKeysAndRoundTrips() throws {
            let accept = try PerMessageDeflateOfferAccept(offer: .init(requestMaxWindowBits: bits(12)), requestMaxWindowBits: bits(9), memoryLevel: .max)
            let json = try canonicalJSON(accept)
            #expect(json == #"{"extension":"permessage-deflate","max_message_size":null,"mem_level":9,"no_context_takeover":null,"#
                + #""offer":{"accept_max_window_bits":true,"accept_no_context_takeover":true,"extension":"permessage-deflate","request_max_window_bits":12,"request_no_context_takeover":false},"#
                + #""request_max_window_bits":9,"request_no_context_takeover":false,"window_bits":null}"#)
            #expect(try JSONDecoder().decode(AutobahnJSON<PerMessageDeflateOfferAccept>.self, from: Data(json.utf8)).value == accept)
            let responseAccept = try PerMessageDeflateResponseAccept(response: .init(serverNoContextTakeover: true), noContextTakeover: true)
            #expect(try canonicalJSON(responseAccept) == #"{"extension":"permessage-deflate","mem_level":null,"no_context_takeover":true,"#
                + #""response":{"client_max_window_bits":0,"client_no_context_takeover":false,"extension":"permessage-deflate","server_max_window_bits":0,"server_no_context_takeover":true},"window_bits":null}"#)
            #expect(try JSONDecoder().decode(AutobahnJSON<PerMessageDeflateResponseAccept>.self, from: Data(canonicalJSON(responseAccept).utf8)).value == responseAccept)
        }

        @Test func decodingValidatesAsTheInitializerDoes() {
            let json = #"{"extension":"permessage-deflate","offer":{"accept_max_window_bits":false,"accept_no_context_takeover":true,"extension":"permessage-deflate","request_max_window_bits":0,"request_no_context_takeover":false},"request_max_window_bits":10,"request_no_context_takeover":false}"#
            #expect(throws: NegotiationError.self) { try JSONDecoder().decode(AutobahnJSON<PerMessageDeflateOfferAccept>.self, from: Data(json.utf8)).value }
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(AutobahnJSON<PerMessageDeflateOffer>.self, from: Data(#"{"extension":"permessage-snappy","accept_max_window_bits":false,"accept_no_context_takeover":true,"request_max_window_bits":0,"request_no_context_takeover":false}"#.utf8)).value
            }
        }

        @Test func autobahnReprMatchesAutobahnsRepr() {
            #expect(PerMessageDeflateOffer().autobahnRepr
                == "PerMessageDeflateOffer(accept_no_context_takeover = True, accept_max_window_bits = True, request_no_context_takeover = False, request_max_window_bits = 0)")
        }
    }
}
