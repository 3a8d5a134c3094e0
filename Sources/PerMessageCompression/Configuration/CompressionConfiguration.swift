/// One extension and its settings for both directions: what a negotiation agrees on, what a
/// command line or a benchmark spec describes, and what makes a codec.
///
/// Every setting was checked when its codec configuration was made (the only place a setting is
/// checked), so ``makeCodec()`` cannot fail.
///
/// ```swift
/// let configuration = CompressionConfiguration.deflate(try .init(sendNoContextTakeover: true, maxMessageSize: 1 << 20))
/// configuration.extensionName        // "permessage-deflate"
/// let codec = configuration.makeCodec()
/// ```
///
/// Encoded as one JSON object: `"extension"` (`deflate`, `bzip2`, `snappy`) beside the
/// configuration's own keys, such as `{"extension":"snappy","sendNoContextTakeover":true,…}`.
public enum CompressionConfiguration: Hashable, Sendable, Codable, CustomStringConvertible {
    /// permessage-deflate.
    case deflate(PerMessageDeflateCodec.Configuration)
    /// permessage-bzip2.
    case bzip2(PerMessageBzip2Codec.Configuration)
    /// permessage-snappy.
    case snappy(PerMessageSnappyCodec.Configuration)

    /// The configuration this case holds.
    public var codecConfiguration: any CodecConfiguration {
        switch self {
        case .deflate(let configuration): configuration
        case .bzip2(let configuration): configuration
        case .snappy(let configuration): configuration
        }
    }

    /// The extension.
    public var compressionExtension: CompressionExtension { type(of: codecConfiguration).compressionExtension }

    /// The registered extension name, such as `permessage-deflate`.
    public var extensionName: String { compressionExtension.extensionName }

    /// The most bytes a received message may decompress to; `nil` for no limit.
    public var maxMessageSize: Int? { codecConfiguration.maxMessageSize }

    /// Whether the sending direction carries state from one message to the next.
    public var sendCarriesContext: Bool { codecConfiguration.sendCarriesContext }

    /// Whether the receiving direction carries state from one message to the next.
    public var receiveCarriesContext: Bool { codecConfiguration.receiveCarriesContext }

    /// Makes the codec; it holds no library state until its first message.
    /// - Returns: The codec.
    public func makeCodec() -> any PerMessageCodec { codecConfiguration.makeCodec() }

    /// The settings in words, such as `deflate(send: w15 m8 ldefault, receive: w15)`.
    public var description: String { codecConfiguration.description }

    private enum CodingKeys: String, CodingKey {
        case `extension`
    }

    /// Decodes `"extension"` and the configuration's keys beside it, checking every setting.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for a missing or unknown extension or a malformed value;
    ///   ``ConfigurationError`` for a setting out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let compressionExtension = try container.decode(CompressionExtension.self, forKey: .extension)
        self = try compressionExtension.configurationType.init(from: decoder).wrapped
    }

    /// Encodes `"extension"` and the configuration's keys.
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(compressionExtension, forKey: .extension)
        try codecConfiguration.encode(to: encoder)
    }
}

extension CompressionExtension {
    /// The configuration type of this extension's codec.
    public var configurationType: any CodecConfiguration.Type {
        switch self {
        case .deflate: PerMessageDeflateCodec.Configuration.self
        case .bzip2: PerMessageBzip2Codec.Configuration.self
        case .snappy: PerMessageSnappyCodec.Configuration.self
        }
    }
}
