import Foundation
import PerMessageCompression
import Testing

extension NegotiationTests {
    /// Our negotiation types against Autobahn|Python's, through `Tests/Scripts/autobahn_negotiation.py`:
    /// the same strings for the same settings, each side parsing the other's strings to the same
    /// settings, the same rejections, `__json__` key for key, and the same codec parameters.
    ///
    /// Skipped, with a message, where `python3 -c "import autobahn, snappy"` fails (CI installs both).
    @Suite(.enabled(if: AutobahnPeer.isAvailable, "Autobahn|Python is not importable (pip install autobahn python-snappy): interop skipped"))
    struct AutobahnNegotiationInteropTests {
        /// One question for Autobahn, with our own answer to compare.
        struct Case {
            let request: [String: Any]
            /// Our answer: the same keys as the script's (`string`, `json`, `pmce`), or the error.
            let ours: Result<[String: String], NegotiationError>
            /// Compares Autobahn's `pmce` JSON with our codec, when both accepted.
            var codecAgrees: (([String: Any]) -> Bool)? = nil
        }

        func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let answers = try AutobahnNegotiationPeer.ask(cases.map(\.request))
            for (item, answer) in zip(cases, answers) {
                let context = Comment(rawValue: "\(item.request) → Autobahn \(answer), ours \(item.ours)")
                switch item.ours {
                case .failure:
                    #expect(answer["error"] != nil, context, sourceLocation: sourceLocation)
                case .success(let ours):
                    guard answer["error"] == nil else {
                        Issue.record(context, sourceLocation: sourceLocation)
                        continue
                    }
                    for (key, value) in ours {
                        #expect(answer[key] == value, "\(key): \(context)", sourceLocation: sourceLocation)
                    }
                    if let agrees = item.codecAgrees {
                        #expect(agrees(try jsonObject(answer["pmce"])), context, sourceLocation: sourceLocation)
                    }
                }
            }
        }

        // MARK: Offers: strings, parsing both ways, JSON

        static let deflateOffers = DeflateNegotiationTests.allOffers
        static let bzip2Offers = [false, true].flatMap { accept in [nil, 1, 5, 9].map { PerMessageBzip2Offer(acceptMaxCompressLevel: accept, requestMaxCompressLevel: $0.map(level)) } }
        static let snappyOffers = [false, true].flatMap { accept in [false, true].map { PerMessageSnappyOffer(acceptNoContextTakeover: accept, requestNoContextTakeover: $0) } }

        @Test func offersWithTheSameSettingsGiveTheSameStringsAndJSON() throws {
            var cases: [Case] = []
            for offer in Self.deflateOffers {
                cases.append(Case(
                    request: ["op": "offer_build", "ext": "permessage-deflate", "kwargs": [
                        "accept_no_context_takeover": offer.acceptNoContextTakeover, "accept_max_window_bits": offer.acceptMaxWindowBits,
                        "request_no_context_takeover": offer.requestNoContextTakeover, "request_max_window_bits": offer.requestMaxWindowBits?.rawValue ?? 0,
                    ]],
                    ours: .success(["string": offer.extensionString, "json": try canonicalJSON(offer)])))
            }
            for offer in Self.bzip2Offers {
                cases.append(Case(
                    request: ["op": "offer_build", "ext": "permessage-bzip2", "kwargs": [
                        "accept_max_compress_level": offer.acceptMaxCompressLevel, "request_max_compress_level": offer.requestMaxCompressLevel?.rawValue ?? 0,
                    ]],
                    ours: .success(["string": offer.extensionString, "json": try canonicalJSON(offer)])))
            }
            for offer in Self.snappyOffers {
                cases.append(Case(
                    request: ["op": "offer_build", "ext": "permessage-snappy", "kwargs": [
                        "accept_no_context_takeover": offer.acceptNoContextTakeover, "request_no_context_takeover": offer.requestNoContextTakeover,
                    ]],
                    ours: .success(["string": offer.extensionString, "json": try canonicalJSON(offer)])))
            }
            try check(cases)
        }

