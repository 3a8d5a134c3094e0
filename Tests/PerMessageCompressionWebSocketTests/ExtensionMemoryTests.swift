import NIOCore
import NIOWebSocket
import PerMessageCompression
import Testing
import WSCore

@testable import PerMessageCompressionWebSocket

/// What a connection holds: its own codec state only for directions that carry context, made
/// on the first compressed message; directions without context borrow from a pool per message.
struct ExtensionMemoryTests {
    static let text = ByteBuffer(string: String(repeating: "hello ", count: 100))

    static func frame(_ data: ByteBuffer, fin: Bool = true, opcode: WebSocketOpcode = .binary) -> WebSocketFrame {
        WebSocketFrame(fin: fin, opcode: opcode, data: data)
    }

    @Test(arguments: [
        CompressionConfiguration.deflate(.default), .bzip2(.default), .snappy(.default),
        .deflate(try! .init(sendNoContextTakeover: true, receiveNoContextTakeover: true)),
        .snappy(try! .init(sendNoContextTakeover: true, receiveNoContextTakeover: true)),
    ])
    func aConnectionHoldsCodecStateOnlyWhereContextIsCarried(_ configuration: CompressionConfiguration) throws {
        let pool = CodecPool()
        let sender = CompressionWebSocketExtension(configuration, sendPolicy: .always, pool: pool)
        let receiver = CompressionWebSocketExtension(configuration, sendPolicy: .always, pool: pool)
        #expect(sender.codecMemory.totalBytes == 0 && receiver.codecMemory.totalBytes == 0)
        let compressed = try sender.compress(Self.frame(Self.text))
        #expect(compressed.rsv1)
        #expect((sender.codecMemory.totalBytes > 0) == configuration.sendCarriesContext)
        #expect(receiver.codecMemory.totalBytes == 0)
        let decompressed = try receiver.decompress(compressed)
        #expect(decompressed.data == Self.text && !decompressed.rsv1)
        #expect((receiver.codecMemory.totalBytes > 0) == configuration.receiveCarriesContext)
    }

    @Test func idleConnectionsWithoutContextHoldNothingHoweverManyThereAre() throws {
        let pool = CodecPool()
        let configuration = CompressionConfiguration.deflate(try .init(sendNoContextTakeover: true, receiveNoContextTakeover: true))
        let connections = (0..<200).map { _ in CompressionWebSocketExtension(configuration, sendPolicy: .always, pool: pool) }
        for connection in connections {
            let compressed = try connection.compress(Self.frame(Self.text))
            #expect(try connection.decompress(compressed).data == Self.text)
        }
        #expect(connections.allSatisfy { $0.codecMemory.totalBytes == 0 })
        // Used one at a time: one codec served all 200 connections, both ways.
        #expect(pool.slot(for: configuration).idleCount == 1)
    }

    @Test(arguments: [
        CompressionConfiguration.bzip2(try! .init(sendLevel: .min)), .deflate(try! .init(sendNoContextTakeover: true, receiveNoContextTakeover: true)),
    ])
    func aFragmentedMessageHoldsACodecOnlyWhileInFlight(_ configuration: CompressionConfiguration) throws {
        let sender = CompressionWebSocketExtension(configuration, pool: CodecPool())
        let receiver = CompressionWebSocketExtension(configuration, pool: CodecPool())
        // Large enough that both compressors emit bytes before the message ends (bzip2 level 1
        // fills its 100 kB block), so the receiver's codec has work on the first frame.
        var generator = SystemRandomNumberGenerator()
        let firstPart = ByteBuffer(bytes: (0..<(300 << 10)).map { _ in UInt8.random(in: 0...15, using: &generator) })
        let first = try sender.compress(Self.frame(firstPart, fin: false))
        #expect(first.rsv1 && first.data.readableBytes > 0 && sender.codecMemory.totalBytes > 0)
        let last = try sender.compress(Self.frame(Self.text, opcode: .continuation))
        #expect(!last.rsv1 && sender.codecMemory.totalBytes == 0)
        var message = try receiver.decompress(first).data
        #expect(receiver.codecMemory.totalBytes > 0)
        var tail = try receiver.decompress(last).data
        message.writeBuffer(&tail)
        #expect(receiver.codecMemory.totalBytes == 0)
        var expected = firstPart
        expected.writeImmutableBuffer(Self.text)
        #expect(message == expected)
    }

    @Test func uncompressedMessagesMakeNoCodec() throws {
        let receiver = CompressionWebSocketExtension(.deflate(.default))
        let frame = Self.frame(ByteBuffer(string: "plain"), opcode: .text)
        #expect(try receiver.decompress(frame).data == frame.data)
        #expect(receiver.codecMemory.totalBytes == 0)
    }
}

/// Whole messages go out as the send policy says.
struct SendPolicyExtensionTests {
    static let noise = ByteBuffer(bytes: (0..<200).map { _ in UInt8.random(in: 0...255) })

    @Test func messagesBelowTheMinimumGoOutUncompressed() throws {
        let sender = CompressionWebSocketExtension(.deflate(.default), sendPolicy: try SendPolicy(minimumMessageSize: 256))
        let small = try sender.compress(ExtensionMemoryTests.frame(ByteBuffer(string: "tiny")))
        #expect(!small.rsv1 && small.data == ByteBuffer(string: "tiny"))
        #expect(sender.codecMemory.totalBytes == 0)
        #expect(try sender.compress(ExtensionMemoryTests.frame(ExtensionMemoryTests.text)).rsv1)
    }

    @Test(arguments: [
        CompressionConfiguration.deflate(try! .init(sendNoContextTakeover: true)), .bzip2(.default), .snappy(try! .init(sendNoContextTakeover: true)),
    ])
    func whereNoContextIsCarriedAMessageCompressionWouldGrowGoesRaw(_ configuration: CompressionConfiguration) throws {
        let sender = CompressionWebSocketExtension(configuration, sendPolicy: .default, pool: CodecPool())
        let frame = try sender.compress(ExtensionMemoryTests.frame(Self.noise))
        #expect(!frame.rsv1 && frame.data == Self.noise)
        let always = CompressionWebSocketExtension(configuration, sendPolicy: .always, pool: CodecPool())
        let compressed = try always.compress(ExtensionMemoryTests.frame(Self.noise))
        #expect(compressed.rsv1 && compressed.data.readableBytes >= Self.noise.readableBytes)
    }

    @Test(arguments: [CompressionConfiguration.deflate(.default), .snappy(.default)])
    func whereContextIsCarriedACompressedMessageIsSentEvenIfLarger(_ configuration: CompressionConfiguration) throws {
        let sender = CompressionWebSocketExtension(configuration, sendPolicy: .default, pool: CodecPool())
        let receiver = CompressionWebSocketExtension(configuration, pool: CodecPool())
        for _ in 0..<3 {
            let frame = try sender.compress(ExtensionMemoryTests.frame(Self.noise))
            #expect(frame.rsv1)
            #expect(try receiver.decompress(frame).data == Self.noise)
        }
    }
}
