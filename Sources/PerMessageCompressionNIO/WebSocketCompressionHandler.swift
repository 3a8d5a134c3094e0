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
///         if let compression = server.handler(for: request) { try channel.pipeline.syncOperations.addHandler(compression) }
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
/// Frames that arrive after that are dropped.
///
/// Memory is as for the swift-websocket extension: a direction that carries no context borrows a
/// codec from the ``CodecPool`` for each whole message and holds none between messages.
public final class WebSocketCompressionHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = WebSocketFrame
    public typealias InboundOut = WebSocketFrame
    public typealias OutboundIn = WebSocketFrame
    public typealias OutboundOut = WebSocketFrame

    /// What was agreed.
    public let configuration: CompressionConfiguration
    private let state: ConnectionState
    private var failed = false

    /// Creates the handler for one connection.
    /// - Parameters:
    ///   - configuration: What was negotiated, as this end sees it (its `maxMessageSize` bounds
    ///     every received message).
    ///   - sendPolicy: Which whole messages go out compressed.
    ///   - codecPool: Where directions without context borrow their codecs.
    public convenience init(_ configuration: CompressionConfiguration, sendPolicy: SendPolicy = .default, codecPool: CodecPool = .shared) {
        self.init(configuration, sendPolicy: sendPolicy, codecPool: codecPool, registry: nil)
    }

    package init(_ configuration: CompressionConfiguration, sendPolicy: SendPolicy, codecPool: CodecPool, registry: ConnectionRegistry?) {
        self.configuration = configuration
        self.state = ConnectionState(configuration, sendPolicy: sendPolicy, pool: codecPool, registry: registry)
    }

    /// The bytes this connection's own codecs hold (borrowed ones are the pool's).
    public var codecMemory: CodecMemory { state.memory }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let frame = unwrapInboundIn(data)
        guard !frame.rsv2, !frame.rsv3, !(frame.rsv1 && frame.opcode.isControlOpcode) else {
            fail(context, .protocolError)
            return
        }
        guard let agreement = state.agreement else { return context.fireChannelRead(data) }
        let decompressed: WebSocketFrame
        do {
            decompressed = try state.receiving.withLock { (direction) throws(ReceiveError) in try direction.decompress(frame, agreement) }
        } catch {
            fail(context, error.closeCode)
            return
        }
        context.fireChannelRead(wrapInboundOut(decompressed))
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
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

    /// Sends a close frame with `code`, then closes the connection.
    private func fail(_ context: ChannelHandlerContext, _ code: WebSocketErrorCode) {
        guard !failed else { return }
        failed = true
        var payload = context.channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: code)
        let close = WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)
        context.writeAndFlush(wrapOutboundOut(close)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

@available(*, unavailable)
extension WebSocketCompressionHandler: Sendable {}
