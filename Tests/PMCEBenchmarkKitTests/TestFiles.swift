import Foundation
import PMCEBenchmarkKit

/// Paths inside the package, found from this file's location, and throwaway directories.
enum TestFiles {
    /// The package's root directory.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The committed `Datasets/` directory.
    static let datasets = packageRoot + "/Datasets"

    /// A file in `Tests/PMCEBenchmarkKitTests/Resources/`.
    static func resource(_ name: String) -> String {
        packageRoot + "/Tests/PMCEBenchmarkKitTests/Resources/" + name
    }
}

/// A fresh directory under the system's temporary directory, deleted when released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "pmce-corpus-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` inside the directory (creating intermediate directories) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes UTF-8 `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Creates an empty subdirectory and returns its path.
    @discardableResult
    func makeDirectory(_ name: String) throws -> String {
        let directory = path + "/" + name
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }
}

/// Runs `body` and returns the `CorpusError` it throws, or `nil` if it returns normally.
func corpusError<T>(_ body: () throws(CorpusError) -> T) -> CorpusError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
