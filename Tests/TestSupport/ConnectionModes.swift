public import PerMessageCompression

/// One way both ends of a WebSocket connection set up compression, for the suites that run real
/// connections (Hummingbird, NIO, Vapor): the server's policy and the client's offer.
public struct ConnectionMode: Sendable, CustomStringConvertible {
    public let name: String
    public let policy: ServerExtensionPolicy
    public let offer: ClientExtensionOffer
    /// The extension the two agree on.
    public let compressionExtension: CompressionExtension

    public var description: String { name }

    /// Every extension, with and without context takeover where it has the choice, with a small
    /// window and a low level so that those paths run too.
    public static let all: [ConnectionMode] = [
        ConnectionMode(name: "deflate takeover", policy: .perMessageDeflate(), offer: .perMessageDeflate(), compressionExtension: .deflate),
        ConnectionMode(
            name: "deflate no takeover w9",
            policy: .perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: .minCompressible, noContextTakeover: true, windowBits: .minCompressible),
            offer: .perMessageDeflate(), compressionExtension: .deflate),
        ConnectionMode(
            name: "bzip2 l1", policy: .perMessageBzip2(requestMaxCompressLevel: .min, compressLevel: .min), offer: .perMessageBzip2(),
            compressionExtension: .bzip2),
        ConnectionMode(name: "snappy takeover", policy: .perMessageSnappy(), offer: .perMessageSnappy(), compressionExtension: .snappy),
        ConnectionMode(
            name: "snappy no takeover", policy: .perMessageSnappy(requestNoContextTakeover: true, noContextTakeover: true), offer: .perMessageSnappy(),
            compressionExtension: .snappy),
    ]
}

/// A parameter set for live interop with Autobahn|Python: this package's settings and the
/// Autobahn script's options that ask for the same thing.
public struct AutobahnInteropCase: Sendable, CustomStringConvertible {
    public let name: String
    /// `deflate`, `bzip2` or `snappy`, as the script takes it.
    public let extensionName: String
    public let policy: ServerExtensionPolicy
    public let offer: ClientExtensionOffer
    /// The script's options when it is the server.
    public let autobahnServer: [String]
    /// The script's options when it is the client.
    public let autobahnClient: [String]

    public var description: String { name }

    /// 1 MiB of text and random bytes, half and half: the largest message the interop suites send.
    public static let largeMessage: [UInt8] = {
        var generator = SystemRandomNumberGenerator()
        let text = Array(String(repeating: "Autobahn and Swift talk compressed. ", count: 16_000).utf8)
        let noise = (0..<(1 << 19)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Array((text + noise).prefix(1 << 20))
    }()

    /// Deflate with takeover at window `bits` (asked of both ends).
    public static func deflate(windowBits bits: Int) -> AutobahnInteropCase {
        let window = WindowBits(rawValue: bits)
        return AutobahnInteropCase(
            name: "deflate w\(bits) takeover", extensionName: "deflate",
            policy: .perMessageDeflate(requestMaxWindowBits: window), offer: .perMessageDeflate(.init(requestMaxWindowBits: window)),
            autobahnServer: ["--request-max-window-bits", "\(bits)"], autobahnClient: ["--request-max-window-bits", "\(bits)"])
    }

    /// Deflate without takeover at window 12, bzip2 at levels 9 and 1, snappy with and without takeover.
    public static let others: [AutobahnInteropCase] = [
        AutobahnInteropCase(
            name: "deflate w12 no takeover", extensionName: "deflate",
            policy: .perMessageDeflate(requestNoContextTakeover: true, requestMaxWindowBits: WindowBits(rawValue: 12), noContextTakeover: true),
            offer: .perMessageDeflate(.init(requestNoContextTakeover: true, requestMaxWindowBits: WindowBits(rawValue: 12))),
            autobahnServer: ["--request-no-context-takeover", "--no-context-takeover", "--request-max-window-bits", "12"],
            autobahnClient: ["--no-context-takeover", "--request-max-window-bits", "12"]),
        AutobahnInteropCase(
            name: "bzip2 l9", extensionName: "bzip2", policy: .perMessageBzip2(), offer: .perMessageBzip2(), autobahnServer: [], autobahnClient: []),
        AutobahnInteropCase(
            name: "bzip2 l1", extensionName: "bzip2",
            policy: .perMessageBzip2(requestMaxCompressLevel: .min, compressLevel: .min), offer: .perMessageBzip2(.init(requestMaxCompressLevel: .min)),
            autobahnServer: ["--request-max-compress-level", "1", "--compress-level", "1"], autobahnClient: ["--request-max-compress-level", "1"]),
        AutobahnInteropCase(
            name: "snappy takeover", extensionName: "snappy", policy: .perMessageSnappy(), offer: .perMessageSnappy(), autobahnServer: [], autobahnClient: []),
        AutobahnInteropCase(
            name: "snappy no takeover", extensionName: "snappy",
            policy: .perMessageSnappy(requestNoContextTakeover: true, noContextTakeover: true), offer: .perMessageSnappy(.init(requestNoContextTakeover: true)),
            autobahnServer: ["--request-no-context-takeover", "--no-context-takeover"], autobahnClient: ["--no-context-takeover"]),
    ]
}
