/// The settings of one codec for both of its directions, in the codec's terms (send and
/// receive): what ``CompressionConfiguration`` holds one of, and what makes the codec.
///
/// A conforming type checks every setting in its initializer and nowhere else, so a value of it
/// always makes a working codec.
public protocol CodecConfiguration: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The codec this configuration makes.
    associatedtype Codec: PerMessageCodec where Codec.Configuration == Self

    /// The extension this configuration is for.
    static var compressionExtension: CompressionExtension { get }

    /// The most bytes a received message may decompress to; `nil` for no limit.
    var maxMessageSize: Int? { get }

    /// Whether the sending direction carries state from one message to the next: a deflate
    /// window kept (context takeover), snappy's stream identifier sent once per connection.
    /// Where it does not, any compressor made with this configuration can send the next message
    /// (``CodecPool``), and a message may go out uncompressed after all (``SendPolicy``).
    var sendCarriesContext: Bool { get }

    /// Whether the receiving direction carries state from one message to the next (the peer's
    /// deflate window). Where it does not, any decompressor made with this configuration can
    /// read the next whole message (``CodecPool``).
    var receiveCarriesContext: Bool { get }

    /// The configuration as the enum over every extension.
    var wrapped: CompressionConfiguration { get }
}

extension CodecConfiguration {
    /// Makes a codec with this configuration; it holds no library state until its first message.
    /// - Returns: The codec.
    public func makeCodec() -> Codec { Codec(self) }
}
