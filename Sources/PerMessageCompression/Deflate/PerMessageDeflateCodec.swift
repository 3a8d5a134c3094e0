/// The permessage-deflate codec (RFC 7692) for one connection endpoint, on system zlib.
///
/// Sends with raw deflate and a sync flush per message, removing the `00 00 ff ff` trailer;
/// receives by appending it back. With context takeover the LZ77 window carries over between
/// messages; without, the zlib stream is reset (`deflateReset` / `inflateReset`) after each
/// message. Byte for byte the same as Autobahn|Python with the same zlib and parameters.
///
/// ```swift
/// let codec = try PerMessageDeflateCodec(.init(sendWindowBits: .max, maxMessageSize: 1 << 20))
/// let payload = try codec.compressMessage(Array("Hello".utf8))   // f2 48 cd c9 c9 07 00
/// ```
public final class PerMessageDeflateCodec: PerMessageCodec {
    /// `permessage-deflate`.
    public static let extensionName = "permessage-deflate"

    /// The parameters of both directions, in the codec's terms (send and receive) rather than
    /// the wire's (server and client).
    public struct Configuration: Hashable, Sendable, CustomStringConvertible {
        /// The window the compressor uses: at most what the peer allowed, 9...15.
        public var sendWindowBits: WindowBits
        /// Whether the compressor starts every message with an empty window.
        public var sendNoContextTakeover: Bool
        /// zlib's `memLevel` for the compressor (local, not negotiated).
        public var memoryLevel: MemoryLevel
        /// zlib's compression level (local, not negotiated).
        public var compressionLevel: CompressionLevel
        /// The window the peer compresses with, 8...15.
        public var receiveWindowBits: WindowBits
        /// Whether the peer starts every message with an empty window.
        public var receiveNoContextTakeover: Bool
        /// The most bytes a received message may decompress to; `nil` for no limit.
        public var maxMessageSize: Int?

        /// Creates a configuration; every default is zlib's and RFC 7692's.
        /// - Parameters:
        ///   - sendWindowBits: The compressor's window, 9...15.
        ///   - sendNoContextTakeover: Whether each sent message starts with an empty window.
        ///   - memoryLevel: zlib's `memLevel` for the compressor.
        ///   - compressionLevel: zlib's level for the compressor.
        ///   - receiveWindowBits: The peer's window.
        ///   - receiveNoContextTakeover: Whether each received message starts with an empty window.
        ///   - maxMessageSize: The most bytes a received message may decompress to.
        public init(
            sendWindowBits: WindowBits = .max,
            sendNoContextTakeover: Bool = false,
            memoryLevel: MemoryLevel = .default,
            compressionLevel: CompressionLevel = .default,
            receiveWindowBits: WindowBits = .max,
            receiveNoContextTakeover: Bool = false,
            maxMessageSize: Int? = nil
        ) {
            self.sendWindowBits = sendWindowBits
            self.sendNoContextTakeover = sendNoContextTakeover
            self.memoryLevel = memoryLevel
            self.compressionLevel = compressionLevel
            self.receiveWindowBits = receiveWindowBits
            self.receiveNoContextTakeover = receiveNoContextTakeover
            self.maxMessageSize = maxMessageSize
        }

        /// The parameters in words.
        public var description: String {
            "deflate(send: w\(sendWindowBits) m\(memoryLevel) l\(compressionLevel)\(sendNoContextTakeover ? " no-takeover" : ""), "
                + "receive: w\(receiveWindowBits)\(receiveNoContextTakeover ? " no-takeover" : "")"
                + "\(maxMessageSize.map { " max \($0)" } ?? ""))"
        }
    }

    /// The parameters this codec was made with.
    public let configuration: Configuration
    private var compressor: CodecDirection<DeflateCompressor>
    private var decompressor: CodecDirection<DeflateDecompressor>

    /// Creates a codec. zlib's streams are set up on first use of each direction
    /// (`deflateInit2` on the first message sent, `inflateInit2` on the first received), so an
    /// idle codec holds almost nothing; later messages reuse both streams.
    /// - Parameter configuration: The negotiated and local parameters.
    /// - Throws: ``CodecError`` with `invalidParameter` for a send window of 8 (zlib refuses it)
    ///   or a negative `maxMessageSize`.
    public init(_ configuration: Configuration = .init()) throws(CodecError) {
        try MessageBudget.validate(configuration.maxMessageSize, extensionName: Self.extensionName)
        self.configuration = configuration
        do {
            compressor = CodecDirection(
                try DeflateCompressor(
                    level: configuration.compressionLevel, windowBits: configuration.sendWindowBits,
                    memoryLevel: configuration.memoryLevel, noContextTakeover: configuration.sendNoContextTakeover),
                extensionName: Self.extensionName, direction: .compress)
            decompressor = CodecDirection(
                try DeflateDecompressor(windowBits: configuration.receiveWindowBits, noContextTakeover: configuration.receiveNoContextTakeover),
                extensionName: Self.extensionName, direction: .decompress, maxMessageSize: configuration.maxMessageSize)
        } catch {
            var error = error
            error.extensionName = Self.extensionName
            throw error
        }
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
    public func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try decompressor.process(piece, isFinal: isFinal, into: &output)
    }

    /// The bytes zlib holds for both streams, counted by its `zalloc` / `zfree` hooks; zero for
    /// a direction not used yet.
    public var memory: CodecMemory { compressor.coder.memory + decompressor.coder.memory }
}
