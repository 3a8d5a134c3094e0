/// Whether to measure with context takeover, without it, or both.
public enum TakeoverChoice: String, CaseIterable, Codable, Hashable, Sendable {
    /// Context carries over between messages (the default).
    case on
    /// Every message starts fresh (`*_no_context_takeover`).
    case off
    /// Both.
    case both

    /// The takeover values this choice expands to, takeover first.
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
    /// deflate window bits, 9...15.
    public var windowBits: [Int]
    /// deflate memory levels, 1...9.
    public var memoryLevels: [Int]
    /// deflate levels (-1...9) and bzip2 levels (1...9).
    public var levels: [Int]
    /// Context takeover for deflate and snappy; `nil` means on.
    public var takeover: TakeoverChoice?

    /// Creates a sweep.
    /// - Parameters:
    ///   - extensions: The extensions; empty for "as the parameters imply".
    ///   - windowBits: deflate window bits.
    ///   - memoryLevels: deflate memory levels.
    ///   - levels: deflate and bzip2 levels.
    ///   - takeover: Context takeover choice.
    public init(extensions: [CompressionExtension] = [], windowBits: [Int] = [], memoryLevels: [Int] = [], levels: [Int] = [], takeover: TakeoverChoice? = nil) {
        self.extensions = extensions
        self.windowBits = windowBits
        self.memoryLevels = memoryLevels
        self.levels = levels
        self.takeover = takeover
    }

    /// Whether nothing is set, so the sweep is the default matrix.
    public var isDefault: Bool {
        extensions.isEmpty && windowBits.isEmpty && memoryLevels.isEmpty && levels.isEmpty && takeover == nil
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
        if hasNoParameters {
            let wanted = Set(effectiveExtensions)
            return CodecSpec.defaultMatrix.filter { wanted.contains($0.extension) }
        }
        var specs = Set<CodecSpec>()
        let takeovers = (takeover ?? .on).values
        for ext in effectiveExtensions {
            switch ext {
            case .deflate:
                for bits in windowBits.orDefault(15) {
                    for memory in memoryLevels.orDefault(8) {
                        for level in levels.orDefault(-1) {
                            for takeover in takeovers {
                                specs.insert(.deflate(windowBits: bits, memoryLevel: memory, level: level, contextTakeover: takeover))
                            }
                        }
                    }
                }
            case .bzip2:
                for level in levels.orDefault(9) { specs.insert(.bzip2(level: level)) }
            case .snappy:
                for takeover in takeovers { specs.insert(.snappy(contextTakeover: takeover)) }
            }
        }
        let sorted = specs.sorted()
        for spec in sorted { try spec.validate() }
        return sorted
    }
}

extension Array where Element == Int {
    fileprivate func orDefault(_ value: Int) -> [Int] { isEmpty ? [value] : self }
}
