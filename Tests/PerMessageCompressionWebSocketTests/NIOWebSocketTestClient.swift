import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionNIO
import Synchronization

/// A plain SwiftNIO WebSocket client with this package's client half, set up as the README's
/// "…in a SwiftNIO pipeline" shows: the offer in the upgrade request, the answer checked in
/// `NIOWebSocketClientUpgrader`'s pipeline handler, this package's handler before
/// `NIOWebSocketFrameAggregator`. It sends messages one at a time, each after the last echo.
enum NIOWebSocketTestClient {
    /// What a connection agreed and got back.
    struct Outcome: Sendable {
        var agreed: CompressionConfiguration?
        var echoes: [[UInt8]]
    }

    /// Connects to 127.0.0.1:`port`, sends `messages` (binary) and returns their echoes.
    static func exchange(port: Int, compression: WebSocketClientCompression, messages: [[UInt8]]) async throws -> Outcome {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let done = loop.makePromise(of: [[UInt8]].self)
        let agreed = Mutex<CompressionConfiguration?>(nil)
        let upgrader = NIOWebSocketClientUpgrader(
            requestKey: "dGhlIHNhbXBsZSBub25jZQ==", maxFrameSize: EchoServer.maxFrameSize,
            upgradePipelineHandler: { channel, response in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try compression.handler(for: response)
                    agreed.withLock { $0 = handler.configuration }
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(
                        NIOWebSocketFrameAggregator(minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 16, maxAccumulatedFrameSize: 1 << 24))
                    try channel.pipeline.syncOperations.addHandler(MessageExchanger(messages: messages, done: done))
                }
            })
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(
                        withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                    try channel.pipeline.syncOperations.addHandler(UpgradeRequest(port: port, headers: compression.requestHeaders))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        channel.closeFuture.whenComplete { _ in done.fail(ChannelError.ioOnClosedChannel) }
        let echoes = try await done.futureResult.get()
        try? await channel.close()
        return Outcome(agreed: agreed.withLock { $0 }, echoes: echoes)
    }
}

/// Sends the upgrade request when the connection opens (and reads nothing, so that it can stay
/// in the pipeline after the upgrade).
private final class UpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    let port: Int
    let headers: HTTPHeaders

    init(port: Int, headers: HTTPHeaders) {
        self.port = port
        self.headers = headers
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Content-Length", "0")])
        headers.add(contentsOf: self.headers)
        context.write(wrapOutboundOut(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: "/echo", headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }
}

/// Sends each message masked as a client must, waits for its echo, then closes.
private final class MessageExchanger: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let messages: [[UInt8]]
    let done: EventLoopPromise<[[UInt8]]>
    var echoes: [[UInt8]] = []

    init(messages: [[UInt8]], done: EventLoopPromise<[[UInt8]]>) {
        self.messages = messages
        self.done = done
    }

    func handlerAdded(context: ChannelHandlerContext) {
        sendNext(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            echoes.append(Array(frame.unmaskedData.readableBytesView))
            sendNext(context)
        case .connectionClose:
            done.succeed(echoes)
            context.close(promise: nil)
        default:
            break
        }
    }

    private func sendNext(_ context: ChannelHandlerContext) {
        if echoes.count < messages.count {
            let frame = WebSocketFrame(fin: true, opcode: .binary, maskKey: .random(), data: ByteBuffer(bytes: messages[echoes.count]))
            context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        } else {
            var code = context.channel.allocator.buffer(capacity: 2)
            code.write(webSocketErrorCode: .normalClosure)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: code)), promise: nil)
        }
    }
}
