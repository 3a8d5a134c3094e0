/// A WebSocket per-message compression extension the benchmark can run.
public enum CompressionExtension: String, CaseIterable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// permessage-deflate (RFC 7692), on zlib.
    case deflate
    /// permessage-bzip2 (as Autobahn|Python ships it), on libbz2.
    case bzip2
    /// permessage-snappy (as Autobahn|Python ships it), snappy framing on libsnappy.
    case snappy

    /// The registered extension name, such as `permessage-deflate`.
    public var extensionName: String { "permessage-\(rawValue)" }

    /// The short name, such as `deflate`.
    public var description: String { rawValue }

    /// Orders deflate, bzip2, snappy: the order the reports list them in.
    public static func < (lhs: CompressionExtension, rhs: CompressionExtension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
