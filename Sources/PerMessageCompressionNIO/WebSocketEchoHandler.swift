package import NIOCore
package import NIOWebSocket

/// Echoes each whole text or binary message (after `NIOWebSocketFrameAggregator`), answers pings
/// and echoes a close: the echo server of `pmce serve --implementation nio` and of the tests.
///
/// A peer that sends without reading gets no more read from it than fits in the channel's write
/// buffer: while the channel is not writable (its pending echoes are past the high-water mark)
/// the handler holds the read requests, as swift-websocket's server does by awaiting its writer,
/// so that a slow reader cannot make the server hold its messages without bound.
package final class WebSocketEchoHandler: ChannelDuplexHandler {
    package typealias InboundIn = WebSocketFrame
    package typealias OutboundIn = WebSocketFrame
    package typealias OutboundOut = WebSocketFrame

    /// Whether a read was asked for while the channel was not writable.
    private var readHeld = false

    package init() {}

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: frame.opcode, data: frame.unmaskedData)), promise: nil)
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: frame.unmaskedData))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        default:
            break
        }
    }

    package func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readHeld = true
        }
    }

    package func channelWritabilityChanged(context: ChannelHandlerContext) {
        if readHeld, context.channel.isWritable {
            readHeld = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }
}
