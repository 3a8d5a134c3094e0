import Foundation
import PerMessageCompression
import Synchronization

/// The hostile side of `pmce hostile`: threads of blocking raw connections that attack a server
/// until told to stop, beside (not instead of) its well-behaved clients.
///
/// - one thread runs the chosen ``HostileAttack``s in turn, `attackRate` a second at most and
///   each at least once;
/// - one opens connections, upgrades them, sends a message and drops them with a reset, paced
///   to make `churn` of them over the phase;
/// - each slow reader upgrades, sends until the server stops reading (its echoes unread fill
///   the socket), and holds the connection until the end.
final class HostileLoad: Sendable {
    /// How one attack fared.
    struct Tally: Codable, Sendable {
        var runs = 0
        var asExpected = 0
        /// What was seen, and how often.
        var outcomes: [String: Int] = [:]
    }

    /// What the attacks of several phases did, added up.
    struct Totals {
        var tallies: [HostileAttack: Tally] = [:]
        var churned: (dropped: Int, failed: Int, firstFailure: String?) = (0, 0, nil)
        var slowReaderBytes: [Int] = []

        /// Adds what `load` did (after it stopped).
        mutating func add(_ load: HostileLoad) {
            for (attack, tally) in load.tallies.withLock({ $0 }) {
                tallies[attack, default: Tally()].runs += tally.runs
                tallies[attack, default: Tally()].asExpected += tally.asExpected
                tallies[attack, default: Tally()].outcomes.merge(tally.outcomes, uniquingKeysWith: +)
            }
            let phase = load.churned.withLock { $0 }
            churned.dropped += phase.dropped
            churned.failed += phase.failed
            churned.firstFailure = churned.firstFailure ?? phase.firstFailure
            slowReaderBytes += load.slowReaderBytes.withLock { $0 }
        }
    }

    let port: Int
    let payloads: HostilePayloads
    let attacks: [HostileAttack]
    let attackRate: Double
    let churn: Int
    let slowReaders: Int
    let seconds: Double

    let tallies = LockedValue<[HostileAttack: Tally]>([:])
    /// Connections opened and dropped, and those whose upgrade failed (with the first reason).
    let churned = LockedValue<(dropped: Int, failed: Int, firstFailure: String?)>((0, 0, nil))
    /// Bytes each slow reader sent before the server stopped taking them.
    let slowReaderBytes = LockedValue<[Int]>([])
    private let stopped = Atomic<Bool>(false)
    private let running = DispatchGroup()

    init(port: Int, payloads: HostilePayloads, attacks: [HostileAttack], attackRate: Double, churn: Int, slowReaders: Int, seconds: Double) {
        self.port = port
        self.payloads = payloads
        self.attacks = attacks
        self.attackRate = attackRate
        self.churn = churn
        self.slowReaders = slowReaders
        self.seconds = seconds
    }

    /// Starts every attacking thread.
    func start() {
        if !attacks.isEmpty { spawn { self.attackInTurn() } }
        if churn > 0 { spawn { self.churnConnections() } }
        for _ in 0..<slowReaders { spawn { self.readSlowly() } }
    }

    /// Stops the attacks and waits for their threads (each finishes the connection in hand).
    func stop() async {
        stopped.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            running.notify(queue: .global()) { continuation.resume() }
        }
    }

    private var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Sleeps until `due` or the stop, whichever comes first.
    private func wait(until due: ContinuousClock.Instant) {
        while !isStopped, ContinuousClock.now < due {
            Thread.sleep(forTimeInterval: min(0.05, (due - ContinuousClock.now) / .seconds(1)))
        }
    }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        running.enter()
        let thread = Thread {
            // The attackers' own work would be another machine's on a real network: at the
            // lowest priority it does not stand in for the server's on the cores they share.
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)   // 0: this thread (Linux)
            body()
            self.running.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func attackInTurn() {
        let began = ContinuousClock.now
        var index = 0
        // Every attack runs at least once, however short the phase.
        while !isStopped || index < attacks.count {
            wait(until: began + .milliseconds(Int(Double(index) / attackRate * 1000)))
            let attack = attacks[index % attacks.count]
            index += 1
            let (seen, asExpected) = attack.run(port: port, payloads: payloads)
            tallies.withLock { tallies in
                tallies[attack, default: Tally()].runs += 1
                tallies[attack, default: Tally()].asExpected += asExpected ? 1 : 0
                tallies[attack, default: Tally()].outcomes[seen, default: 0] += 1
            }
        }
    }

    private func churnConnections() {
        let began = ContinuousClock.now
        let interval = seconds / Double(churn)
        for index in 0..<churn where !isStopped {
            wait(until: began + .milliseconds(Int(Double(index) * interval * 1000)))
            guard !isStopped else { break }
            do {
                let connection = try RawWebSocket(port: port, timeout: 10)
                let answer = try connection.handshake(extensions: "permessage-deflate, permessage-bzip2, permessage-snappy")
                guard answer.status == 101 else { throw RawWebSocket.Failure(description: "upgrade answered HTTP \(answer.status)") }
                try connection.send(opcode: 0x1, payload: Array("hello".utf8))
                connection.drop()
                churned.withLock { $0.dropped += 1 }
            } catch {
                churned.withLock { churned in
                    churned.failed += 1
                    if churned.firstFailure == nil { churned.firstFailure = "\(error)" }
                }
            }
        }
    }

    private func readSlowly() {
        var sent = 0
        do {
            let connection = try RawWebSocket(port: port, timeout: 2)
            let answer = try connection.handshake(extensions: "permessage-deflate")
            guard answer.status == 101 else { throw RawWebSocket.Failure(description: "upgrade answered HTTP \(answer.status)") }
            var generator = SystemRandomNumberGenerator()
            let message = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Until a send blocks for 2 s: the server no longer reads, its echoes unread.
            while !isStopped, sent < 1 << 30 {
                do {
                    try connection.send(opcode: 0x2, payload: message)
                } catch {
                    break
                }
                sent += message.count
            }
            while !isStopped { usleep(20_000) }
            connection.drop()
        } catch {
            churned.withLock { churned in
                if churned.firstFailure == nil { churned.firstFailure = "slow reader: \(error)" }
            }
        }
        slowReaderBytes.withLock { $0.append(sent) }
    }
}
