import Foundation

// Stand-in until the corpus branch merges; its file of the same path replaces this one.
// Reads a directory (one file per message) or a file (one message per line) only.
public enum CorpusLoader {
    public static func load(path: String) throws(CorpusError) -> [Corpus] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .pathNotFound(path: path) }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var messages: [[UInt8]] = []
        do {
            if isDirectory.boolValue {
                for file in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                    messages.append(Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + file))))
                }
            } else {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                messages = data.split(separator: UInt8(ascii: "\n")).map { Array($0) }
            }
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard !messages.isEmpty else { throw .emptyCorpus(path: path, detail: "no messages") }
        return [Corpus(name: name, messages: messages)]
    }

    public static func shipped(in datasetsDirectory: String) throws(CorpusError) -> [Corpus] {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: datasetsDirectory).sorted().filter { !$0.hasSuffix(".md") }
        } catch {
            throw .pathNotFound(path: datasetsDirectory)
        }
        var corpora: [Corpus] = []
        for file in files { corpora += try load(path: datasetsDirectory + "/" + file) }
        guard !corpora.isEmpty else { throw .emptyCorpus(path: datasetsDirectory, detail: "no corpora") }
        return corpora
    }
}
