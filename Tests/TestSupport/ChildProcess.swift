public import Foundation

/// Runs a child process for the tests (the Autobahn peer scripts, the built `pmce`), with stdin,
/// stdout and stderr through temporary files, so large inputs and outputs cannot dead-lock on a
/// full pipe.
public enum ChildProcess {
    /// How a run ended.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Everything written to stdout.
        public var output: Data
        /// Everything written to stderr.
        public var errors: Data
    }

    /// Runs `executable arguments` with `input` on stdin and waits for it.
    /// - Parameters:
    ///   - executable: The program.
    ///   - arguments: Its arguments.
    ///   - input: Its standard input.
    /// - Returns: The exit status, stdout and stderr.
    /// - Throws: When the temporary files cannot be made or the program cannot start.
    public static func run(_ executable: URL, arguments: [String], input: Data) throws -> Result {
        let files = try Files(input)
        defer { files.remove() }
        let process = try files.process(executable, arguments)
        try process.run()
        process.waitUntilExit()
        return try files.result(process.terminationStatus)
    }

    /// The temporary files a child reads and writes, and the process wired to them.
    private final class Files {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        let handles: [FileHandle]

        init(_ input: Data) throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try input.write(to: directory.appendingPathComponent("in"))
            try Data().write(to: directory.appendingPathComponent("out"))
            try Data().write(to: directory.appendingPathComponent("err"))
            handles = [
                try FileHandle(forReadingFrom: directory.appendingPathComponent("in")),
                try FileHandle(forWritingTo: directory.appendingPathComponent("out")),
                try FileHandle(forWritingTo: directory.appendingPathComponent("err")),
            ]
        }

        func process(_ executable: URL, _ arguments: [String]) throws -> Process {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.standardInput = handles[0]
            process.standardOutput = handles[1]
            process.standardError = handles[2]
            return process
        }

        func result(_ status: Int32) throws -> Result {
            Result(
                status: status, output: try Data(contentsOf: directory.appendingPathComponent("out")),
                errors: try Data(contentsOf: directory.appendingPathComponent("err")))
        }

        func remove() {
            for handle in handles { try? handle.close() }
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

extension ChildProcess {
    /// ``run(_:arguments:input:)`` without blocking a thread while the child runs: the test awaits
    /// its termination handler. A test whose child talks to a server in the test process (on 2
    /// cores, Swift's cooperative pool has 2 threads) would otherwise starve that server. No
    /// thread is made per call either: a thread that exits while malloc-interposer counts
    /// allocations (the benchmark kit's tests, in the same process) writes to its freed counter
    /// block in later thread-exit destructors and corrupts the heap.
    /// - Parameters:
    ///   - executable: The program.
    ///   - arguments: Its arguments.
    ///   - input: Its standard input.
    /// - Returns: The exit status, stdout and stderr.
    /// - Throws: When the temporary files cannot be made or the program cannot start.
    public static func runAwaiting(_ executable: URL, arguments: [String], input: Data) async throws -> Result {
        let files = try Files(input)
        defer { files.remove() }
        let process = try files.process(executable, arguments)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return try files.result(status)
    }
}
