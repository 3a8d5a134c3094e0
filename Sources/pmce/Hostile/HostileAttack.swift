import ArgumentParser
import Foundation
import PerMessageCompression

/// One kind of hostile connection `pmce hostile` opens against a server, and the answer a
/// server that stays up owes it.
enum HostileAttack: String, CaseIterable, Codable, Sendable, ExpressibleByArgument {
    /// A Sec-WebSocket-Extensions header that does not parse.
    case malformedExtensions = "malformed-extensions"
    /// An offer with a parameter out of range: declined, the connection goes on uncompressed.
    case invalidParameter = "invalid-parameter"
    /// A 1 MiB header line in the upgrade request.
    case hugeHeader = "huge-header"
    /// Deflate-compressed zeros four times the server's limit, in eight frames.
    case deflateBomb = "deflate-bomb-fragmented"
    /// A bzip2 stream of zeros four times the limit, in two frames.
    case bzip2Bomb = "bzip2-bomb-fragmented"
    /// Snappy-framed zeros four times the limit, in eight frames.
    case snappyBomb = "snappy-bomb-fragmented"
    /// The deflate bomb, then more frames after pauses, as a peer still sending when the server
    /// gives up: the close code must reach it, and no send may be refused (a server that closes
    /// with the peer's bytes unread answers them with a reset, which can overtake the close).
    case bombThenMore = "bomb-then-more"
    /// Compressed data that is not deflate.
    case corruptPayload = "corrupt-payload"
    /// RSV1 on a continuation frame.
    case rsv1OnContinuation = "rsv1-on-continuation"
    /// A new compressed message begun before the fragmented one in progress ended (with context
    /// takeover it would otherwise be decoded as more of the old one).
    case interleavedMessage = "interleaved-message"
    /// RSV2, which no extension negotiated.
    case rsv2 = "rsv2"
    /// RSV1 on a connection that agreed no compression.
    case rsv1Unnegotiated = "rsv1-unnegotiated"

    /// What the server must answer.
    var expected: Expectation {
        switch self {
        case .malformedExtensions: .status(400)
        case .invalidParameter: .declinedThenClose
        case .hugeHeader: .refusedOrClosed
        case .deflateBomb, .bzip2Bomb, .snappyBomb, .bombThenMore: .close(1009)
        case .corruptPayload, .rsv1OnContinuation, .interleavedMessage, .rsv2, .rsv1Unnegotiated: .close(1002)
        }
    }

    /// A server's owed answer.
    enum Expectation: Equatable, Codable, Sendable, CustomStringConvertible {
        /// This HTTP status, no upgrade.
        case status(Int)
        /// 101 without Sec-WebSocket-Extensions, then a normal close (1000) when asked.
        case declinedThenClose
        /// An HTTP 4xx answer or the connection closed, within the read timeout.
        case refusedOrClosed
        /// A close frame with this code.
        case close(UInt16)

        var description: String {
            switch self {
            case .status(let code): "HTTP \(code)"
            case .declinedThenClose: "101 without the extension, close 1000"
            case .refusedOrClosed: "HTTP 4xx or closed"
            case .close(let code): "close \(code)"
            }
        }
    }

