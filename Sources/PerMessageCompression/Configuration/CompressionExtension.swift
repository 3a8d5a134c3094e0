/// The per-message compression extensions this package implements: the one list every layer
/// (codecs, negotiation, the command line, the benchmark, the WebSocket integrations) uses.
///
/// ```swift
/// CompressionExtension.deflate.extensionName                         // "permessage-deflate"
/// CompressionExtension(extensionName: "permessage-snappy")           // .snappy
/// ```
public enum CompressionExtension: String, CaseIterable, Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// permessage-deflate (RFC 7692), on zlib.
    case deflate
    /// permessage-bzip2 (as Autobahn|Python ships it), on libbz2.
    case bzip2
    /// permessage-snappy (as Autobahn|Python ships it), snappy framing on libsnappy.
    case snappy

    /// The registered extension name, such as `permessage-deflate`.
    public var extensionName: String { "permessage-\(rawValue)" }

    /// The extension with a registered name, or `nil` for another extension.
    /// - Parameter extensionName: A name such as `permessage-deflate` (lower case, as parsed).
    public init?(extensionName: String) {
        guard let found = Self.allCases.first(where: { $0.extensionName == extensionName }) else { return nil }
        self = found
    }

    /// The short name, such as `deflate`.
    public var description: String { rawValue }

    /// Orders deflate, bzip2, snappy: the order the reports list them in.
    /// - Parameters:
    ///   - lhs: An extension.
    ///   - rhs: Another extension.
    /// - Returns: Whether `lhs` is listed before `rhs`.
    public static func < (lhs: CompressionExtension, rhs: CompressionExtension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
