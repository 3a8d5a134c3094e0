/// Whether to measure with a setting on, off, or both (context takeover, raw when larger).
public enum OnOffChoice: String, CaseIterable, Codable, Hashable, Sendable {
    /// On.
    case on
    /// Off.
    case off
    /// Both.
    case both

    /// The values this choice expands to, on first.
    public var values: [Bool] {
        switch self {
        case .on: [true]
        case .off: [false]
        case .both: [true, false]
        }
    }
}

/// A parameter sweep: lists of values that expand into every combination, per extension.
///
/// Parameters left empty take the extension's default (deflate: window bits 15, memory level 8,
/// zlib's default level, takeover on; bzip2: level 9; snappy: takeover on). When no extension is
/// named, the parameters imply them (``effectiveExtensions``): window bits or a memory level mean
/// deflate only; otherwise a level means deflate and bzip2, takeover deflate and snappy.
/// A sweep with nothing set is the default matrix (``CodecSpec/defaultMatrix``); one with only
/// extensions set is the default matrix's rows for those extensions.
///
/// ```swift
/// let sweep = Sweep(windowBits: [9, 12, 15], takeover: .both)
/// let specs = try sweep.expand()   // 6 deflate specs, sorted
/// ```
public struct Sweep: Hashable, Sendable {
    /// The extensions; empty means "as the parameters imply".
    public var extensions: [CompressionExtension]
    /// deflate window bits (a compressor takes 9 or more).
    public var windowBits: [WindowBits]
    /// deflate memory levels.
    public var memoryLevels: [MemoryLevel]
    /// Levels for deflate (``CompressionLevel``) and bzip2 (``Bzip2Level``), each checked by
    /// the extension it is used for.
    public var levels: [Int]
    /// Context takeover for deflate and snappy; `nil` means on.
    public var takeover: OnOffChoice?
    /// Send policies' smallest compressed message sizes; empty means every message is
    /// compressed (``SendPolicy/always``).
    public var minimumMessageSizes: [Int]
    /// Whether a message that compression would grow goes out raw (where no context is carried);
    /// `nil` means off.
    public var rawWhenLarger: OnOffChoice?
    /// The libraries for deflate's whole messages without context takeover
    /// (``DeflateBackend``); empty means zlib. Specs where the backend never acts (context
    /// takeover both ways, other extensions) are measured once.
    public var deflateBackends: [DeflateBackend] = []
    /// How deflate's receiver checks what it decodes (``ReceiveWindowCheck``); empty means zlib's
    /// check. Specs where both are the same (a window of 15 decoded by zlib, other extensions)
    /// are measured once.
    public var windowChecks: [ReceiveWindowCheck] = []

    /// Creates a sweep.
    /// - Parameters:
    ///   - extensions: The extensions; empty for "as the parameters imply".
    ///   - windowBits: deflate window bits.
    ///   - memoryLevels: deflate memory levels.
    ///   - levels: deflate and bzip2 levels.
    ///   - takeover: Context takeover choice.
    ///   - minimumMessageSizes: Send policies' smallest compressed message sizes.
    ///   - rawWhenLarger: Send policies' raw-when-larger choice.
    ///   - deflateBackends: deflate's libraries for whole messages without context takeover.
    ///   - windowChecks: deflate's receive window checks.
    public init(
        extensions: [CompressionExtension] = [], windowBits: [WindowBits] = [], memoryLevels: [MemoryLevel] = [], levels: [Int] = [],
        takeover: OnOffChoice? = nil, minimumMessageSizes: [Int] = [], rawWhenLarger: OnOffChoice? = nil, deflateBackends: [DeflateBackend] = [],
        windowChecks: [ReceiveWindowCheck] = []
    ) {
        self.extensions = extensions
        self.windowBits = windowBits
        self.memoryLevels = memoryLevels
        self.levels = levels
        self.takeover = takeover
        self.minimumMessageSizes = minimumMessageSizes
        self.rawWhenLarger = rawWhenLarger
        self.deflateBackends = deflateBackends
        self.windowChecks = windowChecks
    }

    /// Whether nothing is set, so the sweep is the default matrix.
    public var isDefault: Bool {
        extensions.isEmpty && hasNoParameters && hasNoSendPolicies && deflateBackends.isEmpty && windowChecks.isEmpty
    }

