/// Bounds the bytes a decoder may produce for one message (its `maxMessageSize`).
///
/// Decoders ask ``writableBytes(upTo:)`` how much they may write next and report what they
/// wrote with ``record(_:)``, so they never hold more than the limit plus one byte.
@usableFromInline
struct MessageBudget {
    /// The most bytes a message may decompress to; `nil` for no limit.
    @usableFromInline let limit: Int?
    /// Bytes produced so far for the current message.
    @usableFromInline private(set) var produced = 0

    @usableFromInline
    init(limit: Int?) { self.limit = limit }

    /// How many bytes the decoder may write next: `chunk`, or fewer near the limit (one past
    /// the limit, so that exceeding it can be seen).
    @inlinable
    func writableBytes(upTo chunk: Int) -> Int {
        guard let limit else { return chunk }
        // `produced <= limit` here (``record(_:)`` throws past it), so this cannot overflow,
        // even for a limit of `Int.max`.
        let remaining = Swift.max(limit - produced, 0)
        return remaining < chunk ? remaining + 1 : chunk
    }

    /// Counts `bytes` more output.
    /// - Throws: `messageTooLarge` when the message now exceeds the limit.
    @inlinable
    mutating func record(_ bytes: Int) throws(CodecError) {
        produced += bytes
        if let limit, produced > limit { throw Self.tooLarge(limit) }
    }

    /// Starts counting a new message.
    @inlinable
    mutating func reset() { produced = 0 }

    /// The error ``record(_:)`` throws, made out of line so that the codecs' hot paths, which
    /// inline ``record(_:)``, do not carry it.
    @usableFromInline @inline(never)
    static func tooLarge(_ limit: Int) -> CodecError { CodecError(.messageTooLarge(limit: limit)) }
}
