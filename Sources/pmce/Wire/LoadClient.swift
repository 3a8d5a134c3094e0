import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import PMCEBenchmarkKit
import PerMessageCompression
import WSCore

/// A one-shot gate: tasks wait at it until it opens.
final class Gate: Sendable {
    private let state = LockedValue<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the gate for every waiter, present and future.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            let waiters = state.waiters
            state.waiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// The load side of the wire benchmark: many WebSocket connections to one server, each
/// replaying a corpus message by message and checking every echo.
///
/// Phases, driven by the caller: every connection opens and sends one message (so that its
/// compression is agreed and used once); the active ones then replay the corpus for a set time
/// after ``start`` opens; all stay open until ``finish`` opens, then close.
final class LoadSession: Sendable {
    /// What the active connections did.
    struct Outcome: Sendable {
        var messages = 0
        var rawBytes = 0
        var uncompressedWireBytes = 0
        var roundTripNanoseconds: [UInt64] = []
        var mismatches = 0
    }

    let start = Gate()
    let finish = Gate()
    let opened = LockedValue(0)
    let finishedActive = LockedValue(0)
    let failures = LockedValue<[String]>([])
    let outcome = LockedValue(Outcome())

    let url: String
    let messages: [[UInt8]]
    let connections: Int
    let idleConnections: Int
    let seconds: Double
    /// Messages each active connection sends a second, spaced evenly; `nil` sends each as soon
    /// as the last one's echo is back (the wire benchmark's closed loop).
    let messagesPerSecond: Double?
    let configuration: WebSocketClientConfiguration
    let maxMessageSize: Int

    init(
        url: String, messages: [[UInt8]], connections: Int, idleConnections: Int, seconds: Double, messagesPerSecond: Double? = nil,
        extensions: [WebSocketExtensionFactory], maxMessageSize: Int
    ) {
        self.messagesPerSecond = messagesPerSecond
        self.url = url
        self.messages = messages
        self.connections = connections
        self.idleConnections = idleConnections
        self.seconds = seconds
        self.configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 24, extensions: extensions, autoPing: .disabled)
        self.maxMessageSize = maxMessageSize
    }

    /// Connections opened (or failed) so far.
    var settled: Int { opened.withLock { $0 } + failures.withLock { $0.count } }

    /// Opens every connection, at most 128 handshakes in flight, and runs each to its end.
    func run() async {
        let logger = {
            var logger = Logger(label: "pmce-wire-client")
            logger.logLevel = .critical
            return logger
        }()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<(connections + idleConnections) {
                while index - settled > 128 { try? await Task.sleep(for: .milliseconds(1)) }
                group.addTask { await self.connection(index, active: index < self.connections, logger: logger) }
            }
        }
    }

    private func connection(_ index: Int, active: Bool, logger: Logger) async {
        let reportedDone = LockedValue(false)
        do {
            let close = try await WebSocketClient.connect(url: .init(url), configuration: configuration, logger: logger) { inbound, outbound, _ in
                var replies = inbound.messages(maxSize: self.maxMessageSize).makeAsyncIterator()
                let first = self.messages[index % self.messages.count]
                try await outbound.write(.binary(ByteBuffer(bytes: first)))
                _ = try await replies.next()
                self.opened.withLock { $0 += 1 }
                await self.start.wait()
                if active {
                    var outcome = Outcome()
                    let clock = ContinuousClock()
                    let deadline = clock.now + .milliseconds(Int(self.seconds * 1000))
                    var next = index * self.messages.count / Swift.max(self.connections, 1)
                    let paceStart = clock.now
                    var sent = 0
                    while clock.now < deadline {
                        if let rate = self.messagesPerSecond {
                            try await Task.sleep(until: paceStart + .nanoseconds(Int64(Double(sent) / rate * 1e9)), clock: clock)
                        }
                        sent += 1
                        let message = self.messages[next % self.messages.count]
                        next += 1
                        let began = MonotonicClock.nanoseconds()
                        try await outbound.write(.binary(ByteBuffer(bytes: message)))
                        guard let reply = try await replies.next() else { break }
                        outcome.roundTripNanoseconds.append(MonotonicClock.nanoseconds() &- began)
                        if case .binary(let bytes) = reply, bytes.readableBytesView.elementsEqual(message) {} else { outcome.mismatches += 1 }
                        outcome.messages += 1
                        outcome.rawBytes += message.count
                        outcome.uncompressedWireBytes += WireFrame.bytes(payload: message.count, masked: true) + WireFrame.bytes(payload: message.count, masked: false)
                    }
                    self.outcome.withLock { total in
                        total.messages += outcome.messages
                        total.rawBytes += outcome.rawBytes
                        total.uncompressedWireBytes += outcome.uncompressedWireBytes
                        total.roundTripNanoseconds += outcome.roundTripNanoseconds
                        total.mismatches += outcome.mismatches
                    }
                    reportedDone.withLock { $0 = true }
                    self.finishedActive.withLock { $0 += 1 }
                }
                await self.finish.wait()
                try await outbound.close(.normalClosure, reason: nil)
            }
            if let close, close.closeCode != .normalClosure {
                failures.withLock { $0.append("connection \(index) closed with \(close.closeCode)") }
            }
        } catch {
            failures.withLock { $0.append("connection \(index): \(error)") }
            if active && !reportedDone.withLock({ $0 }) { finishedActive.withLock { $0 += 1 } }
        }
    }
}
