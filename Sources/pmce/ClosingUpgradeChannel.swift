import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// hummingbird-websocket's HTTP/1 + WebSocket channel, with connections whose request head
/// cannot be decoded answered and closed.
///
/// hummingbird-websocket 2.8.1 turns NIO's HTTP error handling off and handles a decoding error
/// nowhere before the upgrade is decided: given a header past the decoder's 80 KiB limit, NIO's
/// decoder fires the error and then drops everything the client sends, and the connection is held
/// until the client goes. `pmce serve` answers 431 (or 400 for other malformed requests) and
/// closes instead.
struct ClosingUpgradeChannel: ServerChildChannel {
    /// The channel this sets up and handles.
    let base: HTTP1WebSocketUpgradeChannel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(HTTPDecodingErrorHandler())
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Answers a request NIO's HTTP decoder refused and closes the connection; passes every other
/// event on. It reads no inbound data, so it can stay in the pipeline after an upgrade.
final class HTTPDecodingErrorHandler: ChannelInboundHandler {
    typealias InboundIn = Never
    typealias OutboundOut = HTTPServerResponsePart

    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let parserError = error as? HTTPParserError ?? {
            if case ByteToMessageDecoderError.dataReceivedInErrorState(let first as HTTPParserError, _)? = error as? ByteToMessageDecoderError { return first }
            return nil
        }()
        guard let parserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let status: HTTPResponseStatus = parserError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest
        let head = HTTPResponseHead(version: .http1_1, status: status, headers: ["Connection": "close", "Content-Length": "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
