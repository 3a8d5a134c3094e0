/// An error from compressing or decompressing a message.
///
/// Carries what went wrong (``reason``) and where: the extension, the direction and the
/// index of the message on this codec (0 for the first message).
public struct CodecError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Which way the data was going.
    public enum Direction: String, Hashable, Sendable {
        /// Compressing a message to send.
        case compress
        /// Decompressing a received message.
        case decompress
    }

    /// What went wrong.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The decompressed message exceeded the configured `maxMessageSize` of `limit` bytes.
        case messageTooLarge(limit: Int)
        /// A C library call returned an error code; `message` is the library's own text.
        case library(function: String, code: Int32, message: String?)
        /// The compressed data is not valid for this extension.
        case corruptData(String)
        /// The message ended in the middle of the compressed stream.
        case truncated(String)
        /// A snappy chunk's masked CRC32C did not match its data.
        case checksumMismatch(expected: UInt32, actual: UInt32)
        /// A snappy chunk of a reserved, unskippable type.
        case unknownChunkType(UInt8)
        /// Compressed bytes followed the end of a complete stream.
        case trailingData(byteCount: Int)
        /// A C library did not do what its documentation promises (a sync flush without its
        /// `00 00 ff ff` trailer, `BZ_FINISH` that does not end the stream): a bug, not bad input.
        case brokenInvariant(String)
        /// The library could not allocate its state; `bytes` is the request, or 0 when the
        /// library does not say (zlib's `Z_MEM_ERROR`, libbz2's `BZ_MEM_ERROR`).
        case outOfMemory(bytes: Int)
        /// An earlier error left this codec direction unusable, as it would fail a WebSocket connection.
        case failedEarlier(String)

        /// A sentence saying what went wrong.
        public var description: String {
            switch self {
            case .messageTooLarge(let limit):
                return "decompressed message exceeds the limit of \(limit) bytes"
            case .library(let function, let code, let message):
                return "\(function) returned \(code)\(message.map { " (\($0))" } ?? "")"
            case .corruptData(let detail):
                return "corrupt compressed data: \(detail)"
            case .truncated(let detail):
                return "truncated compressed data: \(detail)"
            case .checksumMismatch(let expected, let actual):
                return "snappy chunk CRC32C mismatch: expected 0x\(String(expected, radix: 16)), computed 0x\(String(actual, radix: 16))"
            case .unknownChunkType(let type):
                return "unknown unskippable snappy chunk type 0x\(String(type, radix: 16))"
            case .trailingData(let count):
                return "\(count) bytes after the end of the compressed stream"
            case .brokenInvariant(let detail):
                return "internal error: \(detail)"
            case .outOfMemory(let bytes) where bytes > 0:
                return "out of memory allocating \(bytes) bytes"
            case .outOfMemory:
                return "out of memory: the library could not allocate its state"
            case .failedEarlier(let earlier):
                return "codec unusable after an earlier error: \(earlier)"
            }
        }
    }

    /// What went wrong.
    public var reason: Reason
    /// The extension's name, such as `permessage-deflate`.
    public var extensionName: String
    /// Compressing or decompressing; `nil` while setting a codec up.
    public var direction: Direction?
    /// The index of the message on this codec direction (0 for the first); `nil` while setting up.
    public var messageIndex: Int?

    /// Creates an error.
    /// - Parameters:
    ///   - reason: What went wrong.
    ///   - extensionName: The extension's name.
    ///   - direction: Compressing or decompressing, if known.
    ///   - messageIndex: The message's index on the codec, if known.
    public init(_ reason: Reason, extensionName: String = "", direction: Direction? = nil, messageIndex: Int? = nil) {
        self.reason = reason
        self.extensionName = extensionName
        self.direction = direction
        self.messageIndex = messageIndex
    }

    /// The error as a sentence with its context.
    public var description: String {
        var context: [String] = []
        if !extensionName.isEmpty { context.append(extensionName) }
        if let direction { context.append(direction.rawValue) }
        if let messageIndex { context.append("message \(messageIndex)") }
        return context.isEmpty ? reason.description : "\(context.joined(separator: ", ")): \(reason.description)"
    }
}
