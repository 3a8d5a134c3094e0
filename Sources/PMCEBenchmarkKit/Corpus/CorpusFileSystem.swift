#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls the corpus readers and writers make, each mapping failures to ``CorpusError``.
enum CorpusFileSystem {
    enum Kind { case file, directory }

    /// Whether `path` is a file or a directory (following symbolic links).
    static func kind(of path: String) throws(CorpusError) -> Kind {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .pathNotFound(path: path)
        }
        return isDirectory ? .directory : .file
    }

    static func read(_ path: String) throws(CorpusError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadable(path: path, reason: reason(error))
        }
    }

    /// The directory's entries, sorted by the bytes of their UTF-8 names.
    static func entries(of directory: String) throws(CorpusError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw .unreadable(path: directory, reason: reason(error))
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(CorpusError) {
        do {
            try OutputFile.write(bytes, to: path)
        } catch {
            throw .writeFailed(path: path, reason: error.reason)
        }
    }

    static func createDirectory(_ path: String) throws(CorpusError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: path, reason: reason(error))
        }
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func lastComponent(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? trimmed
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Splits `name.ext` into `("name", "ext")`; a name without a dot (or starting with one) has no extension.
    static func splitExtension(_ name: String) -> (stem: String, fileExtension: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// The system's explanation of a file error, such as `No such file or directory (errno 2)`,
    /// rather than the Foundation error's structure.
    static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
            return "\(String(cString: strerror(posix.code.rawValue))) (errno \(posix.code.rawValue))"
        }
        if let posix = error as? POSIXError {
            return "\(String(cString: strerror(posix.code.rawValue))) (errno \(posix.code.rawValue))"
        }
        return "\(error)"
    }
}