    /// Runs the attack once against 127.0.0.1:`port` and says what the server did.
    /// - Parameter payloads: The bombs and the huge header, made for the server's limit.
    /// - Returns: What was seen, and whether it is what the server owes.
    func run(port: Int, payloads: HostilePayloads) -> (seen: String, asExpected: Bool) {
        do {
            let connection = try RawWebSocket(port: port, timeout: 10)
            switch self {
            case .malformedExtensions:
                let answer = try connection.handshake(extensions: "permessage-deflate; ;;=")
                return ("HTTP \(answer.status)", answer.status == 400)
            case .invalidParameter:
                let answer = try connection.handshake(extensions: "permessage-deflate; server_max_window_bits=99")
                guard answer.status == 101, answer.header("Sec-WebSocket-Extensions") == nil else {
                    return ("HTTP \(answer.status), extensions \(answer.header("Sec-WebSocket-Extensions") ?? "none")", false)
                }
                try connection.send(opcode: 0x8, payload: [0x03, 0xE8])
                let ending = connection.ending()
                return ("101 declined, \(ending)", ending == .close(1000))
            case .hugeHeader:
                let answer: RawWebSocket.Answer
                do {
                    answer = try connection.handshake(extensions: nil, extraHeaders: [payloads.hugeHeader])
                } catch {
                    // Refused mid-request: the server closed while the header was on its way.
                    return ("closed", connection.waitsForEnd())
                }
                let closed = connection.waitsForEnd()
                return ("HTTP \(answer.status)\(closed ? ", closed" : ", left open")", (400..<500).contains(answer.status) && closed)
            case .deflateBomb, .bzip2Bomb, .snappyBomb:
                let (offer, frames) = payloads.bomb(for: self)
                if let refused = try agree(connection, offer: offer) { return (refused, false) }
                for (index, frame) in frames.enumerated() {
                    do {
                        try connection.send(fin: index == frames.count - 1, reserved: index == 0 ? 0x40 : 0, opcode: index == 0 ? 0x2 : 0x0, payload: frame)
                    } catch {
                        break   // The server closed mid-message, as it may once past the limit.
                    }
                }
                return expectClose(connection)
            case .bombThenMore:
                let (offer, frames) = payloads.bomb(for: .deflateBomb)
                if let refused = try agree(connection, offer: offer) { return (refused, false) }
                for (index, frame) in frames.enumerated() {
                    try connection.send(fin: false, reserved: index == 0 ? 0x40 : 0, opcode: index == 0 ? 0x2 : 0x0, payload: frame)
                }
                for _ in 0..<HostilePayloads.framesAfterTheBomb {
                    Thread.sleep(forTimeInterval: HostilePayloads.pauseAfterTheBomb)
                    do {
                        try connection.send(fin: false, opcode: 0x0, payload: [UInt8](repeating: 0, count: 100))
                    } catch {
                        return ("a send refused after the close (\(error))", false)
                    }
                }
                return expectClose(connection)
            case .corruptPayload:
                try upgrade(connection, offer: "permessage-deflate")
                try connection.send(reserved: 0x40, opcode: 0x2, payload: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
                return expectClose(connection)
            case .rsv1OnContinuation:
                try upgrade(connection, offer: "permessage-deflate")
                try connection.send(fin: false, reserved: 0x40, opcode: 0x2, payload: [0xF2, 0x48, 0xCD])
                try connection.send(fin: true, reserved: 0x40, opcode: 0x0, payload: [0xC9, 0xC9, 0x07, 0x00])
                return expectClose(connection)
            case .interleavedMessage:
                try upgrade(connection, offer: "permessage-deflate")
                try connection.send(fin: false, reserved: 0x40, opcode: 0x1, payload: [0xF2, 0x48, 0xCD])
                try connection.send(fin: true, reserved: 0x40, opcode: 0x1, payload: [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00])
                return expectClose(connection)
            case .rsv2:
                try upgrade(connection, offer: "permessage-deflate")
                try connection.send(reserved: 0x20, opcode: 0x2, payload: Array("hello".utf8))
                return expectClose(connection)
            case .rsv1Unnegotiated:
                try upgrade(connection, offer: nil)
                try connection.send(reserved: 0x40, opcode: 0x2, payload: [0xF2, 0x48, 0xCD, 0xC9, 0xC9, 0x07, 0x00])
                return expectClose(connection)
            }
        } catch {
            return ("\(error)", false)
        }
    }

    /// Upgrades with `offer` and checks that the server agreed to it.
    /// - Returns: What the server answered instead, or `nil` when it agreed.
    private func agree(_ connection: RawWebSocket, offer: String) throws -> String? {
        let answer = try connection.handshake(extensions: offer)
        guard answer.status == 101, answer.header("Sec-WebSocket-Extensions")?.hasPrefix(offer) == true else {
            return "HTTP \(answer.status), extensions \(answer.header("Sec-WebSocket-Extensions") ?? "none")"
        }
        return nil
    }

    private func upgrade(_ connection: RawWebSocket, offer: String?) throws {
        let answer = try connection.handshake(extensions: offer)
        guard answer.status == 101 else { throw RawWebSocket.Failure(description: "handshake answered HTTP \(answer.status)") }
    }

    private func expectClose(_ connection: RawWebSocket) -> (seen: String, asExpected: Bool) {
        let ending = connection.ending()
        if case .close(let code) = expected { return (ending.description, ending == .close(code)) }
        return (ending.description, false)
    }
}

/// The payloads the attacks send, made once per run.
struct HostilePayloads: Sendable {
    let deflate: [[UInt8]]
    let bzip2: [[UInt8]]
    let snappy: [[UInt8]]
    /// Frames `bomb-then-more` sends after the bomb, and the seconds before each: enough for
    /// the server to have given up before the last ones.
    static let framesAfterTheBomb = 4
    static let pauseAfterTheBomb: TimeInterval = 0.025
    /// A 1 MiB header line.
    let hugeHeader = "X-Padding: " + String(decoding: [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20), as: UTF8.self)

    /// Compresses zeros four times `limit` with each extension's client codec and cuts them into
    /// frame payloads.
    init(limit: Int) throws {
        let zeros = [UInt8](repeating: 0, count: 4 * limit)
        func frames(_ configuration: CompressionConfiguration, pieces: Int) throws -> [[UInt8]] {
            let payload = try configuration.makeCodec().compressMessage(zeros)
            let size = max(1, (payload.count + pieces - 1) / pieces)
            return stride(from: 0, to: payload.count, by: size).map { Array(payload[$0..<min($0 + size, payload.count)]) }
        }
        deflate = try frames(.deflate(.init()), pieces: 8)
        bzip2 = try frames(.bzip2(.init()), pieces: 2)
        snappy = try frames(.snappy(.init()), pieces: 8)
    }

    /// The offer and frame payloads of a bomb attack.
    func bomb(for attack: HostileAttack) -> (offer: String, frames: [[UInt8]]) {
        switch attack {
        case .bzip2Bomb: ("permessage-bzip2", bzip2)
        case .snappyBomb: ("permessage-snappy", snappy)
        default: ("permessage-deflate", deflate)
        }
    }
}
