import Foundation
import NIOCore
import NIOPosix
import PerMessageCompression
import PerMessageCompressionNIO
import PerMessageCompressionVapor
import Synchronization
import Testing
import TestSupport
import WebSocketKit

/// Vapor routes with `compressedWebSocket` and websocket-kit clients with `connectCompressed`,
/// over real connections on loopback.
@Suite(.serialized)
struct VaporWebSocketTests {
    /// Empty to 300 KiB: text records, seeded noise, a long run.
    static let messages: [[UInt8]] = {
        var generator = SystemRandomNumberGenerator()
        let record = Array(#"{"user":"ada","text":"hello, world","n":12345}"#.utf8)
        var messages: [[UInt8]] = [[], Array("Hello".utf8)]
        for count in [1, 100, 3000] { messages.append(Array(repeating: record, count: count).flatMap { $0 }) }
        messages.append((0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        messages.append(Array(repeating: 0x61, count: 300 * 1024))
        return messages
    }()

    /// What one websocket-kit client connection agreed and got back.
    struct Outcome: Sendable {
        var agreed: CompressionConfiguration?
        var echoes: [[UInt8]]
    }

    /// Connects with `connectCompressed`, sends each message as binary after the last echo, then closes.
    static func exchange(port: Int, offers: [ClientExtensionOffer], messages: [[UInt8]]) async throws -> Outcome {
        let agreed = Mutex<CompressionConfiguration??>(nil)
        let echoes = Mutex<[[UInt8]]>([])
        let finished = MultiThreadedEventLoopGroup.singleton.any().makePromise(of: Void.self)
        var configuration = WebSocketClient.Configuration()
        configuration.maxFrameSize = 1 << 22
        try await WebSocket.connectCompressed(
            to: "ws://127.0.0.1:\(port)/echo", compression: WebSocketClientCompression(ClientNegotiator(offers)), configuration: configuration,
            on: MultiThreadedEventLoopGroup.singleton, onNegotiated: { configuration in agreed.withLock { $0 = .some(configuration) } }
        ) { ws in
            ws.onBinary { ws, bytes in
                let count = echoes.withLock { echoes in
                    echoes.append(Array(bytes.readableBytesView))
                    return echoes.count
                }
                if count < messages.count { ws.send(messages[count]) } else { ws.close(promise: finished) }
            }
            ws.onClose.whenComplete { _ in finished.succeed(()) }
            ws.send(messages[0])
        }.get()
        try await finished.futureResult.get()
        return Outcome(agreed: agreed.withLock { $0 } ?? nil, echoes: echoes.withLock { $0 })
    }

    @Test(arguments: ConnectionMode.all)
    func vaporRouteEchoesEveryMessageToTheWebSocketKitClient(_ mode: ConnectionMode) async throws {
        let server = VaporEchoServer(ServerNegotiator([mode.policy]))
        let outcome = try await server.run { port in try await Self.exchange(port: port, offers: [mode.offer], messages: Self.messages) }
        #expect(outcome.agreed?.compressionExtension == mode.compressionExtension)
        #expect(outcome.echoes == Self.messages)
    }

    @Test func clientOfferingAllThreeEndsWithOneActive() async throws {
        let server = VaporEchoServer(ServerNegotiator([.perMessageBzip2(), .perMessageSnappy(), .perMessageDeflate()]))
        let outcome = try await server.run { port in
            try await Self.exchange(port: port, offers: [.perMessageDeflate(), .perMessageSnappy(), .perMessageBzip2()], messages: Self.messages)
        }
        #expect(outcome.agreed?.compressionExtension == .bzip2)
        #expect(outcome.echoes == Self.messages)
    }

    @Test func vaporRouteClosesWith1009OnAFragmentedBombAnd1002OnRSV1OnAContinuation() async throws {
        let limit = 1 << 20
        let server = VaporEchoServer(ServerNegotiator([.perMessageDeflate(maxMessageSize: limit)]))
        let payload = try CompressionConfiguration.deflate(.init()).makeCodec().compressMessage([UInt8](repeating: 0, count: 4 * limit))
        let half = payload.count / 2
        let first = "0:1:2:" + Hex.encode(payload[..<half])
        let second = "1:0:0:" + Hex.encode(payload[half...])
        try await server.run { port in
            var lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", [first, second])
            #expect(lines.first == "extensions permessage-deflate")
            #expect(lines.last == "close 1009", "\(lines)")
            // A peer that goes on sending gets the close code too, with no reset.
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", [first, second] + RawWebSocketClient.framesAfterTheClose)
            #expect(lines == ["extensions permessage-deflate", "close 1009"])
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate", ["0:1:2:f248cd", "1:1:0:c9c90700"])
            #expect(lines.last == "close 1002", "\(lines)")
            lines = try await RawWebSocketClient.exchange(port: port, offer: "permessage-deflate; ;;=", [])
            #expect(lines == ["HTTP 400"], "a malformed offer: \(lines)")
        }
    }

    @Test func connectCompressedRefusesABadURL() async throws {
        await #expect(throws: CompressedConnectError.invalidURL("http://127.0.0.1/")) {
            try await WebSocket.connectCompressed(
                to: "http://127.0.0.1/", compression: WebSocketClientCompression(ClientNegotiator([.perMessageDeflate()])),
                on: MultiThreadedEventLoopGroup.singleton) { _ in }.get()
        }
    }
}
