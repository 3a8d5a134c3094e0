import NIOCore
import NIOWebSocket
import PerMessageCompression
import Testing
import WSCore

@testable import PerMessageCompressionWebSocket

/// A connection's codec state is made on its first compressed message, per direction.
struct ExtensionMemoryTests {
    @Test(arguments: [
        CompressionConfiguration.deflate(.default), .bzip2(.default), .snappy(.default),
    ])
    func noCodecStateBeforeTheFirstCompressedMessage(_ configuration: CompressionConfiguration) throws {
        let sender = CompressionWebSocketExtension(configuration)
        let receiver = CompressionWebSocketExtension(configuration)
        #expect(sender.codecMemory.totalBytes == 0 && receiver.codecMemory.totalBytes == 0)
        let frame = WebSocketFrame(fin: true, opcode: .binary, data: ByteBuffer(string: String(repeating: "hello ", count: 100)))
        let compressed = try sender.compress(frame)
        #expect(compressed.rsv1)
        #expect(sender.codecMemory.totalBytes > 0)
        #expect(receiver.codecMemory.totalBytes == 0)
        let decompressed = try receiver.decompress(compressed)
        #expect(decompressed.data == frame.data && !decompressed.rsv1)
        // snappy's decompressor holds nothing between messages: no state to count.
        #expect(receiver.codecMemory.totalBytes > 0 || configuration.compressionExtension == .snappy)
    }

    @Test func uncompressedMessagesMakeNoCodec() throws {
        let receiver = CompressionWebSocketExtension(.deflate(.default))
        let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: "plain"))
        #expect(try receiver.decompress(frame).data == frame.data)
        #expect(receiver.codecMemory.totalBytes == 0)
    }
}