        @Test func ourOfferAndResponseStringsParseInAutobahnToOurSettings() throws {
            var cases: [Case] = []
            func add<T: AutobahnRepresentable>(_ op: String, _ name: String, _ string: String, _ parse: (WebSocketExtension) throws(NegotiationError) -> T) {
                cases.append(Case(
                    request: ["op": op, "ext": name, "header": string],
                    ours: outcome({ () throws(NegotiationError) in try parse(element(string)) }) { ["json": try canonicalJSON($0)] }))
            }
            for offer in Self.deflateOffers { add("offer_parse", "permessage-deflate", offer.extensionString, PerMessageDeflateOffer.parse) }
            for offer in Self.bzip2Offers { add("offer_parse", "permessage-bzip2", offer.extensionString, PerMessageBzip2Offer.parse) }
            for offer in Self.snappyOffers { add("offer_parse", "permessage-snappy", offer.extensionString, PerMessageSnappyOffer.parse) }
            for client in [nil, 9, 15] {
                for server in [nil, 10] {
                    for clientNCT in [false, true] {
                        for serverNCT in [false, true] {
                            let response = PerMessageDeflateResponse(
                                clientMaxWindowBits: client.map(bits), clientNoContextTakeover: clientNCT,
                                serverMaxWindowBits: server.map(bits), serverNoContextTakeover: serverNCT)
                            add("response_parse", "permessage-deflate", response.extensionString, PerMessageDeflateResponse.parse)
                            let snappy = PerMessageSnappyResponse(clientNoContextTakeover: clientNCT, serverNoContextTakeover: serverNCT)
                            add("response_parse", "permessage-snappy", snappy.extensionString, PerMessageSnappyResponse.parse)
                        }
                    }
                    let bzip2 = PerMessageBzip2Response(clientMaxCompressLevel: client.map { level($0 - 6) }, serverMaxCompressLevel: server.map { level($0 - 8) })
                    add("response_parse", "permessage-bzip2", bzip2.extensionString, PerMessageBzip2Response.parse)
                }
            }
            try check(cases)
        }

        // MARK: Rejections

        /// Valid and invalid elements on which we and Autobahn agree by design (see
        /// ``deliberateDifferencesFromAutobahnAreWhereDocumented()`` for where we differ).
        static let offerHeaders = [
            "permessage-deflate", "permessage-deflate; client_max_window_bits=9", "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; client_max_window_bits=x", "permessage-deflate; client_no_context_takeover=1",
            "permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=15",
            #"permessage-deflate; server_max_window_bits="11""#, "permessage-deflate; server_max_window_bits = 12",
            "permessage-deflate; server_max_window_bits=7", "permessage-deflate; server_no_context_takeover=x",
            "permessage-deflate; Server_No_Context_Takeover", "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; client_max_window_bits; client_max_window_bits", "permessage-deflate; mem_level=8",
            "permessage-bzip2; client_max_compress_level", "permessage-bzip2; client_max_compress_level=3",
            "permessage-bzip2; server_max_compress_level=3",
            "permessage-bzip2; server_max_compress_level=0", "permessage-bzip2; server_max_compress_level=10",
            "permessage-bzip2; server_max_compress_level=1; server_max_compress_level=1", "permessage-bzip2; x",
            "permessage-snappy; client_no_context_takeover", "permessage-snappy; client_no_context_takeover=yes",
            "permessage-snappy; server_no_context_takeover; server_no_context_takeover", "permessage-snappy; client_max_window_bits",
        ]
        static let responseHeaders = [
            "permessage-deflate; client_max_window_bits", "permessage-deflate; client_max_window_bits=9",
            "permessage-deflate; client_max_window_bits=99", "permessage-deflate; client_no_context_takeover",
            "permessage-deflate; server_max_window_bits=13; server_no_context_takeover", "permessage-deflate; server_no_context_takeover=1",
            "permessage-deflate; server_max_window_bits=9; server_max_window_bits=9", "permessage-deflate; foo",
            "permessage-bzip2; client_max_compress_level=4; server_max_compress_level=8",
            "permessage-bzip2; server_max_compress_level=x", "permessage-bzip2; client_max_compress_level=2; client_max_compress_level=2",
            "permessage-snappy; server_no_context_takeover; client_no_context_takeover", "permessage-snappy; server_no_context_takeover=1",
            "permessage-snappy; x",
        ]

