import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import WSCore

/// One connection's per-message compression, frame by frame, for swift-websocket.
///
/// Messages arrive and leave as frames: each data frame's payload is compressed or decompressed
/// as it passes, with the codec's message state carried across continuation frames, so a
/// fragmented message is never gathered whole. RSV1 marks the first frame of a compressed
/// message only; control frames never reach an extension.
///
/// Memory: a direction that carries context (deflate with context takeover, snappy's sending
/// side with takeover) has a codec of its own, made on its first compressed message. A direction
/// that carries none borrows a codec from a ``CodecPool`` for each whole message and holds one of
/// its own only while a fragmented message is in flight. An idle connection holds no codec state.
///
/// Whole messages are sent as the ``SendPolicy`` says: small ones uncompressed, and, where no
/// context is carried, those that compression would not make smaller.
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

    /// Creates a connection's extension.
    /// - Parameters:
    ///   - agreed: What was negotiated; `nil` for none.
    ///   - sendPolicy: Which whole messages go out compressed.
    ///   - pool: Where directions without context borrow their codecs.
    ///   - registry: Where the connection is counted while it is open, if anywhere.
    init(_ agreed: CompressionConfiguration?, sendPolicy: SendPolicy = .default, pool: CodecPool = .shared, registry: ConnectionRegistry? = nil) {
        self.agreed = agreed
        self.state = ConnectionState(agreed, sendPolicy: sendPolicy, pool: pool, registry: registry)
    }

    /// The extension's registered name, or `identity` when nothing was agreed.
    var name: String { agreed?.extensionName ?? "identity" }

    /// RSV1 when compression was agreed; none otherwise, so that swift-websocket rejects RSV1.
    var reservedBits: WebSocketFrame.ReservedBits { agreed == nil ? .init() : .rsv1 }

    func shutdown() async {}

    /// The bytes this connection's own codecs hold (borrowed ones are the pool's): zero before
    /// the first compressed message, and between messages where no context is carried.
    var codecMemory: CodecMemory { state.memory }

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
        guard let agreement = state.agreement else { return frame }
        return try state.sending.withLock { (direction) throws(CodecError) in try direction.compress(frame, agreement) }
    }

    /// Decompresses a received frame of a compressed message (data frames only).
    func decompress(_ frame: WebSocketFrame) throws(ReceiveError) -> WebSocketFrame {
        guard let agreement = state.agreement else { return frame }
        return try state.receiving.withLock { (direction) throws(ReceiveError) in try direction.decompress(frame, agreement) }
    }
}

/// What both directions of a connection read and never change, worked out once per connection
/// so that no frame asks the configuration again: the agreement, the send policy, and for each
/// direction without context the pool slot it borrows from.
struct Agreement: Sendable {
    let configuration: CompressionConfiguration
    let sendPolicy: SendPolicy
    /// The pool's codecs for the sending side; `nil` when it carries context (its own codec).
    let sendSlot: CodecPool.Slot?
    /// The pool's codecs for the receiving side; `nil` when it carries context (its own codec).
    let receiveSlot: CodecPool.Slot?

    init(_ configuration: CompressionConfiguration, sendPolicy: SendPolicy, pool: CodecPool) {
        self.configuration = configuration
        self.sendPolicy = sendPolicy
        let carriesBoth = configuration.sendCarriesContext && configuration.receiveCarriesContext
        let slot = carriesBoth ? nil : pool.slot(for: configuration)
        sendSlot = configuration.sendCarriesContext ? nil : slot
        receiveSlot = configuration.receiveCarriesContext ? nil : slot
    }
}

/// Both directions of one connection, each behind its own lock: a connection's reader and
/// writer run concurrently, and a codec has one owner at a time.
final class ConnectionState: Sendable {
    let agreement: Agreement?
    let sending = LockedValue(SendDirection())
    let receiving = LockedValue(ReceiveDirection())
    private let registry: ConnectionRegistry?

    init(_ agreed: CompressionConfiguration?, sendPolicy: SendPolicy, pool: CodecPool, registry: ConnectionRegistry?) {
        agreement = agreed.map { Agreement($0, sendPolicy: sendPolicy, pool: pool) }
        self.registry = registry
        registry?.add(self)
    }

    deinit {
        registry?.remove(ObjectIdentifier(self))
    }

