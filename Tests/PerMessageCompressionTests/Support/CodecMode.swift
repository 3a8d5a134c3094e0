import PerMessageCompression
import Testing

/// One way of coding messages: an extension and the parameters of the direction being coded.
///
/// A mode builds Swift codecs whose send and receive sides both use these parameters (so a
/// sender and a receiver made from one mode talk to each other), and describes the same
/// parameters to the Autobahn script.
struct CodecMode: Hashable, Sendable, CustomTestStringConvertible {
    typealias Extension = CompressionExtension

    var `extension`: Extension
    /// deflate: window bits of the compressor, 9...15.
    var windowBits = 15
    /// deflate: zlib's memLevel, 1...9.
    var memoryLevel = 8
    /// bzip2: block size level, 1...9.
    var level = 9
    /// deflate and snappy: whether each message starts afresh.
    var noContextTakeover = false
    /// deflate: the library for whole messages without context takeover.
    var backend = DeflateBackend.zlib

    static func deflate(windowBits: Int = 15, memoryLevel: Int = 8, noContextTakeover: Bool = false, backend: DeflateBackend = .zlib) -> CodecMode {
        CodecMode(extension: .deflate, windowBits: windowBits, memoryLevel: memoryLevel, noContextTakeover: noContextTakeover, backend: backend)
    }

    static func bzip2(level: Int) -> CodecMode {
        CodecMode(extension: .bzip2, level: level)
    }

    static func snappy(noContextTakeover: Bool) -> CodecMode {
        CodecMode(extension: .snappy, noContextTakeover: noContextTakeover)
    }

    /// Whether Swift's compressed bytes must equal Autobahn's: deflate and bzip2 use the same C
    /// libraries; python-snappy 0.7 uses cramjam's encoder, whose bytes differ.
    /// libdeflate's bytes differ from zlib's too.
    var bytesMatchAutobahn: Bool { self.extension != .snappy && backend == .zlib }

    /// Whether a message's payload is the same however it was split: not with libdeflate,
    /// which codes only messages given whole (pieces go to zlib).
    var payloadIndependentOfSplit: Bool { backend == .zlib }

    /// A codec that sends and receives with this mode's parameters.
    /// - Parameter maxMessageSize: The receive-side limit.
    func makeCodec(maxMessageSize: Int? = nil) throws -> any PerMessageCodec {
        switch self.extension {
        case .deflate:
            let windowBits = try #require(WindowBits(rawValue: windowBits))
            return try PerMessageDeflateCodec(
                .init(
                    sendWindowBits: windowBits, sendNoContextTakeover: noContextTakeover,
                    memoryLevel: try #require(MemoryLevel(rawValue: memoryLevel)),
                    receiveWindowBits: windowBits, receiveNoContextTakeover: noContextTakeover,
                    maxMessageSize: maxMessageSize, backend: backend))
        case .bzip2:
            return try PerMessageBzip2Codec(.init(sendLevel: try #require(Bzip2Level(rawValue: level)), maxMessageSize: maxMessageSize))
        case .snappy:
            return try PerMessageSnappyCodec(
                .init(sendNoContextTakeover: noContextTakeover, receiveNoContextTakeover: noContextTakeover, maxMessageSize: maxMessageSize))
        }
    }

    /// The parameters as the Autobahn script reads them.
    var autobahnParameters: AutobahnJob.Parameters {
        switch self.extension {
        case .deflate: AutobahnJob.Parameters(windowBits: windowBits, memoryLevel: memoryLevel, noContextTakeover: noContextTakeover)
        case .bzip2: AutobahnJob.Parameters(level: level)
        case .snappy: AutobahnJob.Parameters(noContextTakeover: noContextTakeover)
        }
    }

    var testDescription: String {
        switch self.extension {
        case .deflate: "deflate w\(windowBits) m\(memoryLevel)\(noContextTakeover ? " no-takeover" : " takeover")\(backend == .zlib ? "" : " \(backend)")"
        case .bzip2: "bzip2 level \(level)"
        case .snappy: "snappy\(noContextTakeover ? " no-takeover" : " takeover")"
        }
    }

    /// The parameter sets the Autobahn interop tests run (issue 3 asks for at least these 8).
    static let interopSets: [CodecMode] = [
        .deflate(windowBits: 15, memoryLevel: 8),
        .deflate(windowBits: 15, noContextTakeover: true),
        .deflate(windowBits: 9, memoryLevel: 1),
        .deflate(windowBits: 12, memoryLevel: 5, noContextTakeover: true),
        .deflate(windowBits: 9, memoryLevel: 9, noContextTakeover: true),
        .deflate(windowBits: 15, noContextTakeover: true, backend: .libdeflate),
        .bzip2(level: 1),
        .bzip2(level: 9),
        .snappy(noContextTakeover: false),
        .snappy(noContextTakeover: true),
    ]

    /// Every extension with takeover on and off and a spread of windows, memory and levels.
    static let allModes: [CodecMode] = [
        .deflate(windowBits: 15, memoryLevel: 8),
        .deflate(windowBits: 15, memoryLevel: 8, noContextTakeover: true),
        .deflate(windowBits: 9, memoryLevel: 1),
        .deflate(windowBits: 9, memoryLevel: 1, noContextTakeover: true),
        .deflate(windowBits: 12, memoryLevel: 5),
        .deflate(windowBits: 12, memoryLevel: 5, noContextTakeover: true),
        .bzip2(level: 1),
        .bzip2(level: 5),
        .bzip2(level: 9),
        .snappy(noContextTakeover: false),
        .snappy(noContextTakeover: true),
    ]
}
