/// What one call of ``PerMessageCodec/decompress(_:isFinal:into:outputLimit:)`` did: how much of
/// the piece it read, and whether it is done with it.
///
/// A decoder given an output limit stops once it has written that much and has more to do, so
/// that a server can let other connections run between slices of one large (or hostile)
/// message instead of inflating it in one go:
///
/// ```swift
/// var rest = payload[...]
/// while true {
///     let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: true, into: &output, outputLimit: 1 << 16)
///     if step.isComplete { break }
///     rest = rest.dropFirst(step.consumedBytes)
///     await Task.yield()
/// }
/// ```
public struct DecompressionStep: Hashable, Sendable {
    /// Bytes of the piece read; the next call starts after them.
    public var consumedBytes: Int
    /// Whether the piece is done: all of it read, all its output written and, with `isFinal`,
    /// the message finished. When `false`, call again with the rest of the piece (which may be
    /// empty, when only output was left) and the same `isFinal`.
    public var isComplete: Bool

    /// Creates a step.
    /// - Parameters:
    ///   - consumedBytes: Bytes of the piece read.
    ///   - isComplete: Whether the piece is done.
    public init(consumedBytes: Int, isComplete: Bool) {
        self.consumedBytes = consumedBytes
        self.isComplete = isComplete
    }

    /// The whole piece of `count` bytes read and done.
    /// - Parameter count: The piece's length.
    /// - Returns: A complete step.
    static func complete(_ count: Int) -> DecompressionStep {
        DecompressionStep(consumedBytes: count, isComplete: true)
    }
}
