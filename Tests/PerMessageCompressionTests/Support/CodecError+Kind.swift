import PerMessageCompression

extension CodecError.Reason {
    /// The case's name without its payload, for tests where the library's own text may vary.
    var kind: String {
        switch self {
        case .messageTooLarge: "messageTooLarge"
        case .library: "library"
        case .corruptData: "corruptData"
        case .truncated: "truncated"
        case .checksumMismatch: "checksumMismatch"
        case .unknownChunkType: "unknownChunkType"
        case .trailingData: "trailingData"
        case .brokenInvariant: "brokenInvariant"
        case .outOfMemory: "outOfMemory"
        case .failedEarlier: "failedEarlier"
        }
    }
}

extension PerMessageCodec {
    /// The error decompressing `payload` throws, or `nil` when it decodes.
    func decompressionError(_ payload: [UInt8]) -> CodecError? {
        do {
            _ = try decompressMessage(payload)
            return nil
        } catch {
            return error
        }
    }
}
