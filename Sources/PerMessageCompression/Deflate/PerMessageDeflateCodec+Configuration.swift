extension PerMessageDeflateCodec {
    /// The parameters of both directions, in the codec's terms (send and receive) rather than
    /// the wire's (server and client). The initializer is where they are checked.
    ///
    /// ```swift
    /// let configuration = try PerMessageDeflateCodec.Configuration(sendWindowBits: WindowBits(12), memoryLevel: .min)
    /// let codec = configuration.makeCodec()
    /// ```
    public struct Configuration: CodecConfiguration {
        /// The codec this configuration makes.
        public typealias Codec = PerMessageDeflateCodec
        /// ``CompressionExtension/deflate``.
        public static let compressionExtension = CompressionExtension.deflate

        /// The window the compressor uses: at most what the peer allowed, 9...15.
        public let sendWindowBits: WindowBits
        /// Whether the compressor starts every message with an empty window.
        public let sendNoContextTakeover: Bool
        /// zlib's `memLevel` for the compressor (local, not negotiated).
        public let memoryLevel: MemoryLevel
        /// zlib's compression level (local, not negotiated).
        public let compressionLevel: CompressionLevel
        /// The window the peer compresses with, 8...15.
        public let receiveWindowBits: WindowBits
        /// Whether the peer starts every message with an empty window.
        public let receiveNoContextTakeover: Bool
        /// The most bytes a received message may decompress to; `nil` for no limit.
        public let maxMessageSize: Int?
        /// Which library codes whole messages where no window is carried (local, not negotiated).
        public let backend: DeflateBackend
        /// How strictly the decompressor holds the peer to ``receiveWindowBits`` under 15 (local,
        /// not negotiated).
        public let receiveWindowCheck: ReceiveWindowCheck

        /// Creates a configuration; every default is zlib's and RFC 7692's.
        /// - Parameters:
        ///   - sendWindowBits: The compressor's window, 9...15.
        ///   - sendNoContextTakeover: Whether each sent message starts with an empty window.
        ///   - memoryLevel: zlib's `memLevel` for the compressor.
        ///   - compressionLevel: zlib's level for the compressor.
        ///   - receiveWindowBits: The peer's window.
        ///   - receiveNoContextTakeover: Whether each received message starts with an empty window.
        ///   - maxMessageSize: The most bytes a received message may decompress to, 0 or more.
        ///   - backend: Which library codes whole messages where no window is carried.
        ///   - receiveWindowCheck: How strictly a receive window under 15 bits is held to.
        /// - Throws: ``ConfigurationError`` for a send window of 8 (zlib refuses to compress with
        ///   it) or a negative `maxMessageSize`.
        public init(
            sendWindowBits: WindowBits = .max,
            sendNoContextTakeover: Bool = false,
            memoryLevel: MemoryLevel = .default,
            compressionLevel: CompressionLevel = .default,
            receiveWindowBits: WindowBits = .max,
            receiveNoContextTakeover: Bool = false,
            maxMessageSize: Int? = nil,
            backend: DeflateBackend = .zlib,
            receiveWindowCheck: ReceiveWindowCheck = .zlib
        ) throws(ConfigurationError) {
            guard sendWindowBits.isCompressible else {
                throw ConfigurationError(
                    .windowBits, value: sendWindowBits.rawValue, allowed: WindowBits.compressible, note: WindowBits.compressibleNote,
                    extension: Self.compressionExtension)
            }
            try ConfigurationError.check(maxMessageSize: maxMessageSize, of: Self.compressionExtension)
            self.sendWindowBits = sendWindowBits
            self.sendNoContextTakeover = sendNoContextTakeover
            self.memoryLevel = memoryLevel
            self.compressionLevel = compressionLevel
            self.receiveWindowBits = receiveWindowBits
            self.receiveNoContextTakeover = receiveNoContextTakeover
            self.maxMessageSize = maxMessageSize
            self.backend = backend
            self.receiveWindowCheck = receiveWindowCheck
        }

        /// Whether whole messages are compressed with libdeflate: its backend, no context
        /// takeover, and the full window (libdeflate always uses 32 KiB).
        public var compressesWithLibdeflate: Bool { backend == .libdeflate && sendNoContextTakeover && sendWindowBits == .max }

        /// Whether whole payloads are decompressed with libdeflate: its backend and no context takeover.
        public var decompressesWithLibdeflate: Bool { backend == .libdeflate && receiveNoContextTakeover }

        /// zlib's and RFC 7692's defaults: window 15, memory level 8, zlib's default level,
        /// context takeover both ways, no message size limit.
        // Cannot fail: every default is in range.
        public static let `default` = try! Configuration()

        /// Whether the compressor keeps its window across messages (context takeover).
        public var sendCarriesContext: Bool { !sendNoContextTakeover }

        /// Whether the peer keeps its window across messages, so the decompressor must too.
        public var receiveCarriesContext: Bool { !receiveNoContextTakeover }

        /// The configuration in the ``CompressionConfiguration`` enum.
        public var wrapped: CompressionConfiguration { .deflate(self) }

        /// The parameters in words.
        public var description: String {
            "deflate(send: w\(sendWindowBits) m\(memoryLevel) l\(compressionLevel)\(sendNoContextTakeover ? " no-takeover" : ""), "
                + "receive: w\(receiveWindowBits)\(receiveNoContextTakeover ? " no-takeover" : "")"
                + "\(maxMessageSize.map { " max \($0)" } ?? "")\(receiveWindowCheck == .zlib ? "" : " exact-window")"
                + "\(backend == .zlib ? "" : " \(backend)"))"
        }

        private enum CodingKeys: String, CodingKey {
            case sendWindowBits, sendNoContextTakeover, memoryLevel, compressionLevel
            case receiveWindowBits, receiveNoContextTakeover, maxMessageSize, backend, receiveWindowCheck
        }

        /// Encodes the configuration; `backend` and `receiveWindowCheck` only when they are not
        /// zlib, so that zlib configurations read as before.
        /// - Parameter encoder: The encoder.
        /// - Throws: What the encoder throws.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sendWindowBits, forKey: .sendWindowBits)
            try container.encode(sendNoContextTakeover, forKey: .sendNoContextTakeover)
            try container.encode(memoryLevel, forKey: .memoryLevel)
            try container.encode(compressionLevel, forKey: .compressionLevel)
            try container.encode(receiveWindowBits, forKey: .receiveWindowBits)
            try container.encode(receiveNoContextTakeover, forKey: .receiveNoContextTakeover)
            try container.encodeIfPresent(maxMessageSize, forKey: .maxMessageSize)
            if backend != .zlib { try container.encode(backend, forKey: .backend) }
            if receiveWindowCheck != .zlib { try container.encode(receiveWindowCheck, forKey: .receiveWindowCheck) }
        }

        /// Decodes a configuration, checking it as the initializer does; absent keys take the defaults.
        /// - Parameter decoder: The decoder.
        /// - Throws: `DecodingError` for a malformed value, ``ConfigurationError`` for one out of range.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Self.default
            try self.init(
                sendWindowBits: container.decodeIfPresent(WindowBits.self, forKey: .sendWindowBits) ?? defaults.sendWindowBits,
                sendNoContextTakeover: container.decodeIfPresent(Bool.self, forKey: .sendNoContextTakeover) ?? defaults.sendNoContextTakeover,
                memoryLevel: container.decodeIfPresent(MemoryLevel.self, forKey: .memoryLevel) ?? defaults.memoryLevel,
                compressionLevel: container.decodeIfPresent(CompressionLevel.self, forKey: .compressionLevel) ?? defaults.compressionLevel,
                receiveWindowBits: container.decodeIfPresent(WindowBits.self, forKey: .receiveWindowBits) ?? defaults.receiveWindowBits,
                receiveNoContextTakeover: container.decodeIfPresent(Bool.self, forKey: .receiveNoContextTakeover) ?? defaults.receiveNoContextTakeover,
                maxMessageSize: container.decodeIfPresent(Int.self, forKey: .maxMessageSize),
                backend: container.decodeIfPresent(DeflateBackend.self, forKey: .backend) ?? defaults.backend,
                receiveWindowCheck: container.decodeIfPresent(ReceiveWindowCheck.self, forKey: .receiveWindowCheck) ?? defaults.receiveWindowCheck)
        }
    }
}