        @Test func offersAndResponsesAreAcceptedAndRejectedAsAutobahnDoes() throws {
            var cases: [Case] = []
            func add(_ op: String, _ header: String, _ parse: (WebSocketExtension) throws(NegotiationError) -> any AutobahnRepresentable) {
                let name = String(header.prefix { $0 != ";" })
                cases.append(Case(
                    request: ["op": op, "ext": name, "header": header],
                    ours: outcome({ () throws(NegotiationError) -> any AutobahnRepresentable in try parse(element(header)) }) { (value: any AutobahnRepresentable) in ["json": try canonicalJSON(opening: value)] }))
            }
            for header in Self.offerHeaders {
                add("offer_parse", header) { (element: WebSocketExtension) throws(NegotiationError) -> any AutobahnRepresentable in
                    switch element.name {
                    case "permessage-deflate": return try PerMessageDeflateOffer.parse(element)
                    case "permessage-bzip2": return try PerMessageBzip2Offer.parse(element)
                    default: return try PerMessageSnappyOffer.parse(element)
                    }
                }
            }
            for header in Self.responseHeaders {
                add("response_parse", header) { (element: WebSocketExtension) throws(NegotiationError) -> any AutobahnRepresentable in
                    switch element.name {
                    case "permessage-deflate": return try PerMessageDeflateResponse.parse(element)
                    case "permessage-bzip2": return try PerMessageBzip2Response.parse(element)
                    default: return try PerMessageSnappyResponse.parse(element)
                    }
                }
            }
            try check(cases)
        }

        /// Where we differ from Autobahn on purpose, each side's answer. RFC 7692 allows a window of
        /// 8 (Autobahn refuses it; we parse it and decline only where it binds our compressor) and
        /// forbids leading zeroes and signs (Autobahn's `int()` takes them); Autobahn reads a bzip2
        /// level without a value as `int(True)`, level 1, which we refuse as a missing value.
        static let differences: [(op: String, header: String, weAccept: Bool)] = [
            ("offer_parse", "permessage-deflate; server_max_window_bits=8", true),
            ("offer_parse", "permessage-deflate; client_max_window_bits=8", true),
            ("response_parse", "permessage-deflate; server_max_window_bits=8", true),
            ("offer_parse", "permessage-deflate; server_max_window_bits=010", false),
            ("offer_parse", "permessage-deflate; server_max_window_bits=+9", false),
            ("offer_parse", "permessage-bzip2; server_max_compress_level", false),
            ("response_parse", "permessage-bzip2; client_max_compress_level", false),
        ]

        @Test func deliberateDifferencesFromAutobahnAreWhereDocumented() throws {
            let answers = try AutobahnNegotiationPeer.ask(Self.differences.map { ["op": $0.op, "ext": String($0.header.prefix { $0 != ";" }), "header": $0.header] })
            for (difference, answer) in zip(Self.differences, answers) {
                let ours: Bool
                do throws(NegotiationError) {
                    let parsed = try element(difference.header)
                    switch (difference.op, parsed.name) {
                    case ("offer_parse", "permessage-deflate"): _ = try PerMessageDeflateOffer.parse(parsed)
                    case ("response_parse", "permessage-deflate"): _ = try PerMessageDeflateResponse.parse(parsed)
                    case ("offer_parse", _): _ = try PerMessageBzip2Offer.parse(parsed)
                    default: _ = try PerMessageBzip2Response.parse(parsed)
                    }
                    ours = true
                } catch {
                    ours = false
                }
                #expect(ours == difference.weAccept, "\(difference.header)")
                #expect((answer["error"] == nil) == !difference.weAccept, "Autobahn now answers \(answer) for \(difference.header)")
            }
        }
    }
}
