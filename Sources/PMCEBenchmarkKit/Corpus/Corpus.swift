/// An ordered sequence of WebSocket messages to compress: one direction of one connection's traffic.
///
/// A corpus comes from a shipped dataset (``DatasetGenerator``), a user's file read by
/// ``CorpusLoader/load(path:)``, or code:
/// ```swift
/// let corpus = Corpus(name: "greetings", messages: [Array("Hello".utf8), Array("Hello again".utf8)])
/// print(corpus.rawBytes)   // 16
/// ```
public struct Corpus: Sendable, Hashable {
    /// The corpus's name in reports, such as `chat-json` or `capture.har (send)`.
    public var name: String
    /// The messages' payloads, in the order they are sent.
    public var messages: [[UInt8]]

    /// Creates a corpus.
    /// - Parameters:
    ///   - name: The name reports show.
    ///   - messages: The messages' payloads, in order.
    public init(name: String, messages: [[UInt8]]) {
        self.name = name
        self.messages = messages
    }

    /// The sum of the messages' sizes in bytes.
    public var rawBytes: Int {
        messages.reduce(0) { $0 + $1.count }
    }
}
