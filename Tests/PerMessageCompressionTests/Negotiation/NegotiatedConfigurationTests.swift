import Foundation
import PerMessageCompression
import Testing

extension NegotiationTests {
    /// An accepted offer or response resolves, for a role, into the configuration its codec uses.
    struct NegotiatedConfigurationTests {
        @Test func serverAndClientEndsOfOneHandshakeHaveMirroredConfigurations() throws {
            let server = ServerNegotiator([.perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: WindowBits(rawValue: 10))])
            let client = ClientNegotiator([.perMessageDeflate(.init(requestMaxWindowBits: WindowBits(rawValue: 12)))])
            let serverSide = try #require(try server.negotiate(offerHeaders: [client.offerHeader]).accepted)
            let clientSide = try #require(try client.negotiate(responseHeaders: [serverSide.responseHeader]))
            guard case .deflate(let s) = serverSide.configuration, case .deflate(let c) = clientSide.configuration else {
                Issue.record("expected deflate on both ends: \(serverSide), \(clientSide)")
                return
            }
            #expect(s.sendWindowBits == c.receiveWindowBits && s.receiveWindowBits == c.sendWindowBits)
            #expect(s.sendNoContextTakeover == c.receiveNoContextTakeover && s.receiveNoContextTakeover == c.sendNoContextTakeover)
            #expect(c.sendWindowBits.rawValue == 10 && c.sendNoContextTakeover)
            #expect(s.sendWindowBits.rawValue == 12)
        }

        @Test(arguments: [WebSocketRole.server, .client])
        func everyAcceptResolvesToItsExtensionsConfigurationForEitherRole(_ role: WebSocketRole) throws {
            let accepts: [any CompressionAccept] = [
                try PerMessageDeflateOfferAccept(offer: .init()), try PerMessageDeflateResponseAccept(response: .init()),
                try PerMessageBzip2OfferAccept(offer: .init()), try PerMessageBzip2ResponseAccept(response: .init()),
                try PerMessageSnappyOfferAccept(offer: .init()), try PerMessageSnappyResponseAccept(response: .init()),
            ]
            for accept in accepts {
                let configuration = try accept.configuration(for: role)
                #expect(configuration.compressionExtension == type(of: accept).compressionExtension)
                #expect(configuration.makeCodec().extensionName == type(of: accept).extensionName)
            }
        }

        @Test func descriptionsSpeakSwiftAndAutobahnsFormsHaveTheirOwnNames() throws {
            let offer = PerMessageSnappyOffer(requestNoContextTakeover: true)
            #expect(offer.description == "permessage-snappy; client_no_context_takeover; server_no_context_takeover")
            #expect(offer.autobahnRepr == "PerMessageSnappyOffer(accept_no_context_takeover = True, request_no_context_takeover = True)")
            let swiftJSON = try JSONDecoder().decode(PerMessageSnappyOffer.self, from: JSONEncoder().encode(offer))
            #expect(swiftJSON == offer)
            let accept = try PerMessageSnappyOfferAccept(offer: offer)
            #expect(accept.description == "PerMessageSnappyOfferAccept(permessage-snappy; server_no_context_takeover)")
        }
    }
}
