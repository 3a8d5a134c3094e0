import Foundation
import PerMessageCompression
import PerMessageCompressionNIO
import Testing
import TestSupport

/// The SwiftNIO handler and negotiation halves over real connections on loopback: a plain NIO
/// server against swift-websocket's client with this package's extension, a plain NIO client
/// against the Hummingbird server, and raw frames for the close codes.
@Suite(.serialized)
struct NIOHandlerTests {
    @Test(arguments: WebSocketIntegrationTests.modes)
    func nioServerEchoesWholeAndFragmentedMessagesToSwiftWebSocketsClient(_ mode: WebSocketIntegrationTests.Mode) async throws {
        let server = NIOEchoServer(ServerNegotiator([mode.policy]))
        let echoed = try await server.run { port in
            try await WebSocketIntegrationTests.echoEverything(port: port, offers: [mode.offer])
        }
        #expect(echoed == 2 * WebSocketIntegrationTests.messages.count)
        // Every connection leaves the negotiation's registry once the server side has closed it.
        _ = try await Self.waitFor({ server.compression.statistics.connections }, until: { $0 == 0 })
        #expect(server.compression.statistics.connections == 0)
    }

    @Test func nioClientOfferingAllThreeEndsWithTheServersChoiceAndItsEchoes() async throws {
        let server = EchoServer(negotiator: ServerNegotiator([.perMessageSnappy(), .perMessageBzip2(), .perMessageDeflate()]))
        let client = WebSocketClientCompression(ClientNegotiator([.perMessageDeflate(), .perMessageBzip2(), .perMessageSnappy()]))
        let messages = WebSocketIntegrationTests.messages
        let outcome = try await server.run { port in
            try await NIOWebSocketTestClient.exchange(port: port, compression: client, messages: messages)
        }
        #expect(outcome.agreed?.compressionExtension == .snappy)
        #expect(server.answers.all == [["permessage-snappy"]])
        #expect(outcome.echoes == messages)
    }

    @Test func nioClientAndNIOServerAgreeOnDeflateParameters() async throws {
        let server = NIOEchoServer(ServerNegotiator([.perMessageDeflate(requestMaxWindowBits: try WindowBits(10), windowBits: try WindowBits(11))]))
        let client = WebSocketClientCompression(ClientNegotiator([.perMessageDeflate()]))
        let messages = WebSocketIntegrationTests.messages
        let outcome = try await server.run { port in
            try await NIOWebSocketTestClient.exchange(port: port, compression: client, messages: messages)
        }
        guard case .deflate(let agreed)? = outcome.agreed else {
            Issue.record("no deflate agreed: \(String(describing: outcome.agreed))")
            return
        }
        // The server asked for client_max_window_bits=10. Its own window of 11 needs no
        // parameter, as the client did not offer server_max_window_bits: the client inflates with 15.
        #expect(agreed.sendWindowBits.rawValue == 10)
        #expect(agreed.receiveWindowBits.rawValue == 15)
        #expect(outcome.echoes == messages)
    }

    /// Zeros four times the server's limit, deflated and cut into four frames, RSV1 on the first.
    static func deflateBombFrames(limit: Int) throws -> [String] {
        let payload = try CompressionConfiguration.deflate(.init()).makeCodec().compressMessage([UInt8](repeating: 0, count: 4 * limit))
        let size = (payload.count + 3) / 4
        let pieces = stride(from: 0, to: payload.count, by: size).map { payload[$0..<min($0 + size, payload.count)] }
        return pieces.enumerated().map { index, piece in
            "\(index == pieces.count - 1 ? 1 : 0):\(index == 0 ? 1 : 0):\(index == 0 ? 2 : 0):" + Hex.encode(piece)
        }
    }

