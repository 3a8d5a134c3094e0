// libFuzzer target: the Sec-WebSocket-Extensions parser and everything that reads its result.
//
// Input: byte 0 chooses where to cut the header into two field values (and which negotiator
// settings to use); the rest is the header, as UTF-8 (invalid bytes are repaired, as a String
// from the wire would be). Checks:
// - parsing never traps, and a parsed header serializes (`WebSocketExtension.header`) to a
//   header that parses back to the same elements;
// - every element goes through all three extensions' Offer and Response `parse`; one that
//   parses makes an element that parses back to the same Offer/Response;
// - ServerNegotiator (server and client preference, decline and fail) and ClientNegotiator
//   (offers of all three extensions) run on the header; a server's answer is accepted by a client
//   that replays the same offer, and the two codecs they make carry "Hello" both ways.
import PerMessageCompression

let serverPolicies: [[ServerExtensionPolicy]] = [
    [.perMessageDeflate(), .perMessageBzip2(), .perMessageSnappy()],
    [
        .perMessageSnappy(requestNoContextTakeover: true),
        .perMessageBzip2(requestMaxCompressLevel: .min, compressLevel: .min, maxMessageSize: 1 << 16),
        .perMessageDeflate(
            requestNoContextTakeover: true, requestMaxWindowBits: WindowBits(rawValue: 10), windowBits: WindowBits(rawValue: 12),
            memoryLevel: .min, maxMessageSize: 1 << 16),
    ],
]

let clientOffers: [ClientExtensionOffer] = [
    .perMessageDeflate(),
    .perMessageDeflate(.init(acceptMaxWindowBits: false, requestNoContextTakeover: true, requestMaxWindowBits: WindowBits(rawValue: 9))),
    .perMessageBzip2(),
    .perMessageBzip2(.init(requestMaxCompressLevel: .min)),
    .perMessageSnappy(),
    .perMessageSnappy(.init(acceptNoContextTakeover: false, requestNoContextTakeover: true)),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let header = String(decoding: input.rest(), as: UTF8.self)
    // Bits 0-4: where to cut the header into two field values (0: one value).
    let cut = Int(choice & 31)
    let values = cut == 0 || cut >= header.utf8.count ? [header] : splitUTF8(header, at: cut)

    checkParser(values)
    let policies = serverPolicies[Int(choice >> 5 & 1)]
    for preference in ServerNegotiator.Preference.allCases {
        for invalidOffers in ServerNegotiator.InvalidOffers.allCases {
            negotiate(values, policies: policies, preference: preference, invalidOffers: invalidOffers, carryHello: choice & 0x80 != 0)
        }
    }
    do throws(NegotiationError) {
        if let agreed = try ClientNegotiator(clientOffers).negotiate(responseHeaders: values) {
            _ = agreed.description
        }
    } catch {
        _ = error.description
    }
    return 0
}

/// `header` cut at a UTF-8 offset, each side repaired to valid UTF-8.
func splitUTF8(_ header: String, at offset: Int) -> [String] {
    let bytes = Array(header.utf8)
    return [String(decoding: bytes[..<offset], as: UTF8.self), String(decoding: bytes[offset...], as: UTF8.self)]
}

func checkParser(_ values: [String]) {
    let elements: [WebSocketExtension]
    do throws(NegotiationError) {
        elements = try WebSocketExtension.parse(headers: values)
    } catch {
        _ = error.description
        return
    }
    let serialized = WebSocketExtension.header(elements)
    do throws(NegotiationError) {
        let reparsed = try WebSocketExtension.parse(header: serialized)
        guard reparsed == elements else { fatalError("header \(values) → \(serialized) parses to \(reparsed), not \(elements)") }
    } catch {
        fatalError("header \(values) serializes to \(serialized), which does not parse: \(error)")
    }
    for element in elements {
        checkRoundTrip(element, PerMessageDeflateOffer.parse, \.element)
        checkRoundTrip(element, PerMessageDeflateResponse.parse, \.element)
        checkRoundTrip(element, PerMessageBzip2Offer.parse, \.element)
        checkRoundTrip(element, PerMessageBzip2Response.parse, \.element)
        checkRoundTrip(element, PerMessageSnappyOffer.parse, \.element)
        checkRoundTrip(element, PerMessageSnappyResponse.parse, \.element)
        do throws(NegotiationError) {
            _ = try ClientExtensionOffer.offering(element)
        } catch {
            _ = error.description
        }
    }
}

/// Parses `element`; when that succeeds, the value's own element must parse to the same value.
func checkRoundTrip<Value: Equatable>(
    _ element: WebSocketExtension,
    _ parse: (WebSocketExtension) throws(NegotiationError) -> Value,
    _ makeElement: (Value) -> WebSocketExtension
) {
    let value: Value
    do throws(NegotiationError) { value = try parse(element) } catch {
        _ = error.description
        return
    }
    let again = makeElement(value)
    do throws(NegotiationError) {
        let reparsed = try parse(again)
        guard reparsed == value else { fatalError("\(element) → \(value) → \(again) → \(reparsed)") }
    } catch {
        fatalError("\(element) parses to \(value), whose element \(again) does not parse: \(error)")
    }
}

func negotiate(
    _ values: [String], policies: [ServerExtensionPolicy], preference: ServerNegotiator.Preference,
    invalidOffers: ServerNegotiator.InvalidOffers, carryHello: Bool
) {
    let negotiation: ServerNegotiation
    do throws(NegotiationError) {
        negotiation = try ServerNegotiator(policies, preference: preference, invalidOffers: invalidOffers).negotiate(offerHeaders: values)
    } catch {
        _ = error.description
        return
    }
    for declined in negotiation.declined { _ = declined.description }
    guard let server = negotiation.accepted else { return }
    // The client that sent this offer must accept the answer. Which element was accepted is
    // not returned, so replay every element of that extension: at least one must fit.
    let elements = try! WebSocketExtension.parse(headers: values)
    let offers = elements.filter { $0.name == server.extensionName }.compactMap { try? ClientExtensionOffer.offering($0) }
    let client: NegotiatedCompression?
    do throws(NegotiationError) {
        client = try ClientNegotiator(offers).negotiate(responseHeaders: [server.responseHeader])
    } catch {
        fatalError("server answered \(values) with \(server.responseHeader); the client refuses it: \(error)")
    }
    guard let client else { fatalError("server answered \(values) with \(server.responseHeader); the client accepted nothing") }
    guard carryHello else { return }
    carry(from: server.makeCodec(), to: client.makeCodec(), what: "server → client \(server.responseHeader)")
    carry(from: client.makeCodec(), to: server.makeCodec(), what: "client → server \(server.responseHeader)")
}

/// Sends two messages from `sender` to `receiver`; they must arrive unchanged.
func carry(from sender: any PerMessageCodec, to receiver: any PerMessageCodec, what: String) {
    let message: [UInt8] = Array("Hello, Hello, Hello".utf8)
    for _ in 0..<2 {
        do throws(CodecError) {
            let payload = try sender.compressMessage(message)
            let received = try receiver.decompressMessage(payload)
            guard received == message else { fatalError("\(what): received \(received)") }
        } catch {
            fatalError("\(what): \(error)")
        }
    }
}
