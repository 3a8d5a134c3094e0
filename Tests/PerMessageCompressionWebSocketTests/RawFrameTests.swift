import Foundation
import PerMessageCompression
import Testing
import TestSupport

/// The server's answers to frames sent byte for byte by `Tests/Scripts/raw_websocket_client.py`
/// what a hostile or broken peer can send and a well-behaved client cannot.
@Suite(.serialized)
struct RawFrameTests {
    /// Runs the raw client against an echo server that accepts permessage-deflate.
    static func exchange(offer: String = "permessage-deflate", _ frames: [String]) async throws -> [String] {
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate()]))
        return try await server.run { port in try await RawWebSocketClient.exchange(port: port, offer: offer, frames) }
    }

    @Test func compressedMessageIsEchoedCompressedWithRSV1OnItsFirstFrameOnly() async throws {
        // "Hello" as RFC 7692 §7.2.3.1 compresses it, sent in two frames: RSV1 on the first only.
        let lines = try await Self.exchange(["0:1:2:f248cd", "1:0:0:c9c90700", "1:0:8:03e8"])
        #expect(lines.first == "extensions permessage-deflate")
        #expect(lines.dropFirst().first == "data fin=1 rsv1=1 opcode=2 payload=f248cdc9c90700", "\(lines)")
        #expect(lines.last == "close 1000")
    }

    @Test func corruptCompressedPayloadClosesWith1002() async throws {
        let lines = try await Self.exchange(["1:1:2:ffffffffff"])
        #expect(lines.last == "close 1002", "\(lines)")
    }

    /// As for the SwiftNIO handler: the close frame reaches a peer that goes on sending, with no reset.
    @Test func thePeerGetsTheCloseCodeThoughItGoesOnSending() async throws {
        let bomb = try NIOHandlerTests.deflateBombFrames(limit: 1 << 20)
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate(maxMessageSize: 1 << 20)]))
        let lines = try await server.run { port in
            try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", bomb + RawWebSocketClient.framesAfterTheClose)
        }
        #expect(lines == ["extensions permessage-deflate", "close 1009"])
    }

    @Test func rsv1OnAContinuationFrameClosesWith1002() async throws {
        let lines = try await Self.exchange(["0:1:2:f248cd", "1:1:0:c9c90700"])
        #expect(lines.last == "close 1002", "\(lines)")
    }

    @Test func rsv1WithoutNegotiatedCompressionClosesWith1002() async throws {
        let lines = try await Self.exchange(offer: "", ["1:1:2:f248cdc9c90700"])
        #expect(lines.first == "extensions ")
        #expect(lines.last == "close 1002", "\(lines)")
    }

    /// A client that agreed to `client_max_window_bits=9` refers 600 bytes back: zlib's check
    /// (the default) lets it through in one call; the exact one closes the connection.
    @Test(arguments: [ReceiveWindowCheck.zlib, .exact])
    func aReferenceBeyondTheAgreedWindowIsEchoedOrClosesWith1002(check: ReceiveWindowCheck) async throws {
        var state: UInt64 = 600  // 600 bytes no deflate match shortens: a linear congruential generator's high bits
        let head = (0..<600).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        let payload = try PerMessageDeflateCodec().compressMessage(head + head.prefix(100))
        var server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: WindowBits(rawValue: 9))]))
        server.receiveWindowCheck = check
        let frame = "1:1:2:" + payload.map { String(format: "%02x", $0) }.joined()
        let lines = try await server.run { port in
            try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate; client_max_window_bits", [frame, "1:0:8:03e8"])
        }
        #expect(lines.first == "extensions permessage-deflate; client_max_window_bits=9", "\(lines)")
        if check == .exact {
            #expect(!lines.contains { $0.hasPrefix("data") }, "\(lines)")
            #expect(lines.last == "close 1002", "\(lines)")
        } else {
            #expect(lines.dropFirst().first?.hasPrefix("data fin=1 rsv1=1 opcode=2") == true, "\(lines)")
            #expect(lines.last == "close 1000", "\(lines)")
        }
    }

    @Test func newMessageInsideAFragmentedOneClosesWith1002() async throws {
        let lines = try await Self.exchange(["0:1:1:f248cd", "1:1:1:f248cdc9c90700"])
        #expect(!lines.contains { $0.hasPrefix("data") }, "\(lines)")
        #expect(lines.last == "close 1002", "\(lines)")
    }
}
