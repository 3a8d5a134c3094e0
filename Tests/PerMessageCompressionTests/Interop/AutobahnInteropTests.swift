import Foundation
import PerMessageCompression
import Testing
import TestSupport

/// Swift's codecs against Autobahn|Python's codec objects (`autobahn.websocket.compress_*`),
/// for every parameter set in ``CodecMode/interopSets`` and the 220 messages of
/// ``MessageCorpus``: Swift→Autobahn and Autobahn→Swift, every message compared, and where both
/// use the same C library (deflate, bzip2) the compressed bytes compared too.
///
/// Needs `python3` with `autobahn` and `python-snappy` (`.ci/setup` installs them, so CI always
/// runs these); without them the suite is skipped, and says so.
@Suite(.enabled(if: AutobahnPeer.isAvailable, "python3 cannot import autobahn and snappy: pip install autobahn python-snappy"))
struct AutobahnInteropTests {
    static let messages = MessageCorpus.messages()

    @Test(arguments: CodecMode.interopSets)
    func autobahnDecodesWhatSwiftSendsInPieces(_ mode: CodecMode) throws {
        var random = SeededRandom(seed: 0xA0B0 &+ UInt64(mode.hashValue & 0xFFFF))
        let sender = try mode.makeCodec()
        var payloads: [[UInt8]] = []
        for message in Self.messages {
            payloads.append(try sender.compressMessage(message, pieces: random.pieceSizes(total: message.count)))
        }

        let wholeSender = try mode.makeCodec()
        let wholePayloads = try Self.messages.map { try wholeSender.compressMessage($0) }
        if mode.payloadIndependentOfSplit {
            #expect(differences(payloads, wholePayloads).isEmpty, "payloads depend on how messages were split: \(differences(payloads, wholePayloads))")
        } else {
            // Both forms must decode: the whole messages (libdeflate's) are sent as well.
            payloads += wholePayloads
        }

        let decoded = try AutobahnPeer.run(
            AutobahnJob(
                extension: mode.extension.rawValue, params: mode.autobahnParameters, mode: .decompress,
                messages: payloads.map { Hex.encode($0) },
                pieces: payloads.map { random.pieceSizes(total: $0.count) }))
        let expected = mode.payloadIndependentOfSplit ? Self.messages : Self.messages + Self.messages
        let mismatches = differences(decoded, expected)
        #expect(mismatches.isEmpty, "Autobahn decoded \(mismatches.count) messages differently: \(mismatches.prefix(5))")
    }

    @Test(arguments: CodecMode.interopSets)
    func swiftDecodesWhatAutobahnSendsAndDeflateAndBzip2BytesAreIdentical(_ mode: CodecMode) throws {
        var random = SeededRandom(seed: 0xB0A0 &+ UInt64(mode.hashValue & 0xFFFF))
        let autobahnPayloads = try AutobahnPeer.run(
            AutobahnJob(
                extension: mode.extension.rawValue, params: mode.autobahnParameters, mode: .compress,
                messages: Self.messages.map { Hex.encode($0) },
                pieces: Self.messages.map { random.pieceSizes(total: $0.count) }))

        let receiver = try mode.makeCodec()
        var decoded: [[UInt8]] = []
        for payload in autobahnPayloads {
            decoded.append(try receiver.decompressMessage(payload, pieces: random.pieceSizes(total: payload.count)))
        }
        let mismatches = differences(decoded, Self.messages)
        #expect(mismatches.isEmpty, "Swift decoded \(mismatches.count) Autobahn payloads differently: \(mismatches.prefix(5))")

        if mode.bytesMatchAutobahn {
            let sender = try mode.makeCodec()
            let swiftPayloads = try Self.messages.map { try sender.compressMessage($0) }
            let byteMismatches = differences(swiftPayloads, autobahnPayloads)
            #expect(byteMismatches.isEmpty, "\(byteMismatches.count) payloads differ from Autobahn's: \(byteMismatches.prefix(5))")
        }
    }
}

/// What the interop tests rely on, checked even where Autobahn is missing.
struct AutobahnInteropSetupTests {
    @Test func corpusHasTheVarietyIssue3AsksFor() {
        let messages = AutobahnInteropTests.messages
        let sizes = messages.map(\.count)
        #expect(messages.count >= 200)
        #expect(sizes.contains(0) && sizes.contains(1))
        #expect(sizes.contains(100 * 1024) && sizes.contains(300 * 1024))
        #expect(Set(messages).count > messages.count * 3 / 4, "mostly distinct messages")
    }

    /// CI installs the peer (`.ci/setup`), so there the interop suite must run, never skip.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only CI guarantees the peer"))
    func autobahnIsInstalledInCI() {
        #expect(AutobahnPeer.isAvailable, "CI must have autobahn and python-snappy: .ci/setup installs them")
    }
}

/// Describes where two lists of byte strings differ: message index, sizes and the first
/// differing offset (never the bytes themselves, which may be 300 KiB).
func differences(_ actual: [[UInt8]], _ expected: [[UInt8]]) -> [String] {
    var result: [String] = []
    if actual.count != expected.count {
        result.append("\(actual.count) results for \(expected.count) messages")
    }
    for (index, (a, e)) in zip(actual, expected).enumerated() where a != e {
        let offset = (0..<Swift.min(a.count, e.count)).first { a[$0] != e[$0] } ?? Swift.min(a.count, e.count)
        result.append("message \(index): \(a.count) bytes vs \(e.count) expected, first difference at \(offset)")
    }
    return result
}
