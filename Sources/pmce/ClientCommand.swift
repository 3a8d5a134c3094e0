import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import PMCEBenchmarkKit
import PerMessageCompression
import PerMessageCompressionWebSocket
import WSCore

/// `pmce client URL`: offers per-message compression to a WebSocket echo server, replays corpora
/// through it and checks every echo; or, with `--echo`, echoes what a server sends (the Autobahn
/// TestSuite's fuzzingserver).
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Replay corpora through a WebSocket echo server with per-message compression and check every echo.",
        discussion: """
            Prints the Sec-WebSocket-Extensions the server agreed to, then a one-line summary. Exits \
            non-zero when the handshake fails, an echo differs or the server closes abnormally.

              pmce serve --port 9001 &
              pmce client ws://127.0.0.1:9001/ --extension snappy --corpus Datasets/chat-json.ndjson
            """)

    @Argument(help: "The server's ws:// URL.")
    var url: String

    @OptionGroup(title: "Compression") var offer: ClientOfferOptions
    @OptionGroup(title: "What to compress") var sending: SendPolicyOptions
    @OptionGroup(title: "Corpora") var corpora: CorpusOptions

    @Flag(help: "Echo every message the server sends until it closes, instead of replaying corpora.")
    var echo = false

    @Option(name: .customLong("max-frame-size"), help: "The largest frame the client sends or accepts, in bytes.")
    var maxFrameSize = 1 << 24

    func run() async throws {
        let agreed = LockedValue<NegotiatedCompression?>(nil)
        let record: @Sendable (NegotiatedCompression) -> Void = { result in agreed.withLock { $0 = result } }
        let sendPolicy = try sending.policy
        let configuration = WebSocketClientConfiguration(
            maxFrameSize: maxFrameSize,
            extensions: offer.offers.map {
                .perMessageCompression(
                    client: $0, sendPolicy: sendPolicy, deflateBackend: sending.deflateBackend, receiveWindowCheck: sending.receiveWindowCheck,
                    onNegotiated: record)
            },
            validateUTF8: true)
        var logger = Logger(label: "pmce-client")
        logger.logLevel = .warning
        let messages = echo ? [] : try corpora.load().flatMap(\.messages)
        let maxMessageSize = offer.maxMessageSize ?? (1 << 30)
        let summary = LockedValue(Summary())
        let started = ContinuousClock.now
        let close = try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            Terminal.write("Sec-WebSocket-Extensions: \(agreed.withLock { $0?.responseHeader } ?? "(none)")\n", to: 1)
            if echo {
                for try await message in inbound.messages(maxSize: maxMessageSize) {
                    switch message {
                    case .text(let text): try await outbound.write(.text(text))
                    case .binary(let bytes): try await outbound.write(.binary(bytes))
                    }
                    summary.withLock { $0.messages += 1 }
                }
                return
            }
            var replies = inbound.messages(maxSize: maxMessageSize).makeAsyncIterator()
            for message in messages {
                try await outbound.write(.binary(ByteBuffer(bytes: message)))
                let reply = try await replies.next()
                summary.withLock { summary in
                    summary.messages += 1
                    summary.bytes += message.count
                    if reply != .binary(ByteBuffer(bytes: message)) { summary.mismatches += 1 }
                }
            }
            try await outbound.close(.normalClosure, reason: nil)
        }
        let result = summary.withLock { $0 }
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        let closeCode = close.map { String(describing: $0.closeCode) } ?? "none"
        if echo {
            Terminal.write("pmce client: echoed \(result.messages) messages; server closed with \(closeCode)\n", to: 1)
            return
        }
        Terminal.write("pmce client: \(result.messages) of \(messages.count) messages echoed, \(result.bytes) bytes, \(result.mismatches) mismatches, \(String(format: "%.2f", seconds)) s; close \(closeCode)\n", to: 1)
        guard result.mismatches == 0, result.messages == messages.count, close?.closeCode == .normalClosure else { throw ExitCode(1) }
    }

    struct Summary {
        var messages = 0
        var bytes = 0
        var mismatches = 0
    }
}
