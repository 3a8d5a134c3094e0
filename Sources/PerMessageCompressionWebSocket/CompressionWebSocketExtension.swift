import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO
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
/// A received frame is decompressed on the calling task for its first `BackgroundDecoding.slice`
/// bytes of output (nearly every message); a frame that needs more is finished on a background thread
/// of low priority (``BackgroundDecoding``) while the task waits. A large message, or a
/// decompression bomb on its way to `maxMessageSize`, holds a shared thread that other
/// connections wait for for one slice at most.
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
        guard let agreement = state.agreement else { return frame }
        do {
            let step = try state.receiving.withLock { (direction) throws(ReceiveError) in
                try direction.decompress(frame, agreement, outputLimit: BackgroundDecoding.slice)
            }
            if case .frame(let frame) = step { return frame }
            return try await BackgroundDecoding.run { [state] in
                try state.receiving.withLock { (direction) throws(ReceiveError) in try direction.resumeToTheEnd(agreement) }
            }
        } catch let error as ReceiveError {
            context.logger.debug("closing: \(error)", metadata: ["pmce.extension": .string(name)])
            throw error.closeReason
        } catch {
            // Cancelled before the background work began: the frame is given up with the task.
            state.receiving.withLock { $0.abandon() }
            throw error
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

extension ReceiveError {
    /// The error swift-websocket closes with ``closeCode`` for (`WebSocketErrorCode.init(_:)`):
    /// `invalidFrameLength` is 1009, `fragmentedControlFrame` 1002, anything else 1011.
    var closeReason: any Error {
        switch closeCode {
        case .messageTooLarge: NIOWebSocketError.invalidFrameLength
        case .protocolError: NIOWebSocketError.fragmentedControlFrame
        default: self
        }
    }
}
