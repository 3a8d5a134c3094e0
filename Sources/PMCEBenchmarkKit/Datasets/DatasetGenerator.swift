/// A shipped dataset: a named, seeded generator of one corpus, reproducible byte for byte.
///
/// The catalogue (``all``) holds every corpus the project ships in `Datasets/`; regenerate them with
/// `pmce datasets generate` or ``writeAll(to:)``:
/// ```swift
/// let chat = DatasetGenerator.all.first { $0.name == "chat-json" }!.generate()
/// print(chat.messages.count, chat.rawBytes)
/// ```
public struct DatasetGenerator: Sendable {
    /// The corpus's name and file stem, such as `chat-json`.
    public let name: String
    /// One sentence saying what traffic the corpus models.
    public let summary: String
    /// The SplitMix64 seed the messages are drawn from.
    public let seed: UInt64
    /// The file format the corpus ships in: ``CorpusFileFormat/lines`` for text, hex lines for binary.
    public let format: CorpusFileFormat
    private let makeMessages: @Sendable (inout SplitMix64) -> [[UInt8]]

    init(name: String, summary: String, seed: UInt64, format: CorpusFileFormat, makeMessages: @escaping @Sendable (inout SplitMix64) -> [[UInt8]]) {
        self.name = name
        self.summary = summary
        self.seed = seed
        self.format = format
        self.makeMessages = makeMessages
    }

    /// The file name the corpus ships under, such as `chat-json.ndjson`.
    public var fileName: String { "\(name).\(format.fileExtension)" }

    /// Generates the corpus. The same generator always yields the same messages.
    /// - Returns: The corpus, named ``name``.
    public func generate() -> Corpus {
        var random = SplitMix64(seed: seed)
        return Corpus(name: name, messages: makeMessages(&random))
    }

    /// The encoded file contents for the corpus, exactly as shipped.
    /// - Parameter corpus: The corpus ``generate()`` returned.
    /// - Returns: The file's bytes.
    /// - Throws: ``CorpusError/unrepresentableMessage(path:messageIndex:reason:)`` if a message
    ///   cannot be stored in ``format`` (a generator bug, caught by the tests).
    public func encode(_ corpus: Corpus) throws(CorpusError) -> [UInt8] {
        try format.encode(corpus, path: fileName)
    }

    /// Every shipped dataset, in the order reports list them.
    public static let all: [DatasetGenerator] = [
        .chatJSON, .marketTicks, .gameDeltas, .iotTelemetry, .logLines, .englishProse, .protobufRecords, .randomNoise,
    ]

    /// Generates every shipped corpus and writes it to `directory` (created if missing), one file each.
    /// - Parameter directory: Where to write, normally the package's `Datasets`.
    /// - Returns: The corpora written, in ``all`` order.
    /// - Throws: ``CorpusError/writeFailed(path:reason:)`` when a file cannot be written.
    @discardableResult
    public static func writeAll(to directory: String) throws(CorpusError) -> [Corpus] {
        try CorpusFileSystem.createDirectory(directory)
        var corpora: [Corpus] = []
        for generator in all {
            let corpus = generator.generate()
            try CorpusFileSystem.write(try generator.encode(corpus), to: CorpusFileSystem.join(directory, generator.fileName))
            corpora.append(corpus)
        }
        return corpora
    }

    /// A Markdown table of the shipped datasets' sizes, as pasted into `Datasets/README.md`.
    /// - Parameter corpora: The generators and their corpora, in table order.
    /// - Returns: The table, one row per corpus, ending in a newline.
    public static func markdownTable(_ corpora: [(generator: DatasetGenerator, corpus: Corpus)]) -> String {
        var lines = [
            "| Corpus | File | Seed | Messages | Bytes | Min | Median | p90 | Max |",
            "|---|---|---|--:|--:|--:|--:|--:|--:|",
        ]
        for (generator, corpus) in corpora {
            let s = CorpusSizeSummary(corpus)
            let seed = "0x" + String(generator.seed, radix: 16)
            lines.append("| \(generator.name) | \(generator.fileName) | \(seed) | \(s.messages) | \(s.rawBytes) | \(s.minimum) | \(s.median) | \(s.p90) | \(s.maximum) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
