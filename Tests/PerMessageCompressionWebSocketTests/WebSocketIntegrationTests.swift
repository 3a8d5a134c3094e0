import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionWebSocket
import Synchronization
import Testing
import TestSupport
import WSCore

/// This package's extensions over real WebSocket connections on loopback: a Hummingbird server
/// and swift-websocket's client, both with this package's compression.
@Suite(.serialized)
struct WebSocketIntegrationTests {
    typealias Mode = ConnectionMode

    static let modes = ConnectionMode.all

    /// Messages from empty to 300 KiB: text, repeated JSON, seeded noise.
    static let messages: [[UInt8]] = {
        var random = SystemRandomNumberGenerator()
        var messages: [[UInt8]] = [[], Array("Hello".utf8)]
        let record = Array(#"{"user":"ada","text":"hello, world","n":12345}"#.utf8)
        for count in [1, 10, 100, 1000, 3000] { messages.append(Array(repeating: record, count: count).flatMap { $0 }) }
        messages.append((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        messages.append(Array(repeating: 0x61, count: 300 * 1024))
        return messages
    }()

    static let logger = Logger(label: "pmce-websocket-tests")

    static func clientConfiguration(_ offers: [ClientExtensionOffer], deflateBackend: DeflateBackend = .zlib) -> WebSocketClientConfiguration {
        WebSocketClientConfiguration(
            maxFrameSize: EchoServer.maxFrameSize, extensions: offers.map { .perMessageCompression(client: $0, deflateBackend: deflateBackend) })
    }

    /// Sends every message, whole and in 4 KiB frames, and checks each echo.
    static func echoEverything(port: Int, offers: [ClientExtensionOffer], deflateBackend: DeflateBackend = .zlib) async throws -> Int {
        let echoed = LockedValue(0)
        let configuration = clientConfiguration(offers, deflateBackend: deflateBackend)
        let close = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/echo", configuration: configuration, logger: logger) { inbound, outbound, _ in
            var replies = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
            for message in Self.messages {
                try await outbound.write(.binary(ByteBuffer(bytes: message)))
                #expect(try await replies.next() == .binary(ByteBuffer(bytes: message)))
                try await outbound.withBinaryMessageWriter { writer in
                    for start in stride(from: 0, to: Swift.max(message.count, 1), by: 4096) {
                        try await writer(ByteBuffer(bytes: message[start..<Swift.min(start + 4096, message.count)]))
                    }
                }
                #expect(try await replies.next() == .binary(ByteBuffer(bytes: message)))
                echoed.withLock { $0 += 2 }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        #expect(close?.closeCode == .normalClosure)
        return echoed.withLock { $0 }
    }

    @Test(arguments: modes)
    func everyExtensionEchoesWholeAndFragmentedMessages(_ mode: Mode) async throws {
        let server = EchoServer(negotiator: ServerNegotiator([mode.policy]))
        let echoed = try await server.run { port in try await Self.echoEverything(port: port, offers: [mode.offer]) }
        #expect(echoed == Self.messages.count * 2)
        let answers = server.answers.all
        #expect(answers.count == 1 && answers[0].count == 1 && answers[0][0].hasPrefix(mode.offer.element.name), "\(answers)")
    }

    @Test(arguments: [DeflateBackend.zlib, .libdeflate])
    func libdeflateServerEchoesToAClientOfEitherBackendWithoutTakeover(client: DeflateBackend) async throws {
        var server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate(requestNoContextTakeover: true, noContextTakeover: true)]))
        server.deflateBackend = .libdeflate
        let echoed = try await server.run { port in
            try await Self.echoEverything(port: port, offers: [.perMessageDeflate()], deflateBackend: client)
        }
        #expect(echoed == Self.messages.count * 2)
    }

    @Test func clientOfferingAllThreeToAServerAcceptingAllThreeGetsExactlyOne() async throws {
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageSnappy(), .perMessageDeflate(), .perMessageBzip2()]))
        let echoed = try await server.run { port in
            try await Self.echoEverything(port: port, offers: [.perMessageDeflate(), .perMessageBzip2(), .perMessageSnappy()])
        }
        #expect(echoed == Self.messages.count * 2)
        #expect(server.answers.all == [["permessage-snappy"]])
    }

    @Test func offersJoinedByCommasInOneHeaderAreHonouredInOrder() async throws {
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate(), .perMessageBzip2(), .perMessageSnappy()], preference: .client))
        try await server.run { port in
            var configuration = WebSocketClientConfiguration()
            configuration.additionalHeaders[.secWebSocketExtensions] =
                "permessage-deflate; server_max_window_bits=8, permessage-snappy; client_no_context_takeover, permessage-deflate"
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/echo", configuration: configuration, logger: Self.logger) { _, outbound, _ in
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        // The first offer binds the server to a window of 8 and is declined; the client's next is snappy.
        #expect(server.answers.all == [["permessage-snappy"]])
    }

    @Test func messageOverTheLimitOnceDecompressedClosesWith1009() async throws {
        let limit = 64 * 1024
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate(maxMessageSize: limit)]))
        let close = try await server.run { port in
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/echo", configuration: Self.clientConfiguration([.perMessageDeflate()]), logger: Self.logger) {
                inbound, outbound, _ in
                // 4 MiB of zeros compress to about 4 KiB: a bomb against a 64 KiB limit.
                try await outbound.write(.binary(ByteBuffer(repeating: 0, count: 4 << 20)))
                for try await _ in inbound {}
            }
        }
        #expect(close?.closeCode == .messageTooLarge)
    }

    @Test func serverWithoutACompressionOfferAnswersWithoutCompression() async throws {
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageDeflate()]))
        let echoed = try await server.run { port in try await Self.echoEverything(port: port, offers: []) }
        #expect(echoed == Self.messages.count * 2)
        #expect(server.answers.all == [[]])
    }
}
