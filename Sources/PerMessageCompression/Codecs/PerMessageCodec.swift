/// One endpoint of a WebSocket connection's per-message compression: compresses the messages
/// it sends and decompresses the messages it receives, keeping each direction's state across
/// messages as the negotiated parameters say.
///
/// Messages may be given in pieces, as WebSocket frames arrive: call
/// ``compress(_:isFinal:into:)`` once per piece and pass `isFinal: true` with the last piece
/// (which may be empty). Output is appended to the buffer passed in; reuse that buffer to avoid
/// allocating per message.
///
/// ```swift
/// let codec = PerMessageDeflateCodec(try .init(sendNoContextTakeover: true))
/// var wire = MessageBuffer()
/// try codec.compressMessage(Array("Hello".utf8), into: &wire)   // f2 48 cd c9 c9 07 00
/// ```
///
/// A codec is not thread-safe: one owner uses it at a time. After any error the direction that
/// failed throws ``CodecError/Reason/failedEarlier(_:)`` for good, as the connection would fail;
/// `output` may then hold part of the message, which the caller should discard.
///
/// Memory is taken on first use: a direction that never codes a message holds no library state
/// or working buffer (see ``memory``).
public protocol PerMessageCodec: AnyObject {
    /// The settings this codec is made with.
    associatedtype Configuration: CodecConfiguration where Configuration.Codec == Self

    /// Creates a codec. Library state is set up on first use of each direction.
    /// - Parameter configuration: The settings of both directions, checked when it was made.
    init(_ configuration: Configuration)

    /// The settings this codec was made with.
    var configuration: Configuration { get }

    /// Compresses one piece of the message being sent and appends the compressed bytes.
    /// - Parameters:
    ///   - piece: The next bytes of the message.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the compressed payload is appended to.
    /// - Throws: ``CodecError`` when the library fails or the codec failed earlier.
    func compress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError)

    /// Decompresses one piece of a received compressed payload and appends the message bytes.
    /// - Parameters:
    ///   - piece: The next bytes of the compressed payload (a frame's payload).
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the decompressed message is appended to.
    /// - Throws: ``CodecError``: corrupt or truncated data, a message over `maxMessageSize`.
    func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError)

    /// Decompresses one piece of a received payload in slices: as
    /// ``decompress(_:isFinal:into:)``, but stops once it has appended `outputLimit` bytes or
    /// more in this call and has more to do, so that a caller can let other work run between
    /// slices of a large or hostile message (see ``DecompressionStep``). It may write up to one
    /// slice more than the limit (for snappy, up to a 64 KiB chunk). A whole deflate payload
    /// decoded by libdeflate (``DeflateBackend/libdeflate``) is decoded in one call.
    /// - Parameters:
    ///   - piece: The bytes of the compressed payload not read yet.
    ///   - isFinal: Whether this piece ends the message; the message ends with the call that
    ///     completes the piece.
    ///   - output: The buffer the decompressed message is appended to.
    ///   - outputLimit: After how many bytes appended it stops (1 or more).
    /// - Returns: How much of `piece` was read and whether it is done; when not, call again with
    ///   the rest.
    /// - Throws: ``CodecError``, as ``decompress(_:isFinal:into:)``.
    func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, outputLimit: Int) throws(CodecError) -> DecompressionStep

    /// Compresses a whole message as `policy` says (``SendPolicy``): not at all when it is too
    /// small, and, where the sending direction carries no context, not after all when the
    /// payload did not shrink. A requirement, with the one implementation every codec shares,
    /// so that a call through `any PerMessageCodec` runs it specialized for the codec.
    /// - Parameters:
    ///   - message: The whole message.
    ///   - policy: Which messages go out compressed.
    ///   - output: The buffer the compressed payload is appended to; left as it was when the
    ///     message goes out uncompressed.
    /// - Returns: Whether the message goes out compressed (RSV1), its payload in `output`.
    /// - Throws: ``CodecError``.
    func compressMessage(_ message: UnsafeRawBufferPointer, policy: SendPolicy, into output: inout MessageBuffer) throws(CodecError) -> Bool

    /// The bytes this codec holds: the libraries' state (counted by their allocator hooks) and its
    /// own working buffers.
    var memory: CodecMemory { get }
}