    @Test func nioServerClosesWith1009OnAFragmentedBombAnd1002OnRSVAbuse() async throws {
        let limit = 1 << 20
        let server = NIOEchoServer(ServerNegotiator([.perMessageDeflate(maxMessageSize: limit)]))
        let bomb = try Self.deflateBombFrames(limit: limit)
        try await server.run { port in
            var lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", bomb)
            #expect(lines.first == "extensions permessage-deflate")
            #expect(lines.last == "close 1009", "\(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["0:1:2:f248cd", "1:1:0:c9c90700"])
            #expect(lines.last == "close 1002", "RSV1 on a continuation frame: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["1:2:2:68656c6c6f"])
            #expect(lines.last == "close 1002", "RSV2: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["1:1:9:"])
            #expect(lines.last == "close 1002", "RSV1 on a ping: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["1:1:2:ffffffffff"])
            #expect(lines.last == "close 1002", "corrupt data: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["0:1:1:f248cd", "1:1:1:f248cdc9c90700"])
            #expect(lines.last == "close 1002", "a new message inside a fragmented one: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["1:0:0:68656c6c6f"])
            #expect(lines.last == "close 1002", "a continuation with no message: \(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "", ["1:1:2:f248cdc9c90700"])
            #expect(lines == ["extensions ", "close 1002"], "RSV1 on a connection that agreed no compression: \(lines)")
            // The server is still up: a good message after all that.
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["1:1:2:f248cdc9c90700", "1:0:8:03e8"])
            #expect(lines.dropFirst().first == "data fin=1 rsv1=1 opcode=2 payload=f248cdc9c90700", "\(lines)")
        }
    }

    /// A peer still sending after the server's close frame must not make the server reset the
    /// connection: a reset can reach the peer before it has read the close frame, and its sends
    /// fail. The server ends its output after the close frame, reads and drops what follows,
    /// and closes when the peer does.
    @Test func nioServerReadsOnAfterItsCloseFrameSoThePeerGetsTheCodeAndNoReset() async throws {
        let limit = 1 << 20
        let server = NIOEchoServer(ServerNegotiator([.perMessageDeflate(maxMessageSize: limit)]))
        let bomb = try Self.deflateBombFrames(limit: limit)
        let lines = try await server.run { port in
            try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", bomb + RawWebSocketClient.framesAfterTheClose)
        }
        #expect(lines == ["extensions permessage-deflate", "close 1009"])
        // The server closed its end once the peer had, long before its close timeout.
        let closed = try await Self.waitFor({ server.compression.statistics.connections }, until: { $0 == 0 })
        #expect(closed)
    }

    /// A peer that neither answers the close frame nor closes keeps the connection until the
    /// close timeout, but not its codecs: after a message, a pause (memory held), a bomb and a
    /// longer pause, the connection is still there and holds no codec memory.
    @Test func aFailedConnectionDropsItsCodecsWhileItWaitsForThePeer() async throws {
        let limit = 1 << 20
        let server = NIOEchoServer(ServerNegotiator([.perMessageDeflate(maxMessageSize: limit)]))
        let frames = ["1:1:2:f248cdc9c90700", "sleep:1"] + (try Self.deflateBombFrames(limit: limit)) + ["sleep:3"]
        let statistics = { @Sendable in server.compression.statistics }
        try await server.run { port in
            async let lines = RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", frames)
            let holding = try await Self.waitFor(statistics, until: { $0.connections == 1 && $0.connectionMemory != .zero })
            #expect(holding, "the codec after the first message")
            let dropped = try await Self.waitFor(statistics, until: { $0.connections == 1 && $0.connectionMemory == .zero })
            #expect(dropped, "\(statistics())")
            let received = try await lines
            #expect(received == ["extensions permessage-deflate", "data fin=1 rsv1=1 opcode=2 payload=f248cdc9c90700", "close 1009"])
        }
    }

    /// Polls `value` every 10 ms for up to 5 s until `condition` holds; whether it did.
    static func waitFor<T>(_ value: @Sendable () -> T, until condition: (T) -> Bool) async throws -> Bool {
        let start = ContinuousClock.now
        while !condition(value()) {
            guard ContinuousClock.now - start < .seconds(5) else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// A message that inflates to 1 MiB, in three frames, then a small message (echoed raw, as
    /// the send policy says) and a ping, all sent before any answer is read: the large frames are
    /// finished on background threads, and what was read behind them waits and is answered in
    /// order.
    @Test func nioServerFinishesLargeFramesInTheBackgroundAndAnswersWhatFollowsInOrder() async throws {
        let server = NIOEchoServer(ServerNegotiator([.perMessageDeflate()]))
        let offer = "permessage-deflate; server_no_context_takeover; client_no_context_takeover"
        let configuration = try PerMessageDeflateCodec.Configuration(sendNoContextTakeover: true, receiveNoContextTakeover: true)
        let large = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: ($0 / 7) % 13) }
        let payload = try PerMessageDeflateCodec(configuration).compressMessage(large)
        let third = (payload.count + 2) / 3
        let frames = [
            "0:1:2:" + Hex.encode(payload[..<third]), "0:0:0:" + Hex.encode(payload[third..<(2 * third)]), "1:0:0:" + Hex.encode(payload[(2 * third)...]),
            "1:1:1:f248cdc9c90700", "1:0:9:7070", "1:0:8:03e8",
        ]
        let before = BackgroundDecoding.finishedFrames
        let lines = try await server.run { port in try await RawWebSocketClient.exchange(port: port, offer: offer, frames) }
        #expect(BackgroundDecoding.finishedFrames > before)
        guard lines.count == 5, lines[1].hasPrefix("data fin=1 rsv1=1 opcode=2 payload=") else {
            Issue.record("\(lines.map { $0.prefix(80) })")
            return
        }
        let echoed = Hex.decode(String(lines[1].dropFirst("data fin=1 rsv1=1 opcode=2 payload=".count)))
        #expect(try PerMessageDeflateCodec(configuration).decompressMessage(echoed ?? []) == large)
        #expect(Array(lines.dropFirst(2)) == ["data fin=1 rsv1=0 opcode=1 payload=48656c6c6f", "data fin=1 rsv1=0 opcode=10 payload=7070", "close 1000"])
    }

    @Test func nioClientRefusesAnAnswerItDidNotOffer() async throws {
        let server = NIOEchoServer(ServerNegotiator([.perMessageSnappy()]))
        let client = WebSocketClientCompression(ClientNegotiator([.perMessageDeflate()]))
        // The server declines deflate (it accepts snappy only): no extension, plain messages.
        let outcome = try await server.run { port in
            try await NIOWebSocketTestClient.exchange(port: port, compression: client, messages: [Array("plain".utf8)])
        }
        #expect(outcome.agreed == nil)
        #expect(outcome.echoes == [Array("plain".utf8)])
        let response = HTTPResponseHeadFixture.switching(extensions: "permessage-snappy")
        #expect(throws: NegotiationError.unofferedExtension(extension: "permessage-snappy")) { try client.handler(for: response) }
    }
}

import NIOHTTP1

/// 101 responses as a server would send them.
enum HTTPResponseHeadFixture {
    static func switching(extensions: String) -> HTTPResponseHead {
        HTTPResponseHead(version: .http1_1, status: .switchingProtocols, headers: HTTPHeaders([("Sec-WebSocket-Extensions", extensions)]))
    }
}
