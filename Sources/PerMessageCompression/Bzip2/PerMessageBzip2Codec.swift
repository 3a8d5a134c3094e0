/// The permessage-bzip2 codec (Autobahn's non-standard extension) for one connection endpoint,
/// on system libbz2.
///
/// Every message is one complete bzip2 stream; nothing carries over between messages. libbz2
/// has no reset, so its state is set up per message from memory this codec keeps: after the
/// first message, no message allocates. Byte for byte the same as Autobahn|Python (Python's `bz2`
/// module) with the same libbz2 and level.
///
/// ```swift
/// let codec = try PerMessageBzip2Codec(.init(sendLevel: .min, maxMessageSize: 16 << 20))
/// let payload = try codec.compressMessage(Array("Hello".utf8))
/// ```
public final class PerMessageBzip2Codec: PerMessageCodec {
    /// `permessage-bzip2`.
    public static let extensionName = "permessage-bzip2"

    /// The parameters of both directions.
    public struct Configuration: Hashable, Sendable, CustomStringConvertible {
        /// The level the compressor uses: at most what the peer allowed.
        public var sendLevel: Bzip2Level
        /// The most bytes a received message may decompress to; `nil` for no limit.
        public var maxMessageSize: Int?

        /// Creates a configuration.
        /// - Parameters:
        ///   - sendLevel: The compressor's level, 9 by default.
        ///   - maxMessageSize: The most bytes a received message may decompress to.
        public init(sendLevel: Bzip2Level = .max, maxMessageSize: Int? = nil) {
            self.sendLevel = sendLevel
            self.maxMessageSize = maxMessageSize
        }

        /// The parameters in words.
        public var description: String {
            "bzip2(send: l\(sendLevel)\(maxMessageSize.map { ", receive: max \($0)" } ?? ""))"
        }
    }

    /// The parameters this codec was made with.
    public let configuration: Configuration
    private var compressor: CodecDirection<Bzip2Compressor>
    private var decompressor: CodecDirection<Bzip2Decompressor>

    /// Creates a codec. libbz2 is set up lazily, per message.
    /// - Parameter configuration: The negotiated and local parameters.
    /// - Throws: ``CodecError`` with `invalidParameter` for a negative `maxMessageSize`.
    public init(_ configuration: Configuration = .init()) throws(CodecError) {
        try MessageBudget.validate(configuration.maxMessageSize, extensionName: Self.extensionName)
        self.configuration = configuration
        compressor = CodecDirection(Bzip2Compressor(level: configuration.sendLevel), extensionName: Self.extensionName, direction: .compress)
        decompressor = CodecDirection(
            Bzip2Decompressor(), extensionName: Self.extensionName, direction: .decompress, maxMessageSize: configuration.maxMessageSize)
    }

    public func compress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try compressor.process(piece, isFinal: isFinal, into: &output)
    }

    public func decompress(_ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try decompressor.process(piece, isFinal: isFinal, into: &output)
    }

    public var memory: CodecMemory { compressor.coder.memory + decompressor.coder.memory }
}