/// The memory one codec holds.
public struct CodecMemory: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Bytes the C libraries allocated through the codec's allocator hooks and still hold.
    public var libraryBytes: Int
    /// Bytes of the codec's own working buffers.
    public var bufferBytes: Int
    /// Times the codec's allocator hooks called `malloc`; flat in steady state.
    public var libraryAllocations: Int

    /// Creates a figure.
    /// - Parameters:
    ///   - libraryBytes: Bytes held by the C libraries.
    ///   - bufferBytes: Bytes of the codec's buffers.
    ///   - libraryAllocations: Allocations made for the C libraries so far.
    public init(libraryBytes: Int, bufferBytes: Int, libraryAllocations: Int) {
        self.libraryBytes = libraryBytes
        self.bufferBytes = bufferBytes
        self.libraryAllocations = libraryAllocations
    }

    /// All bytes held.
    public var totalBytes: Int { libraryBytes + bufferBytes }

    /// The figures in words.
    public var description: String {
        "\(totalBytes) bytes (library \(libraryBytes), buffers \(bufferBytes))"
    }

    /// No bytes held.
    public static let zero = CodecMemory(libraryBytes: 0, bufferBytes: 0, libraryAllocations: 0)

    /// Both figures added.
    /// - Parameters:
    ///   - lhs: One figure.
    ///   - rhs: The other.
    /// - Returns: The sums.
    public static func + (lhs: CodecMemory, rhs: CodecMemory) -> CodecMemory {
        CodecMemory(
            libraryBytes: lhs.libraryBytes + rhs.libraryBytes,
            bufferBytes: lhs.bufferBytes + rhs.bufferBytes,
            libraryAllocations: lhs.libraryAllocations + rhs.libraryAllocations
        )
    }
}

extension PerMessageCodec {
    /// The extension this codec implements.
    public static var compressionExtension: CompressionExtension { Configuration.compressionExtension }

    /// The extension's registered name, such as `permessage-deflate`.
    public static var extensionName: String { compressionExtension.extensionName }

    /// The extension's registered name, such as `permessage-deflate`.
    public var extensionName: String { Self.extensionName }

    /// Compresses a whole message and appends its compressed payload to `output`.
    /// - Parameters:
    ///   - message: The message.
    ///   - output: The buffer the payload is appended to.
    /// - Throws: ``CodecError``.
    @inlinable
    public func compressMessage(_ message: UnsafeRawBufferPointer, into output: inout MessageBuffer) throws(CodecError) {
        try compress(message, isFinal: true, into: &output)
    }

    /// Decompresses a whole compressed payload and appends the message to `output`.
    /// - Parameters:
    ///   - payload: The compressed payload of one message.
    ///   - output: The buffer the message is appended to.
    /// - Throws: ``CodecError``.
    @inlinable
    public func decompressMessage(_ payload: UnsafeRawBufferPointer, into output: inout MessageBuffer) throws(CodecError) {
        try decompress(payload, isFinal: true, into: &output)
    }

    /// Compresses a whole message and appends its compressed payload to `output`.
    /// - Parameters:
    ///   - message: The message.
    ///   - output: The buffer the payload is appended to.
    /// - Throws: ``CodecError``.
    public func compressMessage(_ message: [UInt8], into output: inout MessageBuffer) throws(CodecError) {
        try withBytes(of: message) { (bytes) throws(CodecError) in try compress(bytes, isFinal: true, into: &output) }
    }

    /// Decompresses a whole compressed payload and appends the message to `output`.
    /// - Parameters:
    ///   - payload: The compressed payload of one message.
    ///   - output: The buffer the message is appended to.
    /// - Throws: ``CodecError``.
    public func decompressMessage(_ payload: [UInt8], into output: inout MessageBuffer) throws(CodecError) {
        try withBytes(of: payload) { (bytes) throws(CodecError) in try decompress(bytes, isFinal: true, into: &output) }
    }

    /// Compresses a whole message. A convenience that allocates its result.
    /// - Parameter message: The message.
    /// - Returns: The compressed payload.
    /// - Throws: ``CodecError``.
    public func compressMessage(_ message: [UInt8]) throws(CodecError) -> [UInt8] {
        var output = MessageBuffer(capacity: message.count / 2 + 64)
        try compressMessage(message, into: &output)
        return output.bytes
    }

    /// Decompresses a whole compressed payload. A convenience that allocates its result.
    /// - Parameter payload: The compressed payload of one message.
    /// - Returns: The message.
    /// - Throws: ``CodecError``.
    public func decompressMessage(_ payload: [UInt8]) throws(CodecError) -> [UInt8] {
        // Not sized from the payload: a peer's large payload must not reserve more than
        // `maxMessageSize` allows. The decoder reserves as it goes, within its budget.
        var output = MessageBuffer()
        try decompressMessage(payload, into: &output)
        return output.bytes
    }
}
