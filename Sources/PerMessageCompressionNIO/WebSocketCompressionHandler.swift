public import NIOCore
public import NIOWebSocket
public import PerMessageCompression

/// Per-message compression in a SwiftNIO WebSocket pipeline: `WebSocketFrame`s in and out, each
/// data frame's payload compressed or decompressed as it passes.
///
/// Put it in the pipeline when the upgrade completes, right after the frame decoder and encoder
/// the upgrader installs and before `NIOWebSocketFrameAggregator`, which drops RSV bits:
///
/// ```swift
/// upgradePipelineHandler: { channel, request in
///     channel.eventLoop.makeCompletedFuture {
///         try channel.pipeline.syncOperations.addHandler(server.handler(for: request))
///         try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(...))
///         try channel.pipeline.syncOperations.addHandler(EchoHandler())
///     }
/// }
/// ```
///
/// Inbound, a message whose first frame has RSV1 is inflated frame by frame (the codec's message
/// state carried across continuation frames; a fragmented message is never gathered whole), and
/// each frame goes on with RSV1 cleared, its fin and opcode kept and its payload unmasked. Control
/// frames pass untouched. Outbound, text and binary messages are compressed as the
/// ``SendPolicy`` says and their first frame gets RSV1; control frames pass untouched.
///
/// Faults of the peer close the connection with a close frame: 1009 for a message that inflates
/// past the configuration's `maxMessageSize`, 1002 for corrupt compressed data, RSV1 on a
/// continuation or control frame, or RSV2/RSV3 (which no extension of this package negotiates).
/// The handler then ends its output (a half-close, so the close frame is followed by the end of
/// the stream) and goes on reading, dropping every frame, until the peer's close frame, the end
/// of its stream or ``closeTimeout``: a connection closed with bytes of the peer still unread
/// would answer them with a reset, which can reach the peer before it has read the close frame,
/// and make its sends fail. Its codecs and buffers are dropped at once, and frames written to it
/// after the close frame fail with `ChannelError.outputClosed`.
///
/// A connection that agreed no compression gets a handler too, without a configuration: it
/// passes every frame through and closes with 1002 on RSV1, which RFC 6455 §5.2 makes a protocol
/// error when no extension defines it.
///
/// A received frame is decompressed on the event loop for its first 64 KiB of output (nearly
/// every message). A frame that needs more is finished on a background thread of low priority,
/// as in the swift-websocket extension, so that a large message or a decompression bomb on its
/// way to `maxMessageSize` holds the event loop, and every connection on it, for one slice at
/// most. Meanwhile the handler asks for no more reads, and the frames already read wait in
/// order behind it.
///
/// Memory is as for the swift-websocket extension: a direction that carries no context borrows a
/// codec from the ``CodecPool`` for each whole message and holds none between messages.
public final class WebSocketCompressionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = WebSocketFrame
    public typealias InboundOut = WebSocketFrame
    public typealias OutboundIn = WebSocketFrame
    public typealias OutboundOut = WebSocketFrame

    /// What was agreed; `nil` when nothing was: frames pass untouched, and RSV1 is refused.
    public let configuration: CompressionConfiguration?
    /// How long a connection this handler failed waits for the peer's close frame or the end of
    /// its stream before it is closed anyway (as long as swift-websocket's default).
    public static let closeTimeout = TimeAmount.seconds(15)
    private let state: ConnectionState
    private var failed = false
    /// Closes a failed connection whose peer did not end it within ``closeTimeout``.
    private var closeDeadline: Scheduled<Void>?
    /// Whether a frame is being finished on a background thread.
    private var decodingInBackground = false
    /// Frames read while one is finished in the background, in order.
    private var waiting = CircularBuffer<WebSocketFrame>()
    /// Whether a read-complete event or a read request came while a frame was finished in the
    /// background: passed on once it and the frames behind it are through.
    private var readCompleteHeld = false
    private var readHeld = false
    private var removed = false

    /// Creates the handler for one connection.
    /// - Parameters:
    ///   - configuration: What was negotiated, as this end sees it (its `maxMessageSize` bounds
    ///     every received message); `nil` for a connection that agreed no compression.
    ///   - sendPolicy: Which whole messages go out compressed.
    ///   - codecPool: Where directions without context borrow their codecs.
    public convenience init(_ configuration: CompressionConfiguration?, sendPolicy: SendPolicy = .default, codecPool: CodecPool = .shared) {
        self.init(configuration, sendPolicy: sendPolicy, codecPool: codecPool, registry: nil)
    }

    package init(_ configuration: CompressionConfiguration?, sendPolicy: SendPolicy, codecPool: CodecPool, registry: ConnectionRegistry?) {
        self.configuration = configuration
        self.state = ConnectionState(configuration, sendPolicy: sendPolicy, pool: codecPool, registry: registry)
    }

    /// The bytes this connection's own codecs hold (borrowed ones are the pool's).
    public var codecMemory: CodecMemory { state.memory }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !failed else {
            // The peer's answer to the close frame ends the connection.
            if frame.opcode == .connectionClose { context.close(promise: nil) }
            return
        }
        if decodingInBackground {
            waiting.append(frame)
        } else {
            receive(frame, context: context)
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        if decodingInBackground, !failed {
            readCompleteHeld = true
        } else {
            context.fireChannelReadComplete()
        }
        // A failed connection goes on draining the peer's bytes, whatever the handlers behind ask.
        if failed { context.read() }
    }

    public func read(context: ChannelHandlerContext) {
        if decodingInBackground, !failed {
            readHeld = true
        } else {
            context.read()
        }
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // With remote half-closure allowed, the end of the peer's stream comes as an event.
        if failed, let event = event as? ChannelEvent, event == .inputClosed { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        removed = true
        waiting.removeAll()
        closeDeadline?.cancel()
    }

    /// Decompresses a frame's first slice here; hands the rest, if any, to a background thread.
    private func receive(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        guard !frame.rsv2, !frame.rsv3, !(frame.rsv1 && (frame.opcode.isControlOpcode || state.agreement == nil)) else {
            fail(context, .protocolError)
            return
        }
        guard let agreement = state.agreement else { return context.fireChannelRead(wrapInboundOut(frame)) }
        do {
            let step = try state.receiving.withLock { (direction) throws(ReceiveError) in
                try direction.decompress(frame, agreement, outputLimit: BackgroundDecoding.slice)
            }
            switch step {
            case .frame(let decompressed): context.fireChannelRead(wrapInboundOut(decompressed))
            case .suspended: finishInBackground(agreement, context: context)
            }
        } catch {
            fail(context, error.closeCode)
        }
    }

    /// Finishes the suspended frame on a background thread, then passes it on and the frames
    /// that waited behind it.
    private func finishInBackground(_ agreement: Agreement, context: ChannelHandlerContext) {
        decodingInBackground = true
        let state = self.state
        let finished = BackgroundDecoding.run(on: context.eventLoop) {
            try state.receiving.withLock { (direction) throws(ReceiveError) in try direction.resumeToTheEnd(agreement) }
        }
        finished.assumeIsolated().whenComplete { result in
            self.decodingInBackground = false
            guard !self.removed else { return }
            // Failed meanwhile (a write's error): the codecs wait no longer.
            guard !self.failed else { return self.releaseCodecs() }
            switch result {
            case .success(let frame):
                context.fireChannelRead(self.wrapInboundOut(frame))
            case .failure(let error as ReceiveError):
                return self.fail(context, error.closeCode)
            case .failure:
                // The thread pool has shut down: the frame is given up (``fail`` drops the codecs).
                return self.fail(context, .unexpectedServerError)
            }
            self.receiveWaiting(context: context)
        }
    }

    /// Passes on the frames that waited, until one goes to the background again; then the held
    /// read-complete event and read request.
    private func receiveWaiting(context: ChannelHandlerContext) {
        while !decodingInBackground, !failed, let frame = waiting.popFirst() {
            receive(frame, context: context)
        }
        guard !decodingInBackground else { return }
        if readCompleteHeld {
            readCompleteHeld = false
            context.fireChannelReadComplete()
        }
        if readHeld {
            readHeld = false
            context.read()
        }
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // Nothing may follow the close frame this handler sent.
        guard !failed else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        let frame = unwrapOutboundIn(data)
        guard let agreement = state.agreement else { return context.write(data, promise: promise) }
        let compressed: WebSocketFrame
        do {
            compressed = try state.sending.withLock { (direction) throws(CodecError) in try direction.compress(frame, agreement) }
        } catch {
            promise?.fail(error)
            fail(context, .unexpectedServerError)
            return
        }
        context.write(wrapOutboundOut(compressed), promise: promise)
    }

    /// Sends a close frame with `code` and ends the output; the connection closes when the peer
    /// answers or ends its stream, or after ``closeTimeout``.
    private func fail(_ context: ChannelHandlerContext, _ code: WebSocketErrorCode) {
        guard !failed else { return }
        failed = true
        waiting.removeAll()
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        let channel = context.channel
        closeDeadline = context.eventLoop.scheduleTask(in: Self.closeTimeout) { channel.close(promise: nil) }
        context.writeAndFlush(wrapOutboundOut(close)).assumeIsolated().whenComplete { written in
            guard case .success = written else { return channel.close(promise: nil) }
            // A channel that cannot half-close is closed whole.
            channel.close(mode: .output).whenFailure { _ in channel.close(promise: nil) }
        }
        // The frames held behind a background decoding are dropped, and a held read request
        // passed on: reading goes on.
        if readHeld {
            readHeld = false
            context.read()
        }
        // A frame finished in the background holds the receiving side until it is done.
        if !decodingInBackground { releaseCodecs() }
    }

    /// Drops both sides' codecs and buffers: a failed connection codes nothing more, and a
    /// peer that never closes keeps only the handler until ``closeTimeout``.
    private func releaseCodecs() {
        state.receiving.withLock { $0.abandon() }
        state.sending.withLock { $0.release() }
    }
}

@available(*, unavailable)
extension WebSocketCompressionHandler: Sendable {}