    /// Whether no send policy list is set, so every message is compressed.
    public var hasNoSendPolicies: Bool { minimumMessageSizes.isEmpty && rawWhenLarger == nil }

    /// The send policies the sweep crosses every spec with.
    /// - Throws: ``BenchmarkError/configuration(_:)`` for a negative size.
    public func sendPolicies() throws(BenchmarkError) -> [SendPolicy] {
        var policies: [SendPolicy] = []
        do throws(ConfigurationError) {
            for size in minimumMessageSizes.orDefault(0) {
                for raw in (rawWhenLarger ?? .off).values { policies.append(try SendPolicy(minimumMessageSize: size, rawWhenLarger: raw)) }
            }
        } catch {
            throw .configuration(error)
        }
        return policies
    }

    /// The extensions the sweep covers: those named, or those the parameters imply. Window bits
    /// or a memory level pin the sweep to deflate; otherwise a level adds bzip2 and takeover
    /// adds snappy to deflate; nothing set means every extension.
    public var effectiveExtensions: [CompressionExtension] {
        if !extensions.isEmpty { return Array(Set(extensions)).sorted() }
        if !windowBits.isEmpty || !memoryLevels.isEmpty { return [.deflate] }
        var implied = Set<CompressionExtension>()
        if !levels.isEmpty { implied.formUnion([.deflate, .bzip2]) }
        if takeover != nil { implied.formUnion([.deflate, .snappy]) }
        return implied.isEmpty ? CompressionExtension.allCases : implied.sorted()
    }

    /// Whether no parameter list is set (extensions may be).
    public var hasNoParameters: Bool {
        windowBits.isEmpty && memoryLevels.isEmpty && levels.isEmpty && takeover == nil
    }

    /// Expands into specs: every combination, deduplicated, sorted (``CodecSpec/<(_:_:)``).
    /// - Returns: The specs; the default matrix when nothing is set, and its rows for the named
    ///   extensions when only extensions are set.
    /// - Throws: ``BenchmarkError`` naming a value an extension does not accept.
    public func expand() throws(BenchmarkError) -> [CodecSpec] {
        let policies = try sendPolicies()
        let backends = deflateBackends.orDefault(.zlib)
        let checks = windowChecks.orDefault(.zlib)
        let settings = try expandSettings().flatMap { spec in backends.flatMap { backend in checks.map { spec.coding(with: backend).checking(receiveWindow: $0) } } }
        return Set(settings.flatMap { spec in policies.map { spec.sending(with: $0) } }).sorted()
    }

    /// The specs of the extension settings alone, every message compressed.
    private func expandSettings() throws(BenchmarkError) -> [CodecSpec] {
        if hasNoParameters {
            let wanted = Set(effectiveExtensions)
            return CodecSpec.defaultMatrix.filter { wanted.contains($0.compressionExtension) }
        }
        var specs = Set<CodecSpec>()
        let takeovers = (takeover ?? .on).values
        do throws(ConfigurationError) {
            for ext in effectiveExtensions {
                switch ext {
                case .deflate:
                    for bits in windowBits.orDefault(.max) {
                        for memory in memoryLevels.orDefault(.default) {
                            for level in try levels.settings(orDefault: CompressionLevel.default) {
                                for takeover in takeovers {
                                    specs.insert(try .deflate(windowBits: bits, memoryLevel: memory, level: level, contextTakeover: takeover))
                                }
                            }
                        }
                    }
                case .bzip2:
                    for level in try levels.settings(orDefault: Bzip2Level.max) { specs.insert(.bzip2(level: level)) }
                case .snappy:
                    for takeover in takeovers { specs.insert(.snappy(contextTakeover: takeover)) }
                }
            }
        } catch {
            throw .configuration(error)
        }
        return specs.sorted()
    }
}

extension Array {
    /// The values, or the default alone when there are none.
    fileprivate func orDefault(_ value: Element) -> [Element] { isEmpty ? [value] : self }
}

extension Array where Element == Int {
    /// The values as settings of one type, or its default alone when there are none.
    fileprivate func settings<Setting: BoundedSetting>(orDefault value: Setting) throws(ConfigurationError) -> [Setting] {
        var settings: [Setting] = []
        for raw in self { settings.append(try Setting(raw)) }
        return settings.orDefault(value)
    }
}
