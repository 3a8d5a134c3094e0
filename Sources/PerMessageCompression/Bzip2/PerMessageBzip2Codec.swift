/// The permessage-bzip2 codec (Autobahn's non-standard extension) for one connection endpoint,
/// on system libbz2.
///
/// Every message is one complete bzip2 stream; nothing carries over between messages. libbz2
/// has no reset, so its state is set up per message from memory this codec keeps: after the
/// first message, no message allocates. Byte for byte the same as Autobahn|Python (Python's `bz2`
/// module) with the same libbz2 and level.
///
/// ```swift
/// let codec = PerMessageBzip2Codec(try .init(sendLevel: .min, maxMessageSize: 16 << 20))
/// let payload = try codec.compressMessage(Array("Hello".utf8))
/// ```
public final class PerMessageBzip2Codec: PerMessageCodec {
    /// The parameters this codec was made with.
    public let configuration: Configuration
    // One owner at a time (the codec is not thread-safe) and no call re-enters a direction, so
    // the per-access dynamic exclusivity check Swift adds to class properties guards nothing
    // here; it cost about a fifth of a small snappy message's time (perf).
    @exclusivity(unchecked) private var compressor: CodecDirection<Bzip2Compressor>
    @exclusivity(unchecked) private var decompressor: CodecDirection<Bzip2Decompressor>

    /// Creates a codec. libbz2 is set up lazily, per message.
    /// - Parameter configuration: The negotiated and local parameters.
    public init(_ configuration: Configuration = .default) {
        self.configuration = configuration
        compressor = CodecDirection(Bzip2Compressor(level: configuration.sendLevel), extensionName: Self.extensionName, direction: .compress)
        decompressor = CodecDirection(
            Bzip2Decompressor(), extensionName: Self.extensionName, direction: .decompress, maxMessageSize: configuration.maxMessageSize)
    }

    /// Compresses one piece of the message being sent and appends the compressed bytes.
    ///
    /// The first piece calls `BZ2_bzCompressInit` (its memory comes from this codec's pool);
    /// each piece calls `BZ2_bzCompress` with `BZ_RUN`, the last with `BZ_FINISH`, then
    /// `BZ2_bzCompressEnd`: one complete bzip2 stream per message.
    /// - Parameters:
    ///   - piece: The next bytes of the message; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the compressed payload is appended to.
    /// - Throws: ``CodecError``: libbz2 failed (`library`, `outOfMemory`), or this direction
    ///   failed earlier (`failedEarlier`).
    @inline(__always)
    public func compress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try compressor.process(piece, isFinal: isFinal, into: &output)
    }

    /// Decompresses one piece of a received payload and appends the message bytes.
    ///
    /// The first non-empty piece calls `BZ2_bzDecompressInit`; each piece calls
    /// `BZ2_bzDecompress`; the last ends with `BZ2_bzDecompressEnd`.
    /// - Parameters:
    ///   - piece: The next bytes of the compressed payload; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the decompressed message is appended to.
    /// - Throws: ``CodecError``: `corruptData` (`BZ_DATA_ERROR`, `BZ_DATA_ERROR_MAGIC`),
    ///   `truncated` (the stream does not end with the message), `trailingData` (bytes after its
    ///   end), `messageTooLarge`, or `failedEarlier`.
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

    /// The bytes libbz2's pooled state holds, counted by its `bzalloc` / `bzfree` hooks (about
    /// 1.1 MB at level 1 to 7.5 MB at level 9 once a message was sent).
    public var memory: CodecMemory { compressor.coder.memory + decompressor.coder.memory }
}