extension PerMessageDeflateCodec.Configuration {
    /// The same settings with whole messages coded by `backend` (a local choice, never
    /// negotiated: the peer sees only RFC 7692 payloads either way).
    /// - Parameter backend: The library for whole messages where no window is carried.
    /// - Returns: The configuration.
    public func coding(with backend: DeflateBackend) -> Self {
        withLocalChoices(backend: backend, receiveWindowCheck: receiveWindowCheck)
    }

    /// The same settings with a receive window under 15 bits held to as `check` says (a local
    /// choice, never negotiated).
    /// - Parameter check: How strictly the peer is held to the window it agreed to.
    /// - Returns: The configuration.
    public func checking(receiveWindow check: ReceiveWindowCheck) -> Self {
        withLocalChoices(backend: backend, receiveWindowCheck: check)
    }

    /// The same negotiated settings with the given local choices.
    private func withLocalChoices(backend: DeflateBackend, receiveWindowCheck: ReceiveWindowCheck) -> Self {
        // Cannot fail: every setting comes from a configuration that was checked.
        try! Self(
            sendWindowBits: sendWindowBits, sendNoContextTakeover: sendNoContextTakeover, memoryLevel: memoryLevel,
            compressionLevel: compressionLevel, receiveWindowBits: receiveWindowBits, receiveNoContextTakeover: receiveNoContextTakeover,
            maxMessageSize: maxMessageSize, backend: backend, receiveWindowCheck: receiveWindowCheck)
    }
}

extension CompressionConfiguration {
    /// The same configuration with deflate's whole messages coded by `backend`; bzip2 and
    /// snappy configurations are returned as they are.
    /// - Parameter backend: The library for deflate's whole messages where no window is carried.
    /// - Returns: The configuration.
    public func coding(with backend: DeflateBackend) -> CompressionConfiguration {
        guard case .deflate(let configuration) = self else { return self }
        return .deflate(configuration.coding(with: backend))
    }

    /// The same configuration with deflate's receive window held to as `check` says; bzip2 and
    /// snappy configurations are returned as they are.
    /// - Parameter check: How strictly the peer is held to the window it agreed to.
    /// - Returns: The configuration.
    public func checking(receiveWindow check: ReceiveWindowCheck) -> CompressionConfiguration {
        guard case .deflate(let configuration) = self else { return self }
        return .deflate(configuration.checking(receiveWindow: check))
    }
}
