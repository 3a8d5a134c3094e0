import PMCEBenchmarkKit

/// The corpora the codec benchmarks run on: two of the repository's shipped datasets, read
/// with the benchmark kit's ``CorpusLoader`` from `Datasets/` at the repository root.
enum BenchmarkCorpora {
    /// A named corpus: messages in send order.
    struct Named {
        /// The corpus name, used in benchmark names.
        let name: String
        /// The messages.
        let messages: [[UInt8]]
    }

    /// The shipped corpora the benchmarks use, by file name.
    static let files = ["chat-json.ndjson", "log-lines.ndjson"]

    /// The repository's `Datasets/` directory, found from this source file's path
    /// (`Benchmarks/Benchmarks/CodecBenchmarks/` is three levels below the root).
    static var datasetsDirectory: String {
        var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast(4)
        return (components + ["Datasets"]).joined(separator: "/")
    }

    /// Loads the corpora, in benchmark order.
    /// - Returns: The corpora.
    /// - Throws: ``CorpusError`` naming the file that is missing or malformed.
    static func load() throws(CorpusError) -> [Named] {
        var corpora: [Named] = []
        for file in files {
            for corpus in try CorpusLoader.load(path: datasetsDirectory + "/" + file) {
                corpora.append(Named(name: corpus.name, messages: corpus.messages))
            }
        }
        return corpora
    }
}
