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

    /// The configuration as the enum over every extension.
    var wrapped: CompressionConfiguration { get }
}

extension CodecConfiguration {
    /// Makes a codec with this configuration; it holds no library state until its first message.
    /// - Returns: The codec.
    public func makeCodec() -> Codec { Codec(self) }
}
