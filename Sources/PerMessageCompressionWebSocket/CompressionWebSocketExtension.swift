import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import Synchronization
import WSCore

/// One connection's per-message compression, frame by frame, for swift-websocket.
///
/// Messages arrive and leave as frames: each data frame's payload is compressed or decompressed
/// as it passes, with the codec's message state carried across continuation frames, so a
/// fragmented message is never gathered whole. RSV1 marks the first frame of a compressed
/// message only; control frames never reach an extension. Each direction has its own codec,
/// made on its first compressed message, so an idle connection holds no codec state.
///
/// Errors close the connection with the code the peer's fault deserves: a message larger than
/// `maxMessageSize` once decompressed closes with 1009, corrupt compressed data or RSV1 on a
/// continuation frame with 1002. swift-websocket maps the errors an extension throws to close
/// codes (`WebSocketErrorCode.init(_:)`): `NIOWebSocketError.invalidFrameLength` is 1009,
/// `NIOWebSocketError.fragmentedControlFrame` is 1002, anything else 1011.
struct CompressionWebSocketExtension: WSCore.WebSocketExtension {
    /// What was agreed, and which end this is; `nil` for a connection without compression.
    let agreed: CompressionConfiguration?
    private let state: ConnectionState

    init(_ agreed: CompressionConfiguration?) {
        self.agreed = agreed
        self.state = ConnectionState()
    }

    /// The extension's registered name, or `identity` when nothing was agreed.
    var name: String { agreed?.extensionName ?? "identity" }

    /// RSV1 when compression was agreed; none otherwise, so that swift-websocket rejects RSV1.
    var reservedBits: WebSocketFrame.ReservedBits { agreed == nil ? .init() : .rsv1 }

    func shutdown() async {}

    /// The bytes both directions' codecs hold; zero before the first compressed message.
    var codecMemory: CodecMemory {
        state.sending.withLock { $0.memory } + state.receiving.withLock { $0.memory }
    }

    func processFrameToSend(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame {
        try compress(frame)
    }

    func processReceivedFrame(_ frame: WebSocketFrame, context: WebSocketExtensionContext) async throws -> WebSocketFrame {
        do {
            return try decompress(frame)
        } catch {
            context.logger.debug("closing: \(error)", metadata: ["pmce.extension": .string(name)])
            throw error.closeReason
        }
    }

    /// Compresses a frame about to be sent (data frames only).
    func compress(_ frame: WebSocketFrame) throws(CodecError) -> WebSocketFrame {
        guard let agreed else { return frame }
        return try state.sending.withLock { (direction) throws(CodecError) in try direction.compress(frame, agreed) }
    }

    /// Decompresses a received frame of a compressed message (data frames only).
    func decompress(_ frame: WebSocketFrame) throws(ReceiveError) -> WebSocketFrame {
        guard let agreed else { return frame }
        return try state.receiving.withLock { (direction) throws(ReceiveError) in try direction.decompress(frame, agreed) }
    }
}

/// Both directions of one connection, each behind its own lock: a connection's reader and
/// writer run concurrently, and a codec has one owner at a time.
final class ConnectionState: Sendable {
    let sending = Mutex(SendDirection())
    let receiving = Mutex(ReceiveDirection())
}

/// One direction's codec, made on its first compressed message, and its reused output buffer.
struct LazyCodec: ~Copyable {
    private var codec: (any PerMessageCodec)?
    private var output = MessageBuffer()

    /// The codec's memory; zero before it is made.
    var memory: CodecMemory { codec?.memory ?? .zero }

    /// Codes a frame's payload with `code` into a new payload.
    mutating func code(
        _ payload: ByteBuffer, _ agreed: CompressionConfiguration,
        _ code: (any PerMessageCodec, UnsafeRawBufferPointer, inout MessageBuffer) throws(CodecError) -> Void
    ) throws(CodecError) -> ByteBuffer {
        let codec = self.codec ?? makeCodec(agreed)
        output.removeAll()
        try payload.withReadableBytes { (bytes) throws(CodecError) in try code(codec, bytes, &output) }
        return output.byteBuffer()
    }

    @inline(never)
    private mutating func makeCodec(_ agreed: CompressionConfiguration) -> any PerMessageCodec {
        let codec = agreed.makeCodec()
        self.codec = codec
        return codec
    }
}

/// The sending side: compresses every data message, RSV1 on its first frame.
struct SendDirection: ~Copyable {
    private var codec = LazyCodec()
    private var inMessage = false