    /// The bytes both directions' own codecs hold.
    var memory: CodecMemory {
        sending.withLock { $0.memory } + receiving.withLock { $0.memory }
    }
}

/// One direction's own codec, made on its first use, and its reused output buffer.
struct LazyCodec: ~Copyable {
    private var codec: (any PerMessageCodec)?
    private var output = MessageBuffer()

    /// The codec's memory and the buffer's; zero before it is made and after ``release()``.
    var memory: CodecMemory {
        guard let codec else { return .zero }
        var memory = codec.memory
        memory.bufferBytes += output.capacity
        return memory
    }

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

    /// Drops the codec and the buffer: the message is over and no context is carried.
    mutating func release() {
        guard codec != nil else { return }
        codec = nil
        output = MessageBuffer()
    }

    @inline(never)
    private mutating func makeCodec(_ agreed: CompressionConfiguration) -> any PerMessageCodec {
        let codec = agreed.makeCodec()
        self.codec = codec
        return codec
    }
}

/// The sending side: compresses data messages (as the send policy says), RSV1 on the first frame.
struct SendDirection: ~Copyable {
    private var codec = LazyCodec()
    private var inMessage = false

    /// The compressor's memory; zero before the first message.
    var memory: CodecMemory { codec.memory }

    /// Compresses a data frame's payload; sets RSV1 on the first frame of each compressed message.
    mutating func compress(_ frame: WebSocketFrame, _ agreed: Agreement) throws(CodecError) -> WebSocketFrame {
        var frame = frame
        switch frame.opcode {
        case .text, .binary:
            if frame.fin { return try compressWhole(frame, agreed) }
            frame.rsv1 = true
            inMessage = true
        case .continuation where inMessage:
            break
        default:
            return frame
        }
        let isFinal = frame.fin
        frame.data = try codec.code(frame.data, agreed.configuration) { (codec, bytes, output) throws(CodecError) in
            try codec.compress(bytes, isFinal: isFinal, into: &output)
        }
        if frame.fin {
            inMessage = false
            if agreed.sendSlot != nil { codec.release() }
        }
        return frame
    }

    /// A message in one frame: sent raw when the policy says so; compressed with this
    /// connection's codec where context is carried, with a borrowed one where not.
    private mutating func compressWhole(_ frame: WebSocketFrame, _ agreed: Agreement) throws(CodecError) -> WebSocketFrame {
        // Checked here too so that a small message makes no codec.
        guard agreed.sendPolicy.compresses(messageSize: frame.data.readableBytes) else { return frame }
        var frame = frame
        if let slot = agreed.sendSlot {
            let payload = try slot.withCodec { (codec, output) throws(CodecError) -> ByteBuffer? in
                let compressed = try frame.data.withReadableBytes { (bytes) throws(CodecError) in
                    try codec.compressMessage(bytes, policy: agreed.sendPolicy, into: &output)
                }
                return compressed ? output.byteBuffer() : nil
            }
            guard let payload else { return frame }
            frame.data = payload
        } else {
            frame.data = try codec.code(frame.data, agreed.configuration) { (codec, bytes, output) throws(CodecError) in
                try codec.compress(bytes, isFinal: true, into: &output)
            }
        }
        frame.rsv1 = true
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
    mutating func decompress(_ frame: WebSocketFrame, _ agreed: Agreement) throws(ReceiveError) -> WebSocketFrame {
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
            if let slot = agreed.receiveSlot, frame.opcode != .continuation, isFinal {
                // A whole message: a borrowed decompressor reads it.
                let payload = frame.unmaskedData
                frame.data = try slot.withCodec { (codec, output) throws(CodecError) in
                    try payload.withReadableBytes { (bytes) throws(CodecError) in try codec.decompress(bytes, isFinal: true, into: &output) }
                    return output.byteBuffer()
                }
            } else {
                frame.data = try codec.code(frame.unmaskedData, agreed.configuration) { (codec, bytes, output) throws(CodecError) in
                    try codec.decompress(bytes, isFinal: isFinal, into: &output)
                }
            }
        } catch {
            throw .codec(error)
        }
        frame.maskKey = nil
        frame.rsv1 = false
        if isFinal {
            compressedMessage = false
            if agreed.receiveSlot != nil { codec.release() }
        }
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
    func withReadableBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = withUnsafeReadableBytes { bytes in
            do throws(E) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
