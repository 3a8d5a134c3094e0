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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in")
        let outputURL = directory.appendingPathComponent("out")
        let errorURL = directory.appendingPathComponent("err")
        try input.write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: try Data(contentsOf: outputURL), errors: try Data(contentsOf: errorURL))
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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("in")
        let outputURL = directory.appendingPathComponent("out")
        let errorURL = directory.appendingPathComponent("err")
        try input.write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(status: status, output: try Data(contentsOf: outputURL), errors: try Data(contentsOf: errorURL))
    }
}
