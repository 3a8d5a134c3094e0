import Foundation
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

/// Live interop with Autobahn|Python over real sockets: its client against our server, our client
/// against its server, for every extension, deflate's window bits 9–15 with takeover on and off,
/// messages from 0 B to 1 MiB sent in one frame and in 4 KiB frames. The negotiated parameters
/// are checked on both sides and every echoed message compared.
@Suite(
    .serialized,
    .enabled(if: AutobahnPythonPeer.isAvailable, "Autobahn|Python is not importable (pip install autobahn python-snappy): interop skipped"))
struct AutobahnWebSocketInteropTests {
    typealias Case = AutobahnInteropCase

    static let cases = WindowBits.compressible.map { AutobahnInteropCase.deflate(windowBits: $0) } + AutobahnInteropCase.others

    /// 0 B to 1 MiB: the integration suite's messages and a 1 MiB mix of text and noise.
    static let messages = WebSocketIntegrationTests.messages + [AutobahnInteropCase.largeMessage]

    @Test(arguments: cases, [0, 4096])
    func autobahnClientAgainstOurServer(_ testCase: Case, fragmentSize: Int) async throws {
        let server = EchoServer(negotiator: ServerNegotiator([testCase.policy]))
        let run = try await server.run { port in try await AutobahnPythonPeer.client("ws://127.0.0.1:\(port)/echo", testCase, fragmentSize: fragmentSize) }
        #expect(run.status == 0, "\(run.events) \(run.errors.suffix(2000))")
        let answered = server.answers.all.first?.first
        #expect(
            answered != nil && run.opened?["extension"] as? String == answered,
            "ours \(String(describing: answered)), Autobahn's \(String(describing: run.opened))")
        #expect(run.echoedEverything, "\(String(describing: run.done))")
    }

    @Test(arguments: cases, [0, 4096])
    func ourClientAgainstAutobahnServer(_ testCase: Case, fragmentSize: Int) async throws {
        let server = try await AutobahnPythonPeer.Server.start(testCase.extensionName, testCase.autobahnServer + ["--auto-fragment-size", "\(fragmentSize)"])
        defer { server.stop() }
        let agreed = Mutex<String?>(nil)
        let mismatches = Mutex(0)
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: EchoServer.maxFrameSize,
            extensions: [.perMessageCompression(client: testCase.offer, onNegotiated: { result in agreed.withLock { $0 = result.responseHeader } })])
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(server.port)/", configuration: configuration, logger: WebSocketIntegrationTests.logger
        ) { inbound, outbound, _ in
            var replies = inbound.messages(maxSize: 1 << 24).makeAsyncIterator()
            for message in Self.messages {
                try await outbound.write(.binary(ByteBuffer(bytes: message)))
                if try await replies.next() != .binary(ByteBuffer(bytes: message)) { mismatches.withLock { $0 += 1 } }
                try await outbound.withBinaryMessageWriter { writer in
                    for start in stride(from: 0, to: Swift.max(message.count, 1), by: 4096) {
                        try await writer(ByteBuffer(bytes: message[start..<Swift.min(start + 4096, message.count)]))
                    }
                }
                if try await replies.next() != .binary(ByteBuffer(bytes: message)) { mismatches.withLock { $0 += 1 } }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        #expect(close?.closeCode == .normalClosure)
        #expect(mismatches.withLock { $0 } == 0)
        let open = server.events.first { $0["event"] as? String == "open" }
        let ours = agreed.withLock { $0 }
        #expect(ours != nil && open?["extension"] as? String == ours, "ours \(String(describing: ours)), Autobahn's \(String(describing: open))")
    }
}
