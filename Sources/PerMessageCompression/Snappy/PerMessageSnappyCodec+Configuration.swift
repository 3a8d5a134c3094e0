extension PerMessageSnappyCodec {
    /// The parameters of both directions. The initializer is where they are checked.
    ///
    /// ```swift
    /// let codec = try PerMessageSnappyCodec.Configuration(sendNoContextTakeover: true).makeCodec()
    /// ```
    public struct Configuration: CodecConfiguration {
        /// The codec this configuration makes.
        public typealias Codec = PerMessageSnappyCodec
        /// ``CompressionExtension/snappy``.
        public static let compressionExtension = CompressionExtension.snappy

        /// Whether each sent message is a framing stream of its own.
        public let sendNoContextTakeover: Bool
        /// Whether each received message is a framing stream of its own.
        public let receiveNoContextTakeover: Bool
        /// The most bytes a received message may decompress to; `nil` for no limit.
        public let maxMessageSize: Int?

        /// Creates a configuration.
        /// - Parameters:
        ///   - sendNoContextTakeover: Whether each sent message starts a new framing stream.
        ///   - receiveNoContextTakeover: Whether each received message starts a new framing stream.
        ///   - maxMessageSize: The most bytes a received message may decompress to, 0 or more.
        /// - Throws: ``ConfigurationError`` for a negative `maxMessageSize`.
        public init(sendNoContextTakeover: Bool = false, receiveNoContextTakeover: Bool = false, maxMessageSize: Int? = nil) throws(ConfigurationError) {
            try ConfigurationError.check(maxMessageSize: maxMessageSize, of: Self.compressionExtension)
            self.sendNoContextTakeover = sendNoContextTakeover
            self.receiveNoContextTakeover = receiveNoContextTakeover
            self.maxMessageSize = maxMessageSize
        }

        /// Context takeover both ways, no message size limit.
        // Cannot fail: every default is in range.
        public static let `default` = try! Configuration()

        /// Whether the sent messages form one framing stream (its identifier sent once).
        public var sendCarriesContext: Bool { !sendNoContextTakeover }

        /// `false`: the decoder takes a stream identifier anywhere and keeps no window, so every
        /// received message can be read on its own.
        public var receiveCarriesContext: Bool { false }

        /// The configuration in the ``CompressionConfiguration`` enum.
        public var wrapped: CompressionConfiguration { .snappy(self) }

        /// The parameters in words.
        public var description: String {
            "snappy(send:\(sendNoContextTakeover ? " no-takeover" : " takeover"), receive:\(receiveNoContextTakeover ? " no-takeover" : " takeover")"
                + "\(maxMessageSize.map { " max \($0)" } ?? ""))"
        }

        private enum CodingKeys: String, CodingKey {
            case sendNoContextTakeover, receiveNoContextTakeover, maxMessageSize
        }

        /// Decodes a configuration, checking it as the initializer does; absent keys take the defaults.
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for a malformed value, ``ConfigurationError`` for one out of range.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(
                sendNoContextTakeover: container.decodeIfPresent(Bool.self, forKey: .sendNoContextTakeover) ?? false,
                receiveNoContextTakeover: container.decodeIfPresent(Bool.self, forKey: .receiveNoContextTakeover) ?? false,
                maxMessageSize: container.decodeIfPresent(Int.self, forKey: .maxMessageSize))
        }
    }
}
