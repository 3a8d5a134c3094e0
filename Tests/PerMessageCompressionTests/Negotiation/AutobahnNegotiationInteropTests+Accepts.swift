import Foundation
import PerMessageCompression
import Testing

/// OfferAccept and ResponseAccept against Autobahn|Python: the same rejections, strings and
/// JSON, and codecs with the parameters of Autobahn's `create_from_*_accept`.
extension NegotiationTests.AutobahnNegotiationInteropTests {
    /// Whether Autobahn's PMCE `__json__` (for `role`) describes our deflate codec.
    private static func deflateAgrees(_ pmce: [String: Any], _ codec: PerMessageDeflateCodec.Configuration, _ role: WebSocketRole) -> Bool {
        let (send, receive) = role == .server ? ("server", "client") : ("client", "server")
        return pmce["\(send)_max_window_bits"] as? Int == codec.sendWindowBits.rawValue
            && pmce["\(send)_no_context_takeover"] as? Bool == codec.sendNoContextTakeover
            && pmce["\(receive)_max_window_bits"] as? Int == codec.receiveWindowBits.rawValue
            && pmce["\(receive)_no_context_takeover"] as? Bool == codec.receiveNoContextTakeover
            && pmce["mem_level"] as? Int == codec.memoryLevel.rawValue
    }

    @Test func deflateAcceptsAgreeWithAutobahn() throws {
        var cases: [Case] = []
        let offers = [false, true].flatMap { acceptMWB in
            [false, true].flatMap { requestNCT in
                [nil, 10].map { PerMessageDeflateOffer(acceptMaxWindowBits: acceptMWB, requestNoContextTakeover: requestNCT, requestMaxWindowBits: $0.map(bits)) }
            }
        }
        for offer in offers {
            for requestNCT in [false, true] {
                for requestMWB in [nil, 9, 12] {
                    for noCT in [nil, false, true] {
                        for window in [nil, 9, 11, 15] {
                            for memory in [nil, 5] {
                                let make = { () throws(NegotiationError) in
                                    try PerMessageDeflateOfferAccept(
                                        offer: offer, requestNoContextTakeover: requestNCT, requestMaxWindowBits: requestMWB.map(bits),
                                        noContextTakeover: noCT, windowBits: window.map(bits), memoryLevel: memory.flatMap(MemoryLevel.init(rawValue:)))
                                }
                                let ours = try? make()
                                cases.append(Case(
                                    request: ["op": "offer_accept", "ext": "permessage-deflate",
                                        "offer": ["accept_no_context_takeover": offer.acceptNoContextTakeover, "accept_max_window_bits": offer.acceptMaxWindowBits,
                                            "request_no_context_takeover": offer.requestNoContextTakeover, "request_max_window_bits": offer.requestMaxWindowBits?.rawValue ?? 0],
                                        "kwargs": ["request_no_context_takeover": requestNCT, "request_max_window_bits": requestMWB ?? 0,
                                            "no_context_takeover": python(noCT), "window_bits": python(window), "mem_level": python(memory)]],
                                    ours: outcome(make) { ["string": $0.extensionString, "json": try canonicalJSON($0)] },
                                    codecAgrees: { pmce in
                                        guard let codec = try? ours?.makeCodec(role: .server) else { return false }
                                        return Self.deflateAgrees(pmce, codec.configuration, .server)
                                    }))
                            }
                        }
                    }
                }
            }
        }
        for client in [nil, 9, 12] {
            for clientNCT in [false, true] {
                for server in [nil, 10] {
                    let response = PerMessageDeflateResponse(clientMaxWindowBits: client.map(bits), clientNoContextTakeover: clientNCT, serverMaxWindowBits: server.map(bits), serverNoContextTakeover: server != nil)
                    for noCT in [nil, false, true] {
                        for window in [nil, 9, 13, 15] {
                            let make = { () throws(NegotiationError) in
                                try PerMessageDeflateResponseAccept(response: response, noContextTakeover: noCT, windowBits: window.map(bits), memoryLevel: .max)
                            }
                            let ours = try? make()
                            cases.append(Case(
                                request: ["op": "response_accept", "ext": "permessage-deflate", "response": response.extensionString,
                                    "kwargs": ["no_context_takeover": python(noCT), "window_bits": python(window), "mem_level": 9]],
                                ours: outcome(make) { ["json": try canonicalJSON($0)] },
                                codecAgrees: { pmce in
                                    guard let codec = try? ours?.makeCodec(role: .client) else { return false }
                                    return Self.deflateAgrees(pmce, codec.configuration, .client)
                                }))
                        }
                    }
                }
            }
        }
        try check(cases)
    }

