import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A WebSocket client on a blocking socket that sends exactly the bytes it is given: the
/// handshakes and frames a hostile or broken peer sends and a well-behaved client cannot.
/// Used by `pmce hostile`, one per attack, on threads of its own, and for the plain HTTP
/// requests the wire benchmark sends `pmce serve`.
final class RawWebSocket {
    /// Why a raw connection could not go on.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The server's answer to a handshake: its status code and header lines.
    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]

        /// The value of the first header named `name` (case-insensitive).
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// How the server ended the exchange, as far as this end could see.
    enum Ending: Equatable, CustomStringConvertible {
        /// A close frame with this code (1005 when it carried none).
        case close(UInt16)
        /// The TCP connection ended without a close frame.
        case dropped
        /// Nothing within the time allowed.
        case timedOut

        var description: String {
            switch self {
            case .close(let code): "close \(code)"
            case .dropped: "dropped without a close frame"
            case .timedOut: "no answer"
            }
        }
    }

    private let descriptor: Int32
    private var pending: [UInt8] = []
    /// What each `recv` reads into, reused.
    private var received = [UInt8](repeating: 0, count: 65536)

    /// Connects to 127.0.0.1:`port`.
    /// - Parameter timeout: How long each read or write may block, in seconds.
    init(port: Int, timeout: Double = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        // Each frame leaves when sent: Nagle's algorithm would hold a fragment for the server's
        // delayed acknowledgement (40 ms).
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "connect to port \(port): \(reason)")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Ends the connection at once: a reset, no close frame (SO_LINGER 0).
    func drop() {
        var linger = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Sends an upgrade request with `extensions` as its Sec-WebSocket-Extensions value (none
    /// when `nil`) and `extraHeaders` lines, and reads the answer's head.
    func handshake(extensions: String?, extraHeaders: [String] = []) throws -> Answer {
        var request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let extensions { request += "Sec-WebSocket-Extensions: \(extensions)\r\n" }
        for line in extraHeaders { request += line + "\r\n" }
        try write(Array((request + "\r\n").utf8))
        return try readAnswer()
    }

    /// Reads an HTTP response head.
    func readAnswer() throws -> Answer {
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = pending.firstRange(of: end) {
                let head = String(decoding: pending[..<range.lowerBound], as: UTF8.self)
                pending.removeSubrange(..<range.upperBound)
                let lines = head.components(separatedBy: "\r\n")
                let words = lines.first?.split(separator: " ") ?? []
                guard words.count >= 2, let status = Int(words[1]) else { throw Failure(description: "not an HTTP answer: \(lines.first ?? "")") }
                let headers = lines.dropFirst().compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                return Answer(status: status, headers: headers)
            }
            guard try fill() else { throw Failure(description: "the server closed before answering the handshake") }
        }
    }

    /// Sends one masked frame.
    /// - Parameters:
    ///   - reserved: The RSV bits as the first byte holds them (0x40 is RSV1, 0x20 RSV2).
    func send(fin: Bool = true, reserved: UInt8 = 0, opcode: UInt8, payload: [UInt8]) throws {
        var frame: [UInt8] = [(fin ? 0x80 : 0) | reserved | opcode]
        switch payload.count {
        case ..<126: frame.append(0x80 | UInt8(payload.count))
        case ..<65536: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        let mask: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
        frame += mask
        frame.reserveCapacity(frame.count + payload.count)
        for (index, byte) in payload.enumerated() { frame.append(byte ^ mask[index & 3]) }
        try write(frame)
    }

    /// Sends `bytes` as they are.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads frames, skipping data frames, until a close frame, the end of the connection or
    /// the read timeout.
    func ending() -> Ending {
        do {
            while true {
                guard let header = try read(2) else { return .dropped }
                var length = Int(header[1] & 0x7F)
                if length == 126 {
                    guard let bytes = try read(2) else { return .dropped }
                    length = Int(bytes[0]) << 8 | Int(bytes[1])
                } else if length == 127 {
                    guard let bytes = try read(8) else { return .dropped }
                    length = bytes.reduce(0) { $0 << 8 | Int($1) }
                }
                guard let payload = try read(length) else { return .dropped }
                if header[0] & 0x0F == 0x8 {
                    return .close(payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : 1005)
                }
            }
        } catch {
            return .timedOut
        }
    }

    /// Everything the server sends until it closes the connection.
    /// - Throws: ``Failure`` when the read timeout passes first.
    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { pending.removeAll() }
        return pending
    }

    /// Reads until the connection ends or the read timeout passes; whether it ended.
    func waitsForEnd() -> Bool {
        do {
            while try fill() { pending.removeAll(keepingCapacity: true) }
            return true
        } catch {
            return false
        }
    }

    /// Exactly `count` bytes, or `nil` when the connection ends first.
    private func read(_ count: Int) throws -> [UInt8]? {
        while pending.count < count {
            guard try fill() else { return nil }
        }
        let bytes = Array(pending[..<count])
        pending.removeSubrange(..<count)
        return bytes
    }

    /// Reads what has arrived into `pending`; false at the end of the connection.
    private func fill() throws -> Bool {
        let count = received.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            pending += received[..<count]
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw Failure(description: "recv: \(String(cString: strerror(errno)))")
    }
}
