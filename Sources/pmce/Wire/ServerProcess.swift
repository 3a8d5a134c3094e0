import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `pmce serve` in a process of its own for the wire benchmark, and what `/proc` says about it.
final class ServerProcess: @unchecked Sendable {
    /// Why the server could not be run or read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What the server process has used so far.
    struct Sample {
        /// User plus system CPU time, in seconds.
        var cpuSeconds: Double
        /// Resident memory, in bytes.
        var residentBytes: Int
        /// Bytes its established TCP connections on the server port have sent and received
        /// (the kernel's `tcp_info` through `ss`): WebSocket frames, headers and all.
        var socketBytes: Int
    }

    let process = Process()
    let port: Int
    /// The serve options it was started with.
    let arguments: [String]
    private let outputPath: String

    /// Starts `pmce serve` on a free loopback port and waits until it listens.
    /// - Parameter arguments: The serve options for the row.
    /// - Throws: ``Failure`` when it does not start within 30 s.
    init(arguments: [String]) throws {
        self.arguments = arguments
        outputPath = NSTemporaryDirectory() + "pmce-wire-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--quiet"] + arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try? output.close()
        let deadline = ContinuousClock.now + .seconds(30)
        var found: Int?
        while found == nil {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("pmce serve: listening on ws://127.0.0.1:") }) {
                found = Int(line.split(separator: ":").last?.filter(\.isNumber) ?? "")
            } else if !process.isRunning || ContinuousClock.now > deadline {
                process.terminate()
                throw Failure(description: "pmce serve \(arguments.joined(separator: " ")) did not start: \(text.suffix(2000))")
            } else {
                usleep(20_000)
            }
        }
        port = found!
    }

    /// `error`, or, when the server has exited under it, a ``Failure`` saying so: how it ended
    /// and the end of what it printed (a crash, a sanitizer's report), which says more than the
    /// refused connection that showed it.
    /// - Parameter error: What went wrong while the server was in use.
    /// - Returns: The error to report.
    func explaining(_ error: any Error) -> any Error {
        // Foundation learns of the exit from SIGCHLD on a thread of its own: wait for it briefly.
        for _ in 0..<25 where process.isRunning { usleep(20_000) }
        guard !process.isRunning else { return error }
        let how = process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Failure(description: """
            pmce serve \(arguments.joined(separator: " ")) \(how) while in use (seen as: \(error)). The end of its output:
            \(output.isEmpty ? "(nothing)" : String(output.suffix(4000)))
            """)
    }

    /// Stops the server and waits for it.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: outputPath)
    }

    /// Reads CPU time, resident memory and I/O bytes from `/proc/PID`.
    func sample() throws -> Sample {
        let pid = process.processIdentifier
        let stat = try Self.read("/proc/\(pid)/stat")
        // Fields after the command name, which is in parentheses and may hold spaces.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")") ?? stat.startIndex)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw Failure(description: "unexpected /proc/\(pid)/stat: \(stat.prefix(200))")
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Sample(cpuSeconds: (user + system) / ticks, residentBytes: try residentBytes(), socketBytes: try socketBytes())
    }

    /// Reads resident memory alone from `/proc/PID/status`: cheap enough to sample while a
    /// latency is measured, unlike ``sample()``, which runs `ss`.
    func residentBytes() throws -> Int {
        Self.field("VmRSS:", in: try Self.read("/proc/\(process.processIdentifier)/status")) * 1024
    }

    /// The bytes sent and received by the established connections on the server's port,
    /// summed over `ss -tin` (iproute2). Not `/proc/PID/io`: that counts NIO's eventfd wake-ups too.
    private func socketBytes() throws -> Int {
        let ss = Process()
        ss.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ss.arguments = ["ss", "-tinH", "state", "established", "( sport = :\(port) )"]
        let pipe = Pipe()
        ss.standardOutput = pipe
        ss.standardError = FileHandle.nullDevice
        do {
            try ss.run()
        } catch {
            throw Failure(description: "cannot run ss (iproute2), which reads the sockets' byte counts: \(error.localizedDescription)")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ss.waitUntilExit()
        guard ss.terminationStatus == 0 else { throw Failure(description: "ss exited with status \(ss.terminationStatus)") }
        var total = 0
        for word in output.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            for key in ["bytes_sent:", "bytes_received:"] where word.hasPrefix(key) {
                total += Int(word.dropFirst(key.count)) ?? 0
            }
        }
        return total
    }

    /// `GET /_pmce/stats` over a plain socket (closed before the next sample, so not counted).
    func statistics() throws -> ServeStatistics {
        let request = "GET /_pmce/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        let response = try Self.exchange(request, port: port)
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else {
            throw Failure(description: "no HTTP response from /_pmce/stats")
        }
        let body = response[split.upperBound...]
        do {
            return try JSONDecoder().decode(ServeStatistics.self, from: body)
        } catch {
            throw Failure(description: "/_pmce/stats: \(error): \(String(decoding: body, as: UTF8.self).prefix(200))")
        }
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "cannot read \(path): \(error.localizedDescription)")
        }
    }

    private static func field(_ name: String, in text: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return Int(line.dropFirst(name.count).filter(\.isNumber)) ?? 0
    }

    /// Sends `request` to 127.0.0.1:`port` and reads until the server closes.
    private static func exchange(_ request: String, port: Int) throws -> Data {
        let connection = try RawWebSocket(port: port)
        try connection.write(Array(request.utf8))
        return Data(try connection.readToEnd())
    }
}
