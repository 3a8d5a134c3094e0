/// One extension with one set of settings: a cell of the benchmark matrix.
///
/// A spec is a ``CompressionConfiguration`` whose send and receive settings are the same, as
/// after a negotiation in which both peers asked for the same thing; it makes the codecs of
/// both ends of a simulated connection. The settings were checked when the spec was made.
///
/// ```swift
/// let spec = try CodecSpec.deflate(windowBits: WindowBits(12), memoryLevel: MemoryLevel(5))
/// print(spec.label)                       // deflate w12 m5 takeover
/// let (sender, receiver) = spec.makeCodecPair()
/// ```
public struct CodecSpec: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The configuration of each end.
    public let configuration: CompressionConfiguration
    /// Which messages the sender compresses; ``SendPolicy/always`` unless a sweep says otherwise.
    public let sendPolicy: SendPolicy

    /// A spec from a configuration whose send and receive settings mirror each other.
    /// - Parameters:
    ///   - configuration: The configuration of each end.
    ///   - sendPolicy: Which messages the sender compresses.
    public init(_ configuration: CompressionConfiguration, sendPolicy: SendPolicy = .always) {
        self.configuration = configuration
        // Raw-when-larger does nothing where context is carried: one spec, not two alike.
        self.sendPolicy = configuration.sendCarriesContext && sendPolicy.rawWhenLarger
            ? (try? SendPolicy(minimumMessageSize: sendPolicy.minimumMessageSize, rawWhenLarger: false)) ?? sendPolicy : sendPolicy
    }

    /// This spec's settings with another send policy.
    /// - Parameter policy: The send policy.
    /// - Returns: The spec.
    public func sending(with policy: SendPolicy) -> CodecSpec {
        CodecSpec(configuration, sendPolicy: policy)
    }

    /// The same spec with deflate's whole messages coded by `backend`; other extensions, and
    /// deflate specs where no direction goes without context (where the backend never acts),
    /// are returned as they are.
    /// - Parameter backend: The library for whole messages without context takeover.
    /// - Returns: The spec.
    public func coding(with backend: DeflateBackend) -> CodecSpec {
        guard case .deflate(let c) = configuration, c.sendNoContextTakeover || c.receiveNoContextTakeover else { return self }
        return CodecSpec(configuration.coding(with: backend), sendPolicy: sendPolicy)
    }

    /// The same spec with deflate's receiver checking as `check` says; other extensions, and
    /// deflate specs where both checks are the same (a window of 15 decoded by zlib), are
    /// returned as they are.
    /// - Parameter check: How strictly the peer is held to the window it agreed to.
    /// - Returns: The spec.
    public func checking(receiveWindow check: ReceiveWindowCheck) -> CodecSpec {
        guard case .deflate(let c) = configuration, c.receiveWindowBits.rawValue < WindowBits.max.rawValue || c.decompressesWithLibdeflate else {
            return self
        }
        return CodecSpec(configuration.checking(receiveWindow: check), sendPolicy: sendPolicy)
    }

    /// deflate's local choices, which no handshake carries and an integration passes beside the
    /// negotiator; zlib's for other extensions.
    public var localDeflateChoices: (backend: DeflateBackend, receiveWindowCheck: ReceiveWindowCheck) {
        guard case .deflate(let c) = configuration else { return (.zlib, .zlib) }
        return (c.backend, c.receiveWindowCheck)
    }

    /// The extension.
    public var compressionExtension: CompressionExtension { configuration.compressionExtension }

    /// A permessage-deflate spec; every default is zlib's.
    /// - Parameters:
    ///   - windowBits: The window, 9...15.
    ///   - memoryLevel: zlib's `memLevel`.
    ///   - level: zlib's level.
    ///   - contextTakeover: Whether the window carries over between messages.
    /// - Returns: The spec.
    /// - Throws: ``ConfigurationError`` for a window of 8, which zlib cannot compress with.
    public static func deflate(
        windowBits: WindowBits = .max, memoryLevel: MemoryLevel = .default, level: CompressionLevel = .default, contextTakeover: Bool = true
    ) throws(ConfigurationError) -> CodecSpec {
        CodecSpec(.deflate(try .init(
            sendWindowBits: windowBits, sendNoContextTakeover: !contextTakeover, memoryLevel: memoryLevel, compressionLevel: level,
            receiveWindowBits: windowBits, receiveNoContextTakeover: !contextTakeover)))
    }

    /// A permessage-bzip2 spec.
    /// - Parameter level: The block-size level.
    /// - Returns: The spec.
    public static func bzip2(level: Bzip2Level = .max) -> CodecSpec {
        // Cannot fail: only a negative maxMessageSize is refused, and there is none.
        CodecSpec(.bzip2(try! .init(sendLevel: level)))
    }

    /// A permessage-snappy spec.
    /// - Parameter contextTakeover: Whether the stream identifier is sent once per connection
    ///   rather than once per message.
    /// - Returns: The spec.
    public static func snappy(contextTakeover: Bool = true) -> CodecSpec {
        // Cannot fail: only a negative maxMessageSize is refused, and there is none.
        CodecSpec(.snappy(try! .init(sendNoContextTakeover: !contextTakeover, receiveNoContextTakeover: !contextTakeover)))
    }

    /// The default matrix of `pmce bench`: deflate w15/m8 with and without takeover, w12/m5,
    /// w9/m1; bzip2 levels 1 and 9; snappy with and without takeover.
    public static let defaultMatrix: [CodecSpec] = {
        // Cannot fail: every window here is 9 or more.
        let deflate = try! [
            CodecSpec.deflate(contextTakeover: true),
            CodecSpec.deflate(contextTakeover: false),
            CodecSpec.deflate(windowBits: WindowBits(12), memoryLevel: MemoryLevel(5)),
            CodecSpec.deflate(windowBits: .minCompressible, memoryLevel: .min),
        ]
        return (deflate + [.bzip2(level: .min), .bzip2(level: .max), .snappy(contextTakeover: true), .snappy(contextTakeover: false)]).sorted()
    }()

    /// Makes one connection endpoint's codec.
    /// - Returns: The codec.
    public func makeCodec() -> any PerMessageCodec { configuration.makeCodec() }

    /// Makes the two ends of a simulated connection: the sender compresses, the receiver
    /// decompresses, with mirrored configurations.
    /// - Returns: The sender and the receiver.
    public func makeCodecPair() -> (sender: any PerMessageCodec, receiver: any PerMessageCodec) {
        (makeCodec(), makeCodec())
    }

    /// A short stable label, such as `deflate w15 m8 takeover`, `bzip2 l9`, `snappy no-takeover`,
    /// `snappy no-takeover min256 raw-if-larger`. The deflate level is shown only when it is not
    /// zlib's default, the send policy only when it is not ``SendPolicy/always``.
    public var label: String {
        let p = parameters
        var words = [compressionExtension.rawValue]
        if let windowBits = p.windowBits { words.append("w\(windowBits)") }
        if let memoryLevel = p.memoryLevel { words.append("m\(memoryLevel)") }
        if let level = p.level, !(compressionExtension == .deflate && level == CompressionLevel.default.rawValue) { words.append("l\(level)") }
        if let takeover = p.contextTakeover { words.append(takeover ? "takeover" : "no-takeover") }
        if let backend = p.backend { words.append(backend) }
        if let windowCheck = p.windowCheck { words.append("\(windowCheck)-window") }
        if sendPolicy.minimumMessageSize > 0 { words.append("min\(sendPolicy.minimumMessageSize)") }
        if sendPolicy.rawWhenLarger { words.append("raw-if-larger") }
        return words.joined(separator: " ")
    }

    /// The label.
    public var description: String { label }

    /// Orders by extension, then bigger window, bigger memory level, level, takeover first.
    /// - Parameters:
    ///   - lhs: A spec.
    ///   - rhs: Another spec.
    /// - Returns: Whether `lhs` is listed first.
    public static func < (lhs: CodecSpec, rhs: CodecSpec) -> Bool {
        if lhs.compressionExtension != rhs.compressionExtension { return lhs.compressionExtension < rhs.compressionExtension }
        let l = lhs.parameters, r = rhs.parameters
        if l.windowBits != r.windowBits { return (l.windowBits ?? 0) > (r.windowBits ?? 0) }
        if l.memoryLevel != r.memoryLevel { return (l.memoryLevel ?? 0) > (r.memoryLevel ?? 0) }
        if l.level != r.level { return (l.level ?? -2) < (r.level ?? -2) }
        if l.contextTakeover != r.contextTakeover { return (l.contextTakeover ?? false) && !(r.contextTakeover ?? false) }
        if l.backend != r.backend { return (l.backend ?? "") < (r.backend ?? "") }
        if l.windowCheck != r.windowCheck { return (l.windowCheck ?? "") < (r.windowCheck ?? "") }
        if l.minCompressSize != r.minCompressSize { return (l.minCompressSize ?? 0) < (r.minCompressSize ?? 0) }
        return !(l.rawWhenLarger ?? false) && (r.rawWhenLarger ?? false)
    }
}
