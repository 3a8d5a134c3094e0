/// The permessage-deflate codec (RFC 7692) for one connection endpoint, on system zlib.
///
/// Sends with raw deflate and a sync flush per message, removing the `00 00 ff ff` trailer;
/// receives by appending it back. With context takeover the LZ77 window carries over between
/// messages; without, the zlib stream is reset (`deflateReset` / `inflateReset`) after each
/// message. Byte for byte the same as Autobahn|Python with the same zlib and parameters.
///
/// ```swift
/// let codec = PerMessageDeflateCodec(try .init(sendWindowBits: .max, maxMessageSize: 1 << 20))
/// let payload = try codec.compressMessage(Array("Hello".utf8))   // f2 48 cd c9 c9 07 00
/// ```
public final class PerMessageDeflateCodec: PerMessageCodec {
    /// The parameters this codec was made with.
    public let configuration: Configuration
    // One owner at a time (the codec is not thread-safe) and no call re-enters a direction, so
    // the per-access dynamic exclusivity check Swift adds to class properties guards nothing
    // here; it cost about a fifth of a small snappy message's time (perf).
    @exclusivity(unchecked) private var compressor: CodecDirection<DeflateCompressor>
    @exclusivity(unchecked) private var decompressor: CodecDirection<DeflateDecompressor>

    /// Creates a codec. zlib's streams are set up on first use of each direction
    /// (`deflateInit2` on the first message sent, `inflateInit2` on the first received), so an
    /// idle codec holds almost nothing; later messages reuse both streams.
    /// - Parameter configuration: The negotiated and local parameters.
    public init(_ configuration: Configuration = .default) {
        self.configuration = configuration
        compressor = CodecDirection(
            DeflateCompressor(
                level: configuration.compressionLevel, windowBits: configuration.sendWindowBits,
                memoryLevel: configuration.memoryLevel, noContextTakeover: configuration.sendNoContextTakeover,
                wholeMessagesWithLibdeflate: configuration.compressesWithLibdeflate),
            extensionName: Self.extensionName, direction: .compress)
        decompressor = CodecDirection(
            DeflateDecompressor(
                windowBits: configuration.receiveWindowBits, noContextTakeover: configuration.receiveNoContextTakeover,
                wholeMessagesWithLibdeflate: configuration.decompressesWithLibdeflate, checksExactly: configuration.receiveWindowCheck == .exact),
            extensionName: Self.extensionName, direction: .decompress, maxMessageSize: configuration.maxMessageSize)
    }

    /// Compresses one piece of the message being sent and appends the compressed bytes.
    ///
    /// Calls `deflate` with `Z_NO_FLUSH` for each piece; with the last, `deflate` with
    /// `Z_SYNC_FLUSH`, then removes the trailing `00 00 ff ff`. Without context takeover it then
    /// calls `deflateReset`. The first message sent calls `deflateInit2`.
    /// - Parameters:
    ///   - piece: The next bytes of the message; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the compressed payload is appended to.
    /// - Throws: ``CodecError``: zlib failed (`library`, `outOfMemory`), or this direction
    ///   failed earlier (`failedEarlier`).
    @inline(__always)
    public func compress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try compressor.process(piece, isFinal: isFinal, into: &output)
    }

    /// Decompresses one piece of a received payload and appends the message bytes.
    ///
    /// Calls `inflate` with `Z_SYNC_FLUSH` for each piece; after the last, inflates the
    /// `00 00 ff ff` the sender removed. Without context takeover, or after a block with BFINAL
    /// set, it then calls `inflateReset`. The first message received calls `inflateInit2`.
    /// - Parameters:
    ///   - piece: The next bytes of the compressed payload; may be empty.
    ///   - isFinal: Whether this piece ends the message.
    ///   - output: The buffer the decompressed message is appended to.
    /// - Throws: ``CodecError``: `corruptData` (zlib's `msg`), `truncated` (the message ends
    ///   inside a block), `trailingData` (bytes after a BFINAL block), `messageTooLarge`, or
    ///   `failedEarlier`.
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

    /// The bytes zlib holds for both streams, counted by its `zalloc` / `zfree` hooks; zero for
    /// a direction not used yet.
    public var memory: CodecMemory { compressor.coder.memory + decompressor.coder.memory }
}