    /// The compressor's memory; zero before the first message.
    var memory: CodecMemory { codec.memory }

    /// Compresses a data frame's payload; sets RSV1 on the first frame of each message.
    mutating func compress(_ frame: WebSocketFrame, _ agreed: CompressionConfiguration) throws(CodecError) -> WebSocketFrame {
        var frame = frame
        switch frame.opcode {
        case .text, .binary:
            frame.rsv1 = true
            inMessage = true
        case .continuation where inMessage:
            break
        default:
            return frame
        }
        let isFinal = frame.fin
        frame.data = try codec.code(frame.data, agreed) { (codec, bytes, output) throws(CodecError) in
            try codec.compress(bytes, isFinal: isFinal, into: &output)
        }
        if frame.fin { inMessage = false }
        return frame
    }
}

/// The receiving side: decompresses the messages whose first frame has RSV1.
struct ReceiveDirection: ~Copyable {
    private var codec = LazyCodec()
    /// Whether the message being received is compressed (its first frame had RSV1).
    private var compressedMessage = false

    /// The decompressor's memory; zero before the first compressed message.
    var memory: CodecMemory { codec.memory }

    /// Decompresses a data frame of a compressed message and clears its RSV1.
    mutating func decompress(_ frame: WebSocketFrame, _ agreed: CompressionConfiguration) throws(ReceiveError) -> WebSocketFrame {
        switch frame.opcode {
        case .text, .binary:
            compressedMessage = frame.rsv1
        case .continuation:
            guard !frame.rsv1 else { throw .rsv1OnContinuation }
        default:
            return frame
        }
        guard compressedMessage else { return frame }
        var frame = frame
        let isFinal = frame.fin
        do {
            frame.data = try codec.code(frame.unmaskedData, agreed) { (codec, bytes, output) throws(CodecError) in
                try codec.decompress(bytes, isFinal: isFinal, into: &output)
            }
        } catch {
            throw .codec(error)
        }
        frame.maskKey = nil
        frame.rsv1 = false
        if frame.fin { compressedMessage = false }
        return frame
    }
}

/// Why a received frame was refused, and the close code it deserves.
enum ReceiveError: Error, CustomStringConvertible {
    /// RSV1 on a continuation frame: RFC 7692 §6.1 allows it on the first frame only.
    case rsv1OnContinuation
    /// The codec refused the payload.
    case codec(CodecError)

    /// What swift-websocket closes with for this error: 1009 for a message over the limit,
    /// 1002 for the peer's protocol errors, 1011 for a failure of ours.
    var closeReason: any Error {
        switch self {
        case .rsv1OnContinuation:
            return NIOWebSocketError.fragmentedControlFrame
        case .codec(let error):
            switch error.reason {
            case .messageTooLarge: return NIOWebSocketError.invalidFrameLength
            case .corruptData, .truncated, .checksumMismatch, .unknownChunkType, .trailingData, .failedEarlier:
                return NIOWebSocketError.fragmentedControlFrame
            case .library, .outOfMemory, .brokenInvariant:
                return error
            }
        }
    }

    var description: String {
        switch self {
        case .rsv1OnContinuation: "RSV1 set on a continuation frame (RFC 7692 §6.1)"
        case .codec(let error): error.description
        }
    }
}

extension MessageBuffer {
    /// The bytes as a new `ByteBuffer` for a frame (which owns its payload).
    func byteBuffer() -> ByteBuffer {
        withUnsafeReadableBytes { ByteBuffer(bytes: $0) }
    }
}

extension ByteBuffer {
    /// `withUnsafeReadableBytes` for a body with a typed error (that method only rethrows).
    func withReadableBytes<E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        var failure: E?
        withUnsafeReadableBytes { bytes in
            do throws(E) { try body(bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

extension CodecMemory {
    /// No bytes held.
    static let zero = CodecMemory(libraryBytes: 0, bufferBytes: 0, libraryAllocations: 0)

    /// Both figures added.
    static func + (lhs: CodecMemory, rhs: CodecMemory) -> CodecMemory {
        CodecMemory(
            libraryBytes: lhs.libraryBytes + rhs.libraryBytes, bufferBytes: lhs.bufferBytes + rhs.bufferBytes,
            libraryAllocations: lhs.libraryAllocations + rhs.libraryAllocations)
    }
}
