import Foundation
import PMCEBenchmarkKit
import Testing

struct DatasetGeneratorTests {
    static let names = DatasetGenerator.all.map(\.name)

    private func generator(_ name: String) throws -> DatasetGenerator {
        try #require(DatasetGenerator.all.first { $0.name == name })
    }

    @Test func catalogueHasTheEightDocumentedCorporaWithDistinctNamesAndSeeds() {
        #expect(Self.names == ["chat-json", "market-ticks", "game-deltas", "iot-telemetry", "log-lines", "english-prose", "protobuf-records", "random-noise"])
        #expect(Set(DatasetGenerator.all.map(\.seed)).count == DatasetGenerator.all.count)
    }

    @Test(arguments: names)
    func generatingTwiceYieldsIdenticalMessages(name: String) throws {
        let generator = try generator(name)
        let first = try generator.encode(generator.generate())
        #expect(firstDifference(first, try generator.encode(generator.generate())) == nil)
    }

    @Test(arguments: names)
    func committedFileMatchesTheGeneratorByteForByte(name: String) throws {
        let generator = try generator(name)
        let committed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.datasets + "/" + generator.fileName)))
        let generated = try generator.encode(generator.generate())
        #expect(firstDifference(committed, generated) == nil, "Datasets/\(generator.fileName) differs from the generator: run `swift run pmce datasets generate`")
    }

    @Test func writeAllReproducesTheCommittedDatasetsDirectory() throws {
        let directory = try TemporaryDirectory()
        let corpora = try DatasetGenerator.writeAll(to: directory.path + "/Datasets")
        #expect(corpora.map(\.name) == Self.names)
        for generator in DatasetGenerator.all {
            let written = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/Datasets/" + generator.fileName))
            let committed = try Data(contentsOf: URL(fileURLWithPath: TestFiles.datasets + "/" + generator.fileName))
            #expect(firstDifference([UInt8](written), [UInt8](committed)) == nil, "\(generator.fileName)")
        }
    }

    @Test func writeAllUnderARegularFileFailsNamingThePathAndTheSystemReason() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("not-a-directory", "x")
        let error = corpusError { () throws(CorpusError) in try DatasetGenerator.writeAll(to: file + "/Datasets") }
        guard case .writeFailed(let path, let reason) = error else { Issue.record("expected writeFailed, got \(String(describing: error))"); return }
        #expect(path == file + "/Datasets")
        #expect(reason.contains("(errno "), "reason: \(reason)")
    }

    @Test func shippedLoaderReadsBackEveryGeneratedCorpus() throws {
        let shipped = try CorpusLoader.shipped(in: TestFiles.datasets)
        let generated = DatasetGenerator.all.map { $0.generate() }
        #expect(Set(shipped.map(\.name)) == Set(Self.names))
        for corpus in generated {
            let loaded = try #require(shipped.first { $0.name == corpus.name })
            #expect(loaded.messages.count == corpus.messages.count, "\(corpus.name)")
            #expect(zip(loaded.messages, corpus.messages).allSatisfy { $0 == $1 }, "\(corpus.name)")
        }
    }

    @Test func readmeSizeTableMatchesTheGeneratedCorpora() throws {
        let readme = try String(contentsOfFile: TestFiles.datasets + "/README.md", encoding: .utf8)
        let table = DatasetGenerator.markdownTable(DatasetGenerator.all.map { ($0, $0.generate()) })
        #expect(readme.contains(table), "Datasets/README.md must contain the table `pmce datasets generate` prints:\n\(table)")
    }

    @Test(arguments: names)
    func eachCorpusHas1000To5000MessagesAnd300KiBTo1MiB(name: String) throws {
        let corpus = try generator(name).generate()
        #expect((1000...5000).contains(corpus.messages.count))
        #expect((300 * 1024...1024 * 1024).contains(corpus.rawBytes))
    }

    @Test func chatMessagesAreBetween40And300Bytes() throws {
        let sizes = try generator("chat-json").generate().messages.map(\.count)
        #expect(sizes.allSatisfy { (40...300).contains($0) })
    }

    @Test(arguments: ["chat-json", "market-ticks", "game-deltas", "iot-telemetry"])
    func jsonCorporaHoldOneJSONObjectPerMessage(name: String) throws {
        for (index, message) in try generator(name).generate().messages.enumerated() {
            let object = try? JSONSerialization.jsonObject(with: Data(message))
            #expect(object is [String: Any], "message \(index) of \(name) is not a JSON object")
        }
    }

    @Test(arguments: ["chat-json", "market-ticks", "game-deltas", "iot-telemetry", "log-lines", "english-prose"])
    func textCorporaAreValidUTF8(name: String) throws {
        for message in try generator(name).generate().messages {
            #expect(String(validating: message, as: UTF8.self) != nil)
        }
    }

    @Test func marketTickSequenceNumbersIncreasePerSymbolAndTimestampsNeverGoBack() throws {
        try expectSequencesIncreasePerStream("market-ticks", stream: "symbol", sequence: "sequence", time: "time", as: Int.self, by: >=)
    }

    @Test func chatMessageIdsCountUpAndTimestampsNeverGoBack() throws {
        var lastID = 0
        var lastTimestamp = 0
        for object in try jsonObjects("chat-json") {
            if object["type"] as? String == "message", let id = (object["id"] as? String)?.dropFirst() {
                let number = try #require(Int(id))
                #expect(lastID == 0 || number == lastID + 1)
                lastID = number
            }
            if let timestamp = object["ts"] as? Int {
                #expect(timestamp >= lastTimestamp)
                lastTimestamp = timestamp
            }
        }
    }

    @Test func iotSequenceNumbersIncreasePerDeviceAndGameTicksCountUp() throws {
        // ISO 8601 in UTC sorts as text.
        try expectSequencesIncreasePerStream("iot-telemetry", stream: "device_id", sequence: "seq", time: "ts", as: String.self, by: >)
        let deltas = try jsonObjects("game-deltas")
        let ticks = deltas.compactMap { $0["tick"] as? Int }
        #expect(ticks.count == deltas.count)
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0 + 1 == $1 })
    }

    /// The messages of corpus `name`, each parsed as a JSON object.
    private func jsonObjects(_ name: String) throws -> [[String: Any]] {
        try generator(name).generate().messages.map { message in
            try #require(try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any])
        }
    }

    /// Checks every message of corpus `name`: its `sequence` member is above the last one of the
    /// same `stream` member, and its `time` member is `isInOrder` after the last message's.
    private func expectSequencesIncreasePerStream<Time>(
        _ name: String, stream: String, sequence: String, time: String, as _: Time.Type, by isInOrder: (Time, Time) -> Bool
    ) throws {
        var lastSequence: [String: Int] = [:]
        var lastTime: Time?
        for object in try jsonObjects(name) {
            let key = try #require(object[stream] as? String)
            let number = try #require(object[sequence] as? Int)
            let moment = try #require(object[time] as? Time)
            #expect(number > lastSequence[key, default: 0])
            if let lastTime { #expect(isInOrder(moment, lastTime)) }
            lastSequence[key] = number
            lastTime = moment
        }
    }

    @Test func protobufRecordsAreWellFormedWireFormat() throws {
        for (index, record) in try generator("protobuf-records").generate().messages.enumerated() {
            #expect(ProtobufWalker.fieldNumbers(record) != nil, "record \(index) is not valid protobuf wire format")
            #expect(ProtobufWalker.fieldNumbers(record)?.first == 1)
        }
    }

    @Test func englishProseHasSkewedWordFrequencies() throws {
        var counts: [String: Int] = [:]
        for paragraph in try generator("english-prose").generate().messages {
            for word in String(decoding: paragraph, as: UTF8.self).lowercased().split(whereSeparator: { !$0.isLetter }) {
                counts[String(word), default: 0] += 1
            }
        }
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        let total = counts.values.reduce(0, +)
        #expect(ranked.first?.key == "the")
        #expect(counts.count > 400, "vocabulary of \(counts.count) words")
        // In real English the ten commonest words make up roughly a quarter of the text.
        let topTen = ranked.prefix(10).reduce(0) { $0 + $1.value }
        #expect((15...40).contains(topTen * 100 / total), "top ten words are \(topTen * 100 / total)% of the text")
    }

    @Test(arguments: ["chat-json", "market-ticks", "game-deltas", "iot-telemetry", "log-lines", "english-prose", "protobuf-records"])
    func structuredCorporaCompressWithDeflate(name: String) throws {
        let corpus = try generator(name).generate()
        let compressed = try PerMessageDeflateCodec().compressMessage(corpus.messages.flatMap { $0 })
        #expect(compressed.count * 100 < corpus.rawBytes * 60, "\(name) deflates to \(compressed.count) of \(corpus.rawBytes) bytes")
    }

    @Test func randomNoiseDoesNotCompressWithDeflate() throws {
        let corpus = try generator("random-noise").generate()
        let compressed = try PerMessageDeflateCodec().compressMessage(corpus.messages.flatMap { $0 })
        #expect(compressed.count * 100 >= corpus.rawBytes * 99)
    }
}

/// The offset of the first byte where `a` and `b` differ (or where the shorter ends), `nil` if equal.
/// Tests compare corpora with this rather than `==` so a failure prints one number, not a diff of megabytes.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int? {
    for index in 0..<min(a.count, b.count) where a[index] != b[index] { return index }
    return a.count == b.count ? nil : min(a.count, b.count)
}

/// A minimal protobuf wire-format reader: the field numbers of a record, or `nil` if it is malformed.
enum ProtobufWalker {
    static func fieldNumbers(_ bytes: [UInt8]) -> [Int]? {
        var index = 0
        var fields: [Int] = []
        func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count, shift < 64 {
                let byte = bytes[index]
                index += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            return nil
        }
        while index < bytes.count {
            guard let key = varint(), key >> 3 > 0 else { return nil }
            fields.append(Int(key >> 3))
            switch key & 7 {
            case 0: guard varint() != nil else { return nil }
            case 1: index += 8
            case 2:
                guard let length = varint(), index + Int(length) <= bytes.count else { return nil }
                index += Int(length)
            case 5: index += 4
            default: return nil
            }
            guard index <= bytes.count else { return nil }
        }
        return fields
    }
}
