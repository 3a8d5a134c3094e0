/// Which messages a sender compresses. RFC 7692 lets a sender leave any message uncompressed
/// (RSV1 off) and the receiver's context is untouched by such a message, so this is a local
/// choice of each end, never negotiated.
///
/// Two rules, both for whole messages only (the first frame is the last): a fragmented
/// message's size is unknown when its first frame leaves, so it is always compressed.
/// - A message smaller than ``minimumMessageSize`` goes out as it is: compressing it costs time
///   and, below a few hundred bytes, usually saves nothing.
/// - Where the sending direction carries no context (deflate without context takeover, bzip2,
///   snappy without takeover: ``CompressionConfiguration/sendCarriesContext``), a message
///   whose compressed payload is not smaller than the message itself goes out as it is
///   (``rawWhenLarger``). Where context is carried the compressor has already moved on, so the
///   payload must be sent.
///
/// ```swift
/// let policy = try SendPolicy(minimumMessageSize: 1024)
/// policy.compresses(messageSize: 300)   // false: sent raw
/// ```
public struct SendPolicy: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Whole messages smaller than this many bytes go out uncompressed; 0 compresses them all.
    public let minimumMessageSize: Int
    /// Whether a whole message whose compressed payload is not smaller goes out uncompressed,
    /// where the sending direction carries no context.
    public let rawWhenLarger: Bool

    /// Creates a policy.
    /// - Parameters:
    ///   - minimumMessageSize: The smallest whole message that is compressed, 0 or more.
    ///   - rawWhenLarger: Whether to send a message raw when compressing it did not pay, where
    ///     no context is carried.
    /// - Throws: ``ConfigurationError`` for a negative `minimumMessageSize`.
    public init(minimumMessageSize: Int, rawWhenLarger: Bool = true) throws(ConfigurationError) {
        guard minimumMessageSize >= 0 else {
            throw ConfigurationError(.minimumMessageSize, value: minimumMessageSize, allowed: 0...Int.max)
        }
        self.minimumMessageSize = minimumMessageSize
        self.rawWhenLarger = rawWhenLarger
    }

    /// Every message compressed, whatever it costs: what the codecs do on their own, and what
    /// Autobahn|Python does.
    // Cannot fail: 0 is in range.
    public static let always = try! SendPolicy(minimumMessageSize: 0, rawWhenLarger: false)

    /// The default: compress every message, and send raw, where no context is carried, a
    /// message compression would grow. `Docs/send-policy.md` has the measurements it comes from.
    // Cannot fail: the size is in range.
    public static let `default` = try! SendPolicy(minimumMessageSize: 0, rawWhenLarger: true)

    /// Whether a whole message of `messageSize` bytes is compressed at all.
    /// - Parameter messageSize: The message's length.
    /// - Returns: `false` when the message goes out uncompressed without trying.
    @inlinable
    public func compresses(messageSize: Int) -> Bool { messageSize >= minimumMessageSize }

    /// Whether a whole message, once compressed, is sent compressed.
    /// - Parameters:
    ///   - payloadSize: The compressed payload's length.
    ///   - messageSize: The message's length.
    ///   - carriesContext: Whether the sending direction carries context between messages.
    /// - Returns: `false` when the message goes out uncompressed instead.
    @inlinable
    public func sendsCompressed(payloadSize: Int, messageSize: Int, carriesContext: @autoclosure () -> Bool) -> Bool {
        // Cheapest first: a codec's configuration is asked only when it decides.
        !rawWhenLarger || payloadSize < messageSize || carriesContext()
    }

    /// The policy in words, such as `compress from 256 B, raw when larger`.
    public var description: String {
        "compress from \(minimumMessageSize) B" + (rawWhenLarger ? ", raw when larger" : "")
    }

    private enum CodingKeys: String, CodingKey {
        case minimumMessageSize, rawWhenLarger
    }

    /// Decodes a policy, checking it as the initializer does; absent keys take the defaults.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a malformed value, ``ConfigurationError`` for a negative size.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            minimumMessageSize: container.decodeIfPresent(Int.self, forKey: .minimumMessageSize) ?? Self.default.minimumMessageSize,
            rawWhenLarger: container.decodeIfPresent(Bool.self, forKey: .rawWhenLarger) ?? Self.default.rawWhenLarger)
    }
}

extension PerMessageCodec {
    /// Compresses a whole message as `policy` says: not at all when it is too small, and, where
    /// the sending direction carries no context, not after all when the payload did not shrink.
    /// The implementation of ``PerMessageCodec/compressMessage(_:policy:into:)`` for every codec.
    /// - Parameters:
    ///   - message: The whole message.
    ///   - policy: Which messages go out compressed.
    ///   - output: The buffer the compressed payload is appended to; left as it was when the
    ///     message goes out uncompressed.
    /// - Returns: Whether the message goes out compressed (RSV1), its payload in `output`.
    /// - Throws: ``CodecError``.
    @inline(__always)
    public func compressMessage(_ message: UnsafeRawBufferPointer, policy: SendPolicy, into output: inout MessageBuffer) throws(CodecError) -> Bool {
        guard policy.compresses(messageSize: message.count) else { return false }
        let start = output.count
        try compress(message, isFinal: true, into: &output)
        let payloadSize = output.count - start
        if policy.sendsCompressed(payloadSize: payloadSize, messageSize: message.count, carriesContext: configuration.sendCarriesContext) {
            return true
        }
        output.removeLast(payloadSize)
        return false
    }
}
