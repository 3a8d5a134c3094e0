import Foundation
import PerMessageCompression

/// Runs `Tests/Scripts/autobahn_negotiation.py`, which answers with Autobahn|Python's own
/// negotiation classes, through the codec interop suite's ``AutobahnPeer``.
enum AutobahnNegotiationPeer {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/autobahn_negotiation.py")

    /// Sends `requests` and returns one answer per request.
    static func ask(_ requests: [[String: Any]]) throws -> [[String: String]] {
        let input = try JSONSerialization.data(withJSONObject: requests)
        let (status, output, errors) = try AutobahnPeer.run(arguments: [script.path], input: input)
        guard status == 0 else {
            throw AutobahnPeer.Failure(description: "autobahn_negotiation.py exited with \(status): \(String(decoding: errors, as: UTF8.self))")
        }
        guard let answers = try JSONSerialization.jsonObject(with: output) as? [[String: String]], answers.count == requests.count else {
            throw AutobahnPeer.Failure(description: "unexpected answer: \(String(decoding: output, as: UTF8.self))")
        }
        return answers
    }
}

/// Our `Codable` form as the canonical JSON the script produces (sorted keys, no spaces).
func canonicalJSON(_ value: some AutobahnRepresentable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(AutobahnJSON(value)), as: UTF8.self)
}

/// A canonical JSON object from the script, as a dictionary.
func jsonObject(_ text: String?) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data((text ?? "{}").utf8)) as? [String: Any] ?? [:]
}

/// Python's value for an optional setting: the number or `None`.
func python(_ value: Int?) -> Any { value.map { $0 as Any } ?? NSNull() }

/// Python's value for an optional flag: the Boolean or `None`.
func python(_ value: Bool?) -> Any { value.map { $0 as Any } ?? NSNull() }

/// Our answer to one interop question: `answer(value)` when `body` succeeds, else its error.
func outcome<T>(_ body: () throws(NegotiationError) -> T, _ answer: (T) throws -> [String: String]) -> Result<[String: String], NegotiationError> {
    do throws(NegotiationError) {
        let value = try body()
        return .success((try? answer(value)) ?? ["json": "encoding failed"])
    } catch {
        return .failure(error)
    }
}

/// ``canonicalJSON(_:)`` for an existential.
func canonicalJSON(opening value: any AutobahnRepresentable) throws -> String {
    try canonicalJSON(value)
}
