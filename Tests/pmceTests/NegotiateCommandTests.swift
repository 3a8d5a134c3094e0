import Foundation
import Testing

/// `pmce negotiate`, run as a user runs it.
struct NegotiateCommandTests {
    private func report(_ arguments: [String]) throws -> [String: Any] {
        let result = try PMCEProcess.run(["negotiate"] + arguments)
        #expect(result.status == 0, "\(result.errors)")
        return try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
    }

    @Test func acceptedOfferPrintsTheResponseHeaderTheAcceptAndTheServerCodec() throws {
        let json = try report(["--offer", "permessage-deflate; client_max_window_bits; server_no_context_takeover", "--request-max-window-bits", "10", "--max-message-size", "4096"])
        #expect(json["response_header"] as? String == "permessage-deflate; server_no_context_takeover; client_max_window_bits=10")
        let accept = try #require(json["accept"] as? [String: Any])
        #expect(Set(accept.keys) == ["extension", "offer", "request_no_context_takeover", "request_max_window_bits", "no_context_takeover", "window_bits", "mem_level", "max_message_size"])
        let codec = try #require(json["server_codec"] as? [String: Any])
        #expect(codec["send_no_context_takeover"] as? Bool == true)
        #expect(codec["send_window_bits"] as? Int == 15)
        #expect(codec["receive_window_bits"] as? Int == 10)
        #expect(codec["max_message_size"] as? Int == 4096)
    }

    @Test func offerBindingTheServerToWindowEightIsDeclinedWithItsReason() throws {
        let json = try report(["--offer", "permessage-deflate; server_max_window_bits=8", "--offer", "permessage-snappy"])
        #expect(json["response_header"] as? String == "permessage-snappy")
        let declined = try #require(json["declined"] as? [[String: String]])
        #expect(declined.count == 1)
        #expect(declined.first?["offer"] == "permessage-deflate; server_max_window_bits=8")
        #expect(declined.first?["reason"]?.contains("window of 8") == true)
    }

    @Test func responseIsCheckedAsTheOfferingClientWould() throws {
        let json = try report(["--offer", "permessage-bzip2; client_max_compress_level", "--accept", "bzip2", "--response", "permessage-bzip2; client_max_compress_level=3"])
        let codec = try #require(json["client_codec"] as? [String: Any])
        #expect(codec["role"] as? String == "client" && codec["send_level"] as? Int == 3)
    }

    @Test func nothingAcceptableGivesANullResponseHeader() throws {
        let json = try report(["--offer", "x-webkit-deflate-frame", "--accept", "snappy"])
        #expect(json["response_header"] is NSNull)
        #expect(json["server_codec"] is NSNull)
    }

    @Test func badInputExitsWithTheNegotiationError() throws {
        let malformed = try PMCEProcess.run(["negotiate", "--offer", "permessage-deflate;"])
        #expect(malformed.status != 0)
        #expect(malformed.errors.contains("offset 19"), "\(malformed.errors)")
        let invalid = try PMCEProcess.run(["negotiate", "--offer", "permessage-deflate; mem_level=1", "--invalid-offers", "fail"])
        #expect(invalid.status != 0)
        #expect(invalid.errors.contains("unknown parameter 'mem_level'"), "\(invalid.errors)")
        let unoffered = try PMCEProcess.run(["negotiate", "--offer", "permessage-snappy", "--response", "permessage-deflate"])
        #expect(unoffered.status != 0)
        #expect(unoffered.errors.contains("did not offer"), "\(unoffered.errors)")
        let range = try PMCEProcess.run(["negotiate", "--offer", "permessage-deflate", "--window-bits", "8"])
        #expect(range.status != 0)
        #expect(range.errors.contains("--window-bits 8: deflate: window bits = 8 is outside 9...15"), "\(range.errors)")
    }
}
