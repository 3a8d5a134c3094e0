public struct Corpus: Sendable, Hashable {
    public var name: String
    public var messages: [[UInt8]]
    public init(name: String, messages: [[UInt8]]) { self.name = name; self.messages = messages }
    public var rawBytes: Int { messages.reduce(0) { $0 + $1.count } }
}
