import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO
import Testing

/// The shared receiving frame logic decodes a frame in slices of output when asked
/// (`decompress(_:_:outputLimit:)`, then `resume`), as the swift-websocket extension does before
/// it hands a large frame to a background thread: the same frame as at once, the pool's codec
/// held while suspended and given back after.
struct SlicedReceiveTests {
    static let message: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 251 &* 7) }

    static func compressedFrame(_ configuration: PerMessageDeflateCodec.Configuration) throws -> WebSocketFrame {
        let payload = try PerMessageDeflateCodec(configuration).compressMessage(message)
        return WebSocketFrame(fin: true, rsv1: true, opcode: .binary, data: ByteBuffer(bytes: payload))
    }

    /// Decodes `frame` in slices of `limit`; returns the frame and how many calls it took.
    static func decodeInSlices(_ frame: WebSocketFrame, _ agreement: Agreement, limit: Int, into receiving: inout ReceiveDirection) throws -> (WebSocketFrame, Int) {
        var step = try receiving.decompress(frame, agreement, outputLimit: limit)
        var calls = 1
        while true {
            if case .frame(let frame) = step { return (frame, calls) }
            step = try receiving.resume(agreement, outputLimit: limit)
            calls += 1
        }
    }

    @Test(arguments: [false, true])
    func frameDecodedInSlicesEqualsTheFrameDecodedAtOnce(noContextTakeover: Bool) throws {
        let configuration = try PerMessageDeflateCodec.Configuration(sendNoContextTakeover: noContextTakeover, receiveNoContextTakeover: noContextTakeover)
        let agreement = Agreement(.deflate(configuration), sendPolicy: .default, pool: CodecPool())
        var receiving = ReceiveDirection()
        let (sliced, calls) = try Self.decodeInSlices(try Self.compressedFrame(configuration), agreement, limit: 4096, into: &receiving)
        #expect(calls >= Self.message.count / (2 * 4096))
        #expect(Array(buffer: sliced.data) == Self.message)
        #expect(!sliced.rsv1 && sliced.fin && sliced.opcode == .binary)
        var atOnce = ReceiveDirection()
        #expect(try atOnce.decompress(try Self.compressedFrame(configuration), agreement).data == sliced.data)
    }

    @Test func borrowedCodecIsHeldWhileSuspendedAndGivenBackAfter() throws {
        let configuration = try PerMessageDeflateCodec.Configuration(sendNoContextTakeover: true, receiveNoContextTakeover: true)
        let pool = CodecPool()
        let agreement = Agreement(.deflate(configuration), sendPolicy: .default, pool: pool)
        let slot = pool.slot(for: .deflate(configuration))
        var receiving = ReceiveDirection()
        let step = try receiving.decompress(try Self.compressedFrame(configuration), agreement, outputLimit: 4096)
        guard case .suspended = step else {
            Issue.record("a 200 KB message finished within 4 KiB of output")
            return
        }
        #expect(slot.idleCount == 0)
        let frame = try receiving.resumeToTheEnd(agreement)
        #expect(Array(buffer: frame.data) == Self.message)
        #expect(slot.idleCount == 1)
    }

    @Test func abandonedFrameLeavesTheDirectionReadyForTheNextMessage() throws {
        let configuration = try PerMessageDeflateCodec.Configuration(sendNoContextTakeover: true, receiveNoContextTakeover: true)
        let agreement = Agreement(.deflate(configuration), sendPolicy: .default, pool: CodecPool())
        var receiving = ReceiveDirection()
        _ = try receiving.decompress(try Self.compressedFrame(configuration), agreement, outputLimit: 4096)
        receiving.abandon()
        let next = try receiving.decompress(try Self.compressedFrame(configuration), agreement)
        #expect(Array(buffer: next.data) == Self.message)
    }
}
