import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO
import Testing

/// The shared receiving frame logic (`ReceiveDirection`, used by the swift-websocket extension
/// and the SwiftNIO handler) refuses frames out of order (RFC 6455 §5.4) before any codec sees
/// them. Found by `FramePathFuzz`: with context takeover, a new message inside an unfinished one
/// was decoded as more of it ("He", then "jHello").
struct FrameOrderTests {
    static let agreement = Agreement(.deflate(try! .init()), sendPolicy: .default, pool: CodecPool())

    static func frame(_ opcode: WebSocketOpcode, fin: Bool, rsv1: Bool, _ hex: String) -> WebSocketFrame {
        let bytes = stride(from: 0, to: hex.count, by: 2).map { offset in
            UInt8(hex.dropFirst(offset).prefix(2), radix: 16)!
        }
        return WebSocketFrame(fin: fin, rsv1: rsv1, opcode: opcode, data: ByteBuffer(bytes: bytes))
    }

    @Test func textFrameInsideAFragmentedCompressedMessageIsAProtocolError() throws {
        var receiving = ReceiveDirection()
        _ = try receiving.decompress(Self.frame(.text, fin: false, rsv1: true, "f248cd"), Self.agreement)
        let error = #expect(throws: ReceiveError.self) {
            try receiving.decompress(Self.frame(.text, fin: true, rsv1: true, "f248cdc9c90700"), Self.agreement)
        }
        guard case .newMessageInsideFragmentedMessage = error else {
            Issue.record("expected newMessageInsideFragmentedMessage, got \(String(describing: error))")
            return
        }
        #expect(error?.closeCode == .protocolError)
    }

    @Test func binaryFrameInsideAFragmentedUncompressedMessageIsAProtocolError() throws {
        var receiving = ReceiveDirection()
        _ = try receiving.decompress(Self.frame(.text, fin: false, rsv1: false, "4865"), Self.agreement)
        #expect(throws: ReceiveError.self) {
            try receiving.decompress(Self.frame(.binary, fin: true, rsv1: false, "6c6c6f"), Self.agreement)
        }
    }

    @Test func continuationWithNoMessageInProgressIsAProtocolError() throws {
        var receiving = ReceiveDirection()
        let error = #expect(throws: ReceiveError.self) {
            try receiving.decompress(Self.frame(.continuation, fin: true, rsv1: false, "6c6c6f"), Self.agreement)
        }
        #expect(error?.closeCode == .protocolError)
        #expect(error.map { "\($0)" }?.contains("no fragmented message in progress") == true)
    }

    @Test func pingInsideAFragmentedMessageThenItsContinuationDecodesTheMessage() throws {
        var receiving = ReceiveDirection()
        let first = try receiving.decompress(Self.frame(.text, fin: false, rsv1: true, "f248cd"), Self.agreement)
        let ping = try receiving.decompress(Self.frame(.ping, fin: true, rsv1: false, ""), Self.agreement)
        let last = try receiving.decompress(Self.frame(.continuation, fin: true, rsv1: false, "c9c90700"), Self.agreement)
        #expect(ping.opcode == .ping)
        #expect(String(buffer: first.data) + String(buffer: last.data) == "Hello")
        // The next message starts cleanly.
        let next = try receiving.decompress(Self.frame(.binary, fin: true, rsv1: true, "f248cdc9c90700"), Self.agreement)
        #expect(String(buffer: next.data) == "Hello")
    }
}
