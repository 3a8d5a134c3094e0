/// One extension with one set of parameters: a cell of the benchmark matrix.
///
/// A spec makes the codecs of both ends of a simulated connection. Both are configured
/// symmetrically, so the sender's send parameters equal the receiver's receive parameters (and
/// the other way round), as after a negotiation in which both peers asked for the same thing.
///
/// ```swift
/// let spec = CodecSpec.deflate(windowBits: 12, memoryLevel: 5)
/// print(spec.label)                       // deflate w12 m5 takeover
/// let (sender, receiver) = try spec.makeCodecPair()
/// ```
public struct CodecSpec: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The extension.
    public var `extension`: CompressionExtension
    /// Its parameters; those that do not apply to the extension are `nil`.
    public var parameters: Parameters

    /// The parameters of a spec. Encoded as a JSON object holding only the keys that apply.
    public struct Parameters: Hashable, Sendable, Codable {
        /// deflate: the LZ77 window, `*_max_window_bits`, 9...15.
        public var windowBits: Int?
        /// deflate: zlib's `memLevel`, 1...9.
        public var memoryLevel: Int?
        /// deflate: zlib's compression level, -1 (zlib's default, 6) ...9; bzip2: the block
        /// size level `*_max_compress_level`, 1...9.
        public var level: Int?
        /// deflate and snappy: whether context carries over between messages (no
        /// `*_no_context_takeover`).
        public var contextTakeover: Bool?

        /// Creates parameters.
        /// - Parameters:
        ///   - windowBits: deflate's window bits.
        ///   - memoryLevel: deflate's memory level.
        ///   - level: deflate's or bzip2's level.
        ///   - contextTakeover: deflate's or snappy's context takeover.
        public init(windowBits: Int? = nil, memoryLevel: Int? = nil, level: Int? = nil, contextTakeover: Bool? = nil) {
            self.windowBits = windowBits
            self.memoryLevel = memoryLevel
            self.level = level
            self.contextTakeover = contextTakeover
        }
    }

    /// Creates a spec from an extension and its parameters, unchecked; ``validate()`` checks them.
    /// - Parameters:
    ///   - extension: The extension.
    ///   - parameters: Its parameters.
    public init(extension: CompressionExtension, parameters: Parameters) {
        self.extension = `extension`
        self.parameters = parameters
    }

    /// A permessage-deflate spec.
    /// - Parameters:
    ///   - windowBits: The window, 9...15.
    ///   - memoryLevel: zlib's `memLevel`, 1...9.
    ///   - level: zlib's level, -1 (default) ...9.
    ///   - contextTakeover: Whether the window carries over between messages.
    /// - Returns: The spec.
    public static func deflate(windowBits: Int = 15, memoryLevel: Int = 8, level: Int = -1, contextTakeover: Bool = true) -> CodecSpec {
        CodecSpec(extension: .deflate, parameters: Parameters(windowBits: windowBits, memoryLevel: memoryLevel, level: level, contextTakeover: contextTakeover))
    }

    /// A permessage-bzip2 spec.
    /// - Parameter level: The block-size level, 1...9.
    /// - Returns: The spec.
    public static func bzip2(level: Int = 9) -> CodecSpec {
        CodecSpec(extension: .bzip2, parameters: Parameters(level: level))
    }

    /// A permessage-snappy spec.
    /// - Parameter contextTakeover: Whether the stream identifier is sent once per connection
    ///   rather than once per message.
    /// - Returns: The spec.
    public static func snappy(contextTakeover: Bool = true) -> CodecSpec {
        CodecSpec(extension: .snappy, parameters: Parameters(contextTakeover: contextTakeover))
    }

    /// The default matrix of `pmce bench`: deflate w15/m8 with and without takeover, w12/m5,
    /// w9/m1; bzip2 levels 1 and 9; snappy with and without takeover.
    public static let defaultMatrix: [CodecSpec] = [
        .deflate(windowBits: 15, memoryLevel: 8, contextTakeover: true),
        .deflate(windowBits: 15, memoryLevel: 8, contextTakeover: false),
        .deflate(windowBits: 12, memoryLevel: 5),
        .deflate(windowBits: 9, memoryLevel: 1),
        .bzip2(level: 1),
        .bzip2(level: 9),
        .snappy(contextTakeover: true),
        .snappy(contextTakeover: false),
    ].sorted()

    /// A short stable label, such as `deflate w15 m8 takeover`, `bzip2 l9`, `snappy no-takeover`.
    /// The deflate level is shown only when it is not zlib's default.
    public var label: String {
        var words = [`extension`.rawValue]
        if let windowBits = parameters.windowBits { words.append("w\(windowBits)") }
        if let memoryLevel = parameters.memoryLevel { words.append("m\(memoryLevel)") }
        if let level = parameters.level, !(`extension` == .deflate && level < 0) { words.append("l\(level)") }
        if let takeover = parameters.contextTakeover { words.append(takeover ? "takeover" : "no-takeover") }
        return words.joined(separator: " ")
    }

    /// The label.
    public var description: String { label }

    /// Orders by extension, then bigger window, bigger memory level, level, takeover first.
    public static func < (lhs: CodecSpec, rhs: CodecSpec) -> Bool {
        if lhs.extension != rhs.extension { return lhs.extension < rhs.extension }
        let l = lhs.parameters, r = rhs.parameters
        if l.windowBits != r.windowBits { return (l.windowBits ?? 0) > (r.windowBits ?? 0) }
        if l.memoryLevel != r.memoryLevel { return (l.memoryLevel ?? 0) > (r.memoryLevel ?? 0) }
        if l.level != r.level { return (l.level ?? -2) < (r.level ?? -2) }
        return (l.contextTakeover ?? false) && !(r.contextTakeover ?? false)
    }

    private enum CodingKeys: String, CodingKey {
        case `extension`, parameters
    }
}
