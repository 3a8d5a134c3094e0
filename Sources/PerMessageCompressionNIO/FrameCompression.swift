package import NIOCore
package import NIOWebSocket
package import PerMessageCompression

// One connection's frame-by-frame compression, shared by the SwiftNIO handler
// (`WebSocketCompressionHandler`) and the swift-websocket extension (`PerMessageCompressionWebSocket`).

/// What both directions of a connection read and never change, worked out once per connection
/// so that no frame asks the configuration again: the agreement, the send policy, and for each
/// direction without context the pool slot it borrows from.
package struct Agreement: Sendable {
    package let configuration: CompressionConfiguration
    package let sendPolicy: SendPolicy
    /// The pool's codecs for the sending side; `nil` when it carries context (its own codec).
    package let sendSlot: CodecPool.Slot?
    /// The pool's codecs for the receiving side; `nil` when it carries context (its own codec).
    package let receiveSlot: CodecPool.Slot?

    package init(_ configuration: CompressionConfiguration, sendPolicy: SendPolicy, pool: CodecPool) {
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
package final class ConnectionState: Sendable {
    package let agreement: Agreement?
    package let sending = LockedValue(SendDirection())
    package let receiving = LockedValue(ReceiveDirection())
    private let registry: ConnectionRegistry?

    package init(_ agreed: CompressionConfiguration?, sendPolicy: SendPolicy, pool: CodecPool, registry: ConnectionRegistry?) {
        agreement = agreed.map { Agreement($0, sendPolicy: sendPolicy, pool: pool) }
        self.registry = registry
        registry?.add(self)
    }

    deinit {
        registry?.remove(ObjectIdentifier(self))
    }

    /// The bytes both directions' own codecs hold.
    package var memory: CodecMemory {
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
        let codec = start(agreed)
        try payload.withReadableBytes { (bytes) throws(CodecError) in try code(codec, bytes, &output) }
        return output.byteBuffer()
    }

    /// The codec, made on first use, with the buffer emptied for a new frame's output.
    @discardableResult
    mutating func start(_ agreed: CompressionConfiguration) -> any PerMessageCodec {
        let codec = self.codec ?? makeCodec(agreed)
        output.removeAll()
        return codec
    }

    /// Decompresses a slice of the frame begun with ``start(_:)`` into the buffer.
    mutating func decompress(_ bytes: UnsafeRawBufferPointer, isFinal: Bool, outputLimit: Int) throws(CodecError) -> DecompressionStep {
        guard let codec else { preconditionFailure("decompress before start") }
        return try codec.decompress(bytes, isFinal: isFinal, into: &output, outputLimit: outputLimit)
    }

    /// The frame's output so far, as a new `ByteBuffer`.
    var payload: ByteBuffer { output.byteBuffer() }

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
package struct SendDirection: ~Copyable {
    private var codec = LazyCodec()
    private var inMessage = false

    package init() {}

    /// The compressor's memory; zero before the first message.
    package var memory: CodecMemory { codec.memory }

    /// Drops the compressor and its buffer (its connection is going away).
    package mutating func release() {
        inMessage = false
        codec.release()
    }

    /// Compresses a data frame's payload; sets RSV1 on the first frame of each compressed message.
    package mutating func compress(_ frame: WebSocketFrame, _ agreed: Agreement) throws(CodecError) -> WebSocketFrame {
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

/// What ``ReceiveDirection/decompress(_:_:outputLimit:)`` and ``ReceiveDirection/resume(_:outputLimit:)``
/// came to.
package enum ReceiveStep {
    /// The frame as the application sees it: decompressed, RSV1 cleared, unmasked.
    case frame(WebSocketFrame)
    /// The frame's output limit was reached with more to decode: call
    /// ``ReceiveDirection/resume(_:outputLimit:)`` (after letting other work run).
    case suspended

    /// The frame of a step taken without an output limit, which always finishes it.
    fileprivate var finishedFrame: WebSocketFrame {
        guard case .frame(let frame) = self else { preconditionFailure("a decoder without an output limit stopped part way") }
        return frame
    }
}

/// The receiving side: decompresses the messages whose first frame has RSV1, at once or in
/// slices of output.
package struct ReceiveDirection: ~Copyable {
    private var codec = LazyCodec()
    /// Whether the message being received is compressed (its first frame had RSV1).
    private var compressedMessage = false
    /// Whether a fragmented message has started and its final frame has not come yet.
    private var messageInFlight = false
    /// The frame being decompressed: its payload not read yet, and the pool's codec when a
    /// whole message borrowed one (`nil`: this connection's own).
    private var current: (frame: WebSocketFrame, lease: CodecPool.Lease?)?

    package init() {}

    /// The decompressor's memory; zero before the first compressed message.
    package var memory: CodecMemory { codec.memory }

    /// Decompresses a data frame of a compressed message and clears its RSV1.
    package mutating func decompress(_ frame: WebSocketFrame, _ agreed: Agreement) throws(ReceiveError) -> WebSocketFrame {
        try decompress(frame, agreed, outputLimit: .max).finishedFrame
    }

    /// Decompresses a data frame of a compressed message, stopping once about `outputLimit`
    /// bytes are written with more to do; ``resume(_:outputLimit:)`` goes on. No other frame
    /// may be given until the frame is done.
    package mutating func decompress(_ frame: WebSocketFrame, _ agreed: Agreement, outputLimit: Int) throws(ReceiveError) -> ReceiveStep {
        precondition(current == nil, "a frame arrived while the last one was still being decompressed")
        switch frame.opcode {
        case .text, .binary:
            // RFC 6455 §5.4: the frames of one message are not interleaved with another's.
            guard !messageInFlight else { throw .newMessageInsideFragmentedMessage }
            compressedMessage = frame.rsv1
        case .continuation:
            guard messageInFlight else { throw .continuationWithoutMessage }
            guard !frame.rsv1 else { throw .rsv1OnContinuation }
        default:
            return .frame(frame)
        }
        messageInFlight = !frame.fin
        guard compressedMessage else { return .frame(frame) }
        var frame = frame
        frame.data = frame.unmaskedData
        frame.maskKey = nil
        frame.rsv1 = false
        if let slot = agreed.receiveSlot, frame.opcode != .continuation, frame.fin {
            // A whole message: a borrowed decompressor reads it.
            current = (frame, slot.borrow())
        } else {
            codec.start(agreed.configuration)
            current = (frame, nil)
        }
        return try resume(agreed, outputLimit: outputLimit)
    }

    /// Goes on with the frame a call above left suspended and decodes the rest of it.
    package mutating func resumeToTheEnd(_ agreed: Agreement) throws(ReceiveError) -> WebSocketFrame {
        try resume(agreed, outputLimit: .max).finishedFrame
    }

    /// Gives up the frame a call above left suspended (its connection is going away): the next
    /// frame starts a new message, decoded without the old one's state.
    package mutating func abandon() {
        current = nil
        messageInFlight = false
        compressedMessage = false
        codec.release()
    }

    /// Goes on with the frame a call above left suspended, for about `outputLimit` more bytes.
    package mutating func resume(_ agreed: Agreement, outputLimit: Int) throws(ReceiveError) -> ReceiveStep {
        guard let (suspendedFrame, lease) = current else { preconditionFailure("nothing to resume") }
        var frame = suspendedFrame
        current = nil
        let isFinal = frame.fin
        do {
            let step = try frame.data.withReadableBytes { (bytes) throws(CodecError) in
                if let lease {
                    try lease.codec.decompress(bytes, isFinal: isFinal, into: &lease.output, outputLimit: outputLimit)
                } else {
                    try codec.decompress(bytes, isFinal: isFinal, outputLimit: outputLimit)
                }
            }
            frame.data.moveReaderIndex(forwardBy: step.consumedBytes)
            guard step.isComplete else {
                current = (frame, lease)
                return .suspended
            }
        } catch {
            throw .codec(error)
        }
        if let lease, let slot = agreed.receiveSlot {
            frame.data = lease.output.byteBuffer()
            slot.giveBack(lease)
        } else {
            frame.data = codec.payload
        }
        if isFinal {
            compressedMessage = false
            if agreed.receiveSlot != nil { codec.release() }
        }
        return .frame(frame)
    }
}

/// Why a received frame was refused, and the close code it deserves.
package enum ReceiveError: Error, CustomStringConvertible {
    /// RSV1 on a continuation frame: RFC 7692 §6.1 allows it on the first frame only.
    case rsv1OnContinuation
    /// A text or binary frame while a fragmented message is unfinished (RFC 6455 §5.4). Taken
    /// as more of the old message, it would be decoded with the old message's codec state.
    case newMessageInsideFragmentedMessage
    /// A continuation frame with no fragmented message to continue (RFC 6455 §5.4).
    case continuationWithoutMessage
    /// The codec refused the payload.
    case codec(CodecError)

    /// The close code the peer's fault deserves: 1009 for a message over the limit, 1002 for
    /// its protocol errors (corrupt data, RSV1 on a continuation frame, frames out of order), 1011 for a failure of ours.
    package var closeCode: WebSocketErrorCode {
        switch self {
        case .rsv1OnContinuation, .newMessageInsideFragmentedMessage, .continuationWithoutMessage:
            return .protocolError
        case .codec(let error):
            switch error.reason {
            case .messageTooLarge: return .messageTooLarge
            case .corruptData, .truncated, .checksumMismatch, .unknownChunkType, .trailingData, .failedEarlier: return .protocolError
            case .library, .outOfMemory, .brokenInvariant: return .unexpectedServerError
            }
        }
    }

    package var description: String {
        switch self {
        case .rsv1OnContinuation: "RSV1 set on a continuation frame (RFC 7692 §6.1)"
        case .newMessageInsideFragmentedMessage: "a text or binary frame arrived before the fragmented message in progress ended (RFC 6455 §5.4)"
        case .continuationWithoutMessage: "a continuation frame arrived with no fragmented message in progress (RFC 6455 §5.4)"
        case .codec(let error): error.description
        }
    }
}

extension MessageBuffer {
    /// The bytes as a new `ByteBuffer` for a frame (which owns its payload).
    package func byteBuffer() -> ByteBuffer {
        withUnsafeReadableBytes { ByteBuffer(bytes: $0) }
    }
}

extension ByteBuffer {
    /// `withUnsafeReadableBytes` for a body with a typed error (that method only rethrows).
    package func withReadableBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = withUnsafeReadableBytes { bytes in
            do throws(E) { return .success(try body(bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