    @Test func bzip2AndSnappyAcceptsAgreeWithAutobahn() throws {
        var cases: [Case] = []
        for offer in Self.bzip2Offers {
            for request in [nil, 3, 9] {
                for compress in [nil, 1, 5, 9] {
                    let make = { () throws(NegotiationError) in
                        try PerMessageBzip2OfferAccept(offer: offer, requestMaxCompressLevel: request.map(level), compressLevel: compress.map(level))
                    }
                    let ours = try? make()
                    cases.append(Case(
                        request: ["op": "offer_accept", "ext": "permessage-bzip2",
                            "offer": ["accept_max_compress_level": offer.acceptMaxCompressLevel, "request_max_compress_level": offer.requestMaxCompressLevel?.rawValue ?? 0],
                            "kwargs": ["request_max_compress_level": request ?? 0, "compress_level": python(compress)]],
                        ours: outcome(make) { ["string": $0.extensionString, "json": try canonicalJSON($0)] },
                        codecAgrees: { pmce in
                            (try? ours?.makeCodec(role: .server))?.configuration.sendLevel.rawValue == pmce["server_max_compress_level"] as? Int
                        }))
                }
            }
        }
        for client in [nil, 2, 9] {
            for server in [nil, 4] {
                let response = PerMessageBzip2Response(clientMaxCompressLevel: client.map(level), serverMaxCompressLevel: server.map(level))
                for compress in [nil, 1, 5, 9] {
                    let make = { () throws(NegotiationError) in try PerMessageBzip2ResponseAccept(response: response, compressLevel: compress.map(level)) }
                    let ours = try? make()
                    cases.append(Case(
                        request: ["op": "response_accept", "ext": "permessage-bzip2", "response": response.extensionString,
                            "kwargs": ["compress_level": python(compress)]],
                        ours: outcome(make) { ["json": try canonicalJSON($0)] },
                        codecAgrees: { pmce in
                            (try? ours?.makeCodec(role: .client))?.configuration.sendLevel.rawValue == pmce["client_max_compress_level"] as? Int
                        }))
                }
            }
        }
        for offer in Self.snappyOffers {
            for request in [false, true] {
                for noCT in [nil, false, true] {
                    let make = { () throws(NegotiationError) in try PerMessageSnappyOfferAccept(offer: offer, requestNoContextTakeover: request, noContextTakeover: noCT) }
                    let ours = try? make()
                    cases.append(Case(
                        request: ["op": "offer_accept", "ext": "permessage-snappy",
                            "offer": ["accept_no_context_takeover": offer.acceptNoContextTakeover, "request_no_context_takeover": offer.requestNoContextTakeover],
                            "kwargs": ["request_no_context_takeover": request, "no_context_takeover": python(noCT)]],
                        ours: outcome(make) { ["string": $0.extensionString, "json": try canonicalJSON($0)] },
                        codecAgrees: { pmce in
                            guard let codec = (try? ours?.makeCodec(role: .server))?.configuration else { return false }
                            return pmce["server_no_context_takeover"] as? Bool == codec.sendNoContextTakeover
                                && pmce["client_no_context_takeover"] as? Bool == codec.receiveNoContextTakeover
                        }))
                }
            }
        }
        for clientNCT in [false, true] {
            for serverNCT in [false, true] {
                let response = PerMessageSnappyResponse(clientNoContextTakeover: clientNCT, serverNoContextTakeover: serverNCT)
                for noCT in [nil, false, true] {
                    let make = { () throws(NegotiationError) in try PerMessageSnappyResponseAccept(response: response, noContextTakeover: noCT) }
                    let ours = try? make()
                    cases.append(Case(
                        request: ["op": "response_accept", "ext": "permessage-snappy", "response": response.extensionString,
                            "kwargs": ["no_context_takeover": python(noCT)]],
                        ours: outcome(make) { ["json": try canonicalJSON($0)] },
                        codecAgrees: { pmce in
                            guard let codec = (try? ours?.makeCodec(role: .client))?.configuration else { return false }
                            return pmce["client_no_context_takeover"] as? Bool == codec.sendNoContextTakeover
                                && pmce["server_no_context_takeover"] as? Bool == codec.receiveNoContextTakeover
                        }))
                }
            }
        }
        try check(cases)
    }
}
