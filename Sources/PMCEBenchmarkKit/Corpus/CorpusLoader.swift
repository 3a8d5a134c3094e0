/// Reads corpora from disk: users' own traffic and the shipped datasets.
///
/// ```swift
/// let mine = try CorpusLoader.load(path: "capture.har")          // "capture.har (send)", "capture.har (receive)"
/// let shipped = try CorpusLoader.shipped(in: "Datasets")         // chat-json, english-prose, ...
/// ```
public enum CorpusLoader {
    /// Loads the corpus or corpora at `path`, choosing the reader from what the path is:
    ///
    /// - a **directory**: one file per message, in byte order of the file names (zero-pad numbers:
    ///   `0009` sorts before `0010`, `9` after `10`); names starting with `.` are ignored; an empty
    ///   file is an empty message; a subdirectory is an error. The corpus is named after the directory.
    /// - a **`.har`** file (a HAR export from Chrome DevTools, or a tool following its convention
    ///   such as mitmproxy): the `_webSocketMessages` of every entry, in file order. `type` `send` or `receive` picks the
    ///   direction; `opcode` 1 is a text frame (the UTF-8 of `data`), 2 a binary frame (`data` in
    ///   base64); control frames (opcodes 8, 9, 10) are skipped. Returns one corpus per direction
    ///   that has messages, named `"<file> (send)"` and `"<file> (receive)"`.
    /// - a **`.hexlines`** file: one message per line in hexadecimal (``CorpusFileFormat/hexLines``).
    /// - any **other file** (`.ndjson`, `.jsonl`, `.log`, ...): one message per line, its raw bytes
    ///   without the line ending; empty lines are skipped (``CorpusFileFormat/lines``).
    ///
    /// Line and hex-lines corpora are named after the file without its extension.
    /// - Parameter path: A directory or file path.
    /// - Returns: One corpus, or for a HAR file one per direction with messages.
    /// - Throws: ``CorpusError`` naming the file and, where it applies, the line or HAR location:
    ///   a missing path, an unreadable file, a malformed file, or no messages at all.
    public static func load(path: String) throws(CorpusError) -> [Corpus] {
        let name = CorpusFileSystem.lastComponent(of: path)
        switch try CorpusFileSystem.kind(of: path) {
        case .directory:
            return [try loadDirectory(path, name: name)]
        case .file:
            let (stem, fileExtension) = CorpusFileSystem.splitExtension(name)
            if fileExtension.lowercased() == "har" {
                return try loadHAR(path, name: name)
            }
            let format = CorpusFileFormat.forExtension(fileExtension)
            let messages = try format.decode(try CorpusFileSystem.read(path), path: path)
            guard !messages.isEmpty else {
                throw .emptyCorpus(path: path, detail: format == .lines ? "no non-empty lines" : "no lines")
            }
            return [Corpus(name: stem, messages: messages)]
        }
    }

    /// Loads every shipped corpus in a datasets directory: its `.ndjson` and `.hexlines` files,
    /// in byte order of their names. Other files (such as `README.md`) are ignored.
    /// - Parameter datasetsDirectory: The directory, normally the package's `Datasets`.
    /// - Returns: The corpora, named after their files without the extension.
    /// - Throws: ``CorpusError/noShippedCorpora(directory:)`` when it holds none, or the error of
    ///   the first corpus file that cannot be read.
    public static func shipped(in datasetsDirectory: String) throws(CorpusError) -> [Corpus] {
        guard try CorpusFileSystem.kind(of: datasetsDirectory) == .directory else {
            throw .noShippedCorpora(directory: datasetsDirectory)
        }
        let shippedExtensions = Set(CorpusFileFormat.allCases.map(\.fileExtension))
        var corpora: [Corpus] = []
        for entry in try CorpusFileSystem.entries(of: datasetsDirectory)
        where shippedExtensions.contains(CorpusFileSystem.splitExtension(entry).fileExtension) {
            corpora += try load(path: CorpusFileSystem.join(datasetsDirectory, entry))
        }
        guard !corpora.isEmpty else { throw .noShippedCorpora(directory: datasetsDirectory) }
        return corpora
    }

    private static func loadDirectory(_ directory: String, name: String) throws(CorpusError) -> Corpus {
        var messages: [[UInt8]] = []
        for entry in try CorpusFileSystem.entries(of: directory) where !entry.hasPrefix(".") {
            let path = CorpusFileSystem.join(directory, entry)
            guard try CorpusFileSystem.kind(of: path) == .file else { throw .unexpectedDirectory(path: path) }
            messages.append(try CorpusFileSystem.read(path))
        }
        guard !messages.isEmpty else {
            throw .emptyCorpus(path: directory, detail: "the directory holds no message files")
        }
        return Corpus(name: name, messages: messages)
    }
}
