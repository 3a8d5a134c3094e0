import PMCEBenchmarkKit
import PerMessageCompression
import PerMessageCompressionWebSocket
import WSCompression
import WSCore

/// What one wire benchmark row runs on both ends: no compression, one of this package's specs,
/// or swift-websocket's own permessage-deflate set up alike.
enum WireServer: Hashable, Sendable, CustomStringConvertible {
    /// No extension: the transport's own cost.
    case none
    /// This package's extension with these settings (`pmce serve --implementation pmce`).
    case pmce(CodecSpec)
    /// The same settings through this package's SwiftNIO handler in a plain NIO pipeline
    /// (`pmce serve --implementation nio`).
    case nio(CodecSpec)
    /// swift-websocket's WSCompression with a deflate spec's settings.
    case swiftWebSocket(CodecSpec)

    /// The rows a list of specs expands to: no compression first, then each spec, followed by
    /// the same spec through the NIO handler when `compareNIO`, and each zlib deflate spec by
    /// swift-websocket's deflate set up alike when `compareSwiftWebSocket`.
    static func rows(for specs: [CodecSpec], compareSwiftWebSocket: Bool, compareNIO: Bool) -> [WireServer] {
        [.none] + specs.flatMap { spec in
            var rows: [WireServer] = [.pmce(spec)]
            if compareNIO { rows.append(.nio(spec)) }
            if compareSwiftWebSocket && spec == spec.coding(with: .zlib) && spec.compressionExtension == .deflate { rows.append(.swiftWebSocket(spec)) }
            return rows
        }
    }

    /// `none`, `pmce` or `swift-websocket`, as `pmce serve --implementation` spells it.
    var implementation: String {
        switch self {
        case .none: "none"
        case .pmce: "pmce"
        case .nio: "nio"
        case .swiftWebSocket: "swift-websocket"
        }
    }

    /// The settings, if any.
    var spec: CodecSpec? {
        switch self {
        case .none: nil
        case .pmce(let spec), .nio(let spec), .swiftWebSocket(let spec): spec
        }
    }

    var description: String {
        switch self {
        case .none: "none"
        case .pmce(let spec): spec.label
        case .nio(let spec): "nio \(spec.label)"
        case .swiftWebSocket(let spec): "swift-websocket \(spec.label)"
        }
    }

    /// The `pmce serve` options that make the server side of this row.
    var serveArguments: [String] {
        var arguments = ["--implementation", implementation]
        guard let spec else { return arguments }
        let p = spec.parameters
        arguments += ["--extension", spec.compressionExtension.rawValue]
        switch spec.configuration {
        case .deflate(let c):
            arguments += [
                "--window-bits", "\(c.sendWindowBits.rawValue)", "--request-max-window-bits", "\(c.sendWindowBits.rawValue)",
                "--mem-level", "\(c.memoryLevel.rawValue)", "--compression-level=\(c.compressionLevel.rawValue)",
                "--deflate-backend", c.backend.rawValue, "--window-check", c.receiveWindowCheck.rawValue,
            ]
        case .bzip2(let c):
            arguments += ["--compress-level", "\(c.sendLevel.rawValue)", "--request-max-compress-level", "\(c.sendLevel.rawValue)"]
        case .snappy:
            break
        }
        if p.contextTakeover == false { arguments += ["--no-context-takeover", "--request-no-context-takeover"] }
        arguments += ["--min-compress-size", "\(spec.sendPolicy.minimumMessageSize)"]
        if !spec.sendPolicy.rawWhenLarger { arguments.append("--no-raw-when-larger") }
        return arguments
    }

    /// The client's extensions for this row: the same settings as the server's.
    /// - Parameter maxMessageSize: The largest message the client decompresses.
    func clientExtensions(maxMessageSize: Int) -> [WebSocketExtensionFactory] {
        switch self {
        case .none:
            return []
        case .pmce(let spec), .nio(let spec):
            let (backend, check) = spec.localDeflateChoices
            return [.perMessageCompression(
                client: Self.offer(for: spec, maxMessageSize: maxMessageSize), sendPolicy: spec.sendPolicy, deflateBackend: backend, receiveWindowCheck: check)]
        case .swiftWebSocket(let spec):
            guard case .deflate(let c) = spec.configuration else { return [] }
            return [.perMessageDeflate(
                clientMaxWindow: c.sendWindowBits.rawValue, clientNoContextTakeover: c.sendNoContextTakeover,
                serverMaxWindow: c.sendWindowBits.rawValue, serverNoContextTakeover: c.sendNoContextTakeover,
                compressionLevel: c.compressionLevel == .default ? nil : c.compressionLevel.rawValue, memoryLevel: c.memoryLevel.rawValue,
                maxDecompressedFrameSize: maxMessageSize, minFrameSizeToCompress: spec.sendPolicy.minimumMessageSize)]
        }
    }

    /// This package's client offer asking for the spec's settings both ways.
    static func offer(for spec: CodecSpec, maxMessageSize: Int) -> ClientExtensionOffer {
        switch spec.configuration {
        case .deflate(let c):
            return .perMessageDeflate(
                .init(requestNoContextTakeover: c.sendNoContextTakeover, requestMaxWindowBits: c.sendWindowBits),
                noContextTakeover: c.sendNoContextTakeover, windowBits: c.sendWindowBits, memoryLevel: c.memoryLevel,
                compressionLevel: c.compressionLevel, maxMessageSize: maxMessageSize)
        case .bzip2(let c):
            return .perMessageBzip2(.init(requestMaxCompressLevel: c.sendLevel), compressLevel: c.sendLevel, maxMessageSize: maxMessageSize)
        case .snappy(let c):
            return .perMessageSnappy(
                .init(requestNoContextTakeover: c.sendNoContextTakeover), noContextTakeover: c.sendNoContextTakeover, maxMessageSize: maxMessageSize)
        }
    }
}
