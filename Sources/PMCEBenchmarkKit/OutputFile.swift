#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole output (a report, a generated corpus) to a path as a user expects:
///
/// - `-` is standard output;
/// - a path that names something other than a regular file (a device such as `/dev/full` or
///   `/dev/stdout`, a named pipe, or a symbolic link to one) is opened and written in place,
///   never replaced;
/// - a regular file (or a symbolic link to one, or a new path) is replaced atomically: the bytes
///   go to a temporary file beside it, which is renamed over it only after a complete write, so
///   a failed write (a full disk) leaves the previous file as it was.
///
/// Every failure is an ``OutputFile/Failure`` naming the path and the system's reason.
public enum OutputFile {
    /// Why an output could not be written.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The path given.
        public var path: String
        /// What went wrong, such as `No space left on device`.
        public var reason: String

        /// `cannot write PATH: REASON`.
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// The path that means standard output.
    public static let standardOutput = "-"

    /// Writes `bytes` to `path` (see ``OutputFile``).
    /// - Parameters:
    ///   - bytes: The whole output.
    ///   - path: A path, or `-` for standard output.
    /// - Throws: ``Failure``.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        let contiguous = Array(bytes)
        if path == standardOutput {
            // What `print` buffered goes first (every stream is flushed), so that the output
            // keeps its order.
            fflush(nil)
            return try writeAll(contiguous, to: STDOUT_FILENO, path: path)
        }
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists && (status.st_mode & S_IFMT) != S_IFREG {
            return try writeInPlace(contiguous, to: path)
        }
        try replaceAtomically(contiguous, at: resolvingSymbolicLink(path), path: path)
    }

    /// Opens what `path` names (a device, a pipe) and writes to it without replacing it.
    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Writes a temporary file beside `target`, then renames it over `target`.
    private static func replaceAtomically(_ bytes: [UInt8], at target: String, path: String) throws(Failure) {
        var template = Array((target + ".pmce-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure(path, errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        do throws(Failure) {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor, path: path)
            // mkstemp makes the file 0600; an output is as readable as any file the user makes.
            let mask = umask(0)
            umask(mask)
            fchmod(descriptor, 0o666 & ~mask)
            guard fsync(descriptor) == 0 else { throw failure(path, errno) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
    }

    /// Writes every byte to an open file descriptor (such as 2, standard error), retrying short
    /// writes and interruptions.
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - descriptor: The descriptor.
    ///   - name: What the descriptor is, for the error.
    /// - Throws: ``Failure``.
    public static func write(_ bytes: some Collection<UInt8>, toDescriptor descriptor: Int32, name: String) throws(Failure) {
        try writeAll(Array(bytes), to: descriptor, path: name)
    }

    /// Writes every byte, retrying short writes and interruptions.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        let code: Int32? = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let code { throw failure(path, code) }
    }

    /// The file a symbolic link points at (so that replacing it keeps the link), else `path`.
    private static func resolvingSymbolicLink(_ path: String) -> String {
        var status = stat()
        guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func failure(_ path: String, _ code: Int32) -> Failure {
        Failure(path: path, reason: String(cString: strerror(code)))
    }
}

/// The C library's `write`, which ``OutputFile/write(_:to:)`` hides inside the enum.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
