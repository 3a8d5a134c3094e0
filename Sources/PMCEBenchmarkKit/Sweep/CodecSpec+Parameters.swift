extension CodecSpec {
    /// A spec's settings as a report row records them (`"parameters"` in `pmce bench --json`):
    /// only the keys that apply to the extension are present. Reading one back goes through
    /// ``CodecSpec/init(extension:parameters:)``, which checks it.
    public struct Parameters: Hashable, Sendable, Codable {
        /// deflate: the LZ77 window, `*_max_window_bits`.
        public var windowBits: Int?
        /// deflate: zlib's `memLevel`.
        public var memoryLevel: Int?
        /// deflate: zlib's compression level (-1 for zlib's default); bzip2: the block size
        /// level `*_max_compress_level`.
        public var level: Int?
        /// deflate and snappy: whether context carries over between messages (no
        /// `*_no_context_takeover`).
        public var contextTakeover: Bool?
        /// The send policy's smallest compressed message (``SendPolicy/minimumMessageSize``);
        /// absent for 0.
        public var minCompressSize: Int?
        /// The send policy's ``SendPolicy/rawWhenLarger``; absent for off.
        public var rawWhenLarger: Bool?
        /// deflate: the library for whole messages without context takeover
        /// (``DeflateBackend``); absent for zlib.
        public var backend: String?
        /// deflate: how the receiver holds the peer to a window under 15 bits
        /// (``ReceiveWindowCheck``); absent for zlib's check.
        public var windowCheck: String?

        /// Creates a record.
        /// - Parameters:
        ///   - windowBits: deflate's window bits.
        ///   - memoryLevel: deflate's memory level.
        ///   - level: deflate's or bzip2's level.
        ///   - contextTakeover: deflate's or snappy's context takeover.
        ///   - minCompressSize: The send policy's smallest compressed message, when not 0.
        ///   - rawWhenLarger: The send policy's raw-when-larger, when on.
        ///   - backend: deflate's backend, when not zlib.
        ///   - windowCheck: deflate's receive window check, when not zlib's.
        public init(
            windowBits: Int? = nil, memoryLevel: Int? = nil, level: Int? = nil, contextTakeover: Bool? = nil,
            minCompressSize: Int? = nil, rawWhenLarger: Bool? = nil, backend: String? = nil, windowCheck: String? = nil
        ) {
            self.windowBits = windowBits
            self.memoryLevel = memoryLevel
            self.level = level
            self.contextTakeover = contextTakeover
            self.minCompressSize = minCompressSize
            self.rawWhenLarger = rawWhenLarger
            self.backend = backend
            self.windowCheck = windowCheck
        }
    }

    /// The settings as a report records them.
    public var parameters: Parameters {
        var parameters = switch configuration {
        case .deflate(let c):
            Parameters(
                windowBits: c.sendWindowBits.rawValue, memoryLevel: c.memoryLevel.rawValue, level: c.compressionLevel.rawValue,
                contextTakeover: !c.sendNoContextTakeover, backend: c.backend == .zlib ? nil : c.backend.rawValue,
                windowCheck: c.receiveWindowCheck == .zlib ? nil : c.receiveWindowCheck.rawValue)
        case .bzip2(let c):
            Parameters(level: c.sendLevel.rawValue)
        case .snappy(let c):
            Parameters(contextTakeover: !c.sendNoContextTakeover)
        }
        if sendPolicy.minimumMessageSize > 0 { parameters.minCompressSize = sendPolicy.minimumMessageSize }
        if sendPolicy.rawWhenLarger { parameters.rawWhenLarger = true }
        return parameters
    }

    /// The spec a report row records, checked as a spec made in code is.
    /// - Parameters:
    ///   - compressionExtension: The extension.
    ///   - parameters: Its settings; absent ones take the library's defaults.
    /// - Throws: ``BenchmarkError/configuration(_:)`` for a setting out of range,
    ///   ``BenchmarkError/parameterNotApplicable(extension:name:)`` for one the extension does not have.
    public init(extension compressionExtension: CompressionExtension, parameters p: Parameters) throws(BenchmarkError) {
        let notApplicable: [(name: String, isSet: Bool)] = switch compressionExtension {
        case .deflate: []
        case .bzip2:
            [("windowBits", p.windowBits != nil), ("memoryLevel", p.memoryLevel != nil), ("contextTakeover", p.contextTakeover != nil), ("backend", p.backend != nil),
             ("windowCheck", p.windowCheck != nil)]
        case .snappy:
            [("windowBits", p.windowBits != nil), ("memoryLevel", p.memoryLevel != nil), ("level", p.level != nil), ("backend", p.backend != nil),
             ("windowCheck", p.windowCheck != nil)]
        }
        if let name = notApplicable.first(where: \.isSet)?.name {
            throw .parameterNotApplicable(extension: compressionExtension, name: name)
        }
        let backend = try p.backend.map { (name) throws(BenchmarkError) in try Self.backend(named: name) } ?? .zlib
        let windowCheck = try p.windowCheck.map { (name) throws(BenchmarkError) in try Self.windowCheck(named: name) } ?? .zlib
        do throws(ConfigurationError) {
            let policy = try SendPolicy(minimumMessageSize: p.minCompressSize ?? 0, rawWhenLarger: p.rawWhenLarger ?? false)
            let spec: CodecSpec = switch compressionExtension {
            case .deflate:
                try .deflate(
                    windowBits: p.windowBits.map { (bits) throws(ConfigurationError) in try WindowBits(bits) } ?? .max,
                    memoryLevel: p.memoryLevel.map { (level) throws(ConfigurationError) in try MemoryLevel(level) } ?? .default,
                    level: p.level.map { (level) throws(ConfigurationError) in try CompressionLevel(level) } ?? .default,
                    contextTakeover: p.contextTakeover ?? true
                ).coding(with: backend).checking(receiveWindow: windowCheck)
            case .bzip2:
                .bzip2(level: try p.level.map { (level) throws(ConfigurationError) in try Bzip2Level(level) } ?? .max)
            case .snappy:
                .snappy(contextTakeover: p.contextTakeover ?? true)
            }
            self = spec.sending(with: policy)
        } catch {
            throw .configuration(error)
        }
    }

    /// The backend a report names.
    private static func backend(named name: String) throws(BenchmarkError) -> DeflateBackend {
        guard let backend = DeflateBackend(rawValue: name) else {
            throw .invalidValue(name: "backend", value: name, reason: "expected one of \(DeflateBackend.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return backend
    }

    /// The receive window check a report names.
    private static func windowCheck(named name: String) throws(BenchmarkError) -> ReceiveWindowCheck {
        guard let check = ReceiveWindowCheck(rawValue: name) else {
            throw .invalidValue(name: "windowCheck", value: name, reason: "expected one of \(ReceiveWindowCheck.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return check
    }
}
