/// The permessage-snappy codec (Autobahn's non-standard extension) for one connection endpoint,
/// on system libsnappy, in the snappy framing format with masked CRC32C checksums.
///
/// With context takeover, a direction is one framing stream for the whole connection (the stream
/// identifier is sent once); without, every message is a stream of its own. Snappy keeps no
/// window between chunks, so takeover changes only where identifiers appear. python-snappy 0.7
/// compresses with cramjam's encoder, so its bytes differ from libsnappy's; messages decode the
/// same both ways.
///
/// ```swift
/// let codec = PerMessageSnappyCodec(try .init(sendNoContextTakeover: true))
/// let payload = try codec.compressMessage(Array("Hello".utf8))
/// ```
public final class PerMessageSnappyCodec: PerMessageCodec {
    /// The parameters this codec was made with.
    public let configuration: Configuration
    // One owner at a time (the codec is not thread-safe) and no call re-enters a direction, so
    // the per-access dynamic exclusivity check Swift adds to class properties guards nothing
    // here; it cost about a fifth of a small snappy message's time (perf).
    @exclusivity(unchecked) private var compressor: CodecDirection<SnappyFrameEncoder>
    @exclusivity(unchecked) private var decompressor: CodecDirection<SnappyFrameDecoder>

    /// Creates a codec.
    /// - Parameter configuration: The negotiated and local parameters.
    public init(_ configuration: Configuration = .default) {
        self.configuration = configuration
        compressor = CodecDirection(
            SnappyFrameEncoder(noContextTakeover: configuration.sendNoContextTakeover), extensionName: Self.extensionName, direction: .compress)
        decompressor = CodecDirection(
            SnappyFrameDecoder(), extensionName: Self.extensionName, direction: .decompress, maxMessageSize: configuration.maxMessageSize)
    }

    /// Compresses one piece of the message being sent and appends the framed chunks.
    ///
    /// Cuts the message into chunks of 64 KiB (staging a chunk only when pieces end off a chunk
    /// boundary), compresses each with libsnappy (`snappy::internal::CompressFragment` with a
    /// kept table, or `snappy_compress`) and sends it uncompressed when that saves less than an
    /// eighth, each with its masked CRC32C. The stream identifier goes first once per stream.
    /// - Parameters:
    ///   - piece: The next bytes of the message; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the compressed payload is appended to.
    /// - Throws: ``CodecError``: libsnappy failed (`library`), or this direction failed earlier
    ///   (`failedEarlier`).
    @inline(__always)
    public func compress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try compressor.process(piece, isFinal: isFinal, into: &output)
    }

    /// Decompresses one piece of a received payload and appends the message bytes.
    ///
    /// Reads framing chunks, gathering one split across pieces; calls `snappy_uncompress` for
    /// compressed chunks and verifies every chunk's masked CRC32C.
    /// - Parameters:
    ///   - piece: The next bytes of the compressed payload; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the decompressed message is appended to.
    /// - Throws: ``CodecError``: `corruptData`, `checksumMismatch`, `unknownChunkType`,
    ///   `truncated` (the message ends inside a chunk), `messageTooLarge`, or `failedEarlier`.
    @inline(__always)
    public func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try decompressor.process(piece, isFinal: isFinal, into: &output)
    }

    /// Decompresses one piece of a received payload in slices of about `outputLimit` bytes of
    /// output (see ``PerMessageCodec/decompress(_:isFinal:into:outputLimit:)``).
    /// - Parameters:
    ///   - piece: The bytes of the compressed payload not read yet.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the decompressed message is appended to.
    ///   - outputLimit: After how many bytes appended it stops.
    /// - Returns: How much of `piece` was read and whether it is done.
    /// - Throws: ``CodecError``, as ``decompress(_:isFinal:into:)``.
    public func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, outputLimit: Int) throws(CodecError) -> DecompressionStep {
        try decompressor.process(piece, isFinal: isFinal, into: &output, outputLimit: outputLimit)
    }

    /// The bytes this codec holds: libsnappy's hash table and the staging buffer of the
    /// sending side, the chunk gathering buffer of the receiving side; each allocated on first
    /// need.
    public var memory: CodecMemory { compressor.coder.memory + decompressor.coder.memory }
}
