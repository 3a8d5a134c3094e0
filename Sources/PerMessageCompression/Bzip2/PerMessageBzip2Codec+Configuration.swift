extension PerMessageBzip2Codec {
    /// The parameters of both directions. The initializer is where they are checked.
    ///
    /// ```swift
    /// let codec = try PerMessageBzip2Codec.Configuration(sendLevel: .min, maxMessageSize: 16 << 20).makeCodec()
    /// ```
    public struct Configuration: CodecConfiguration {
        /// The codec this configuration makes.
        public typealias Codec = PerMessageBzip2Codec
        /// ``CompressionExtension/bzip2``.
        public static let compressionExtension = CompressionExtension.bzip2

        /// The level the compressor uses: at most what the peer allowed.
        public let sendLevel: Bzip2Level
        /// The most bytes a received message may decompress to; `nil` for no limit.
        public let maxMessageSize: Int?

        /// Creates a configuration.
        /// - Parameters:
        ///   - sendLevel: The compressor's level, 9 by default.
        ///   - maxMessageSize: The most bytes a received message may decompress to, 0 or more.
        /// - Throws: ``ConfigurationError`` for a negative `maxMessageSize`.
        public init(sendLevel: Bzip2Level = .max, maxMessageSize: Int? = nil) throws(ConfigurationError) {
            try ConfigurationError.check(maxMessageSize: maxMessageSize, of: Self.compressionExtension)
            self.sendLevel = sendLevel
            self.maxMessageSize = maxMessageSize
        }

        /// Level 9, no message size limit.
        // Cannot fail: every default is in range.
        public static let `default` = try! Configuration()

        /// `false`: every message is a bzip2 stream of its own.
        public var sendCarriesContext: Bool { false }

        /// `false`: every message is a bzip2 stream of its own.
        public var receiveCarriesContext: Bool { false }

        /// The configuration in the ``CompressionConfiguration`` enum.
        public var wrapped: CompressionConfiguration { .bzip2(self) }

        /// The parameters in words.
        public var description: String {
            "bzip2(send: l\(sendLevel)\(maxMessageSize.map { ", receive: max \($0)" } ?? ""))"
        }

        private enum CodingKeys: String, CodingKey {
            case sendLevel, maxMessageSize
        }

        /// Decodes a configuration, checking it as the initializer does; absent keys take the defaults.
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for a malformed value, ``ConfigurationError`` for one out of range.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(
                sendLevel: container.decodeIfPresent(Bzip2Level.self, forKey: .sendLevel) ?? Self.default.sendLevel,
                maxMessageSize: container.decodeIfPresent(Int.self, forKey: .maxMessageSize))
        }
    }
}
