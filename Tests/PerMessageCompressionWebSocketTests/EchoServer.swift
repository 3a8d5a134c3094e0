import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import PerMessageCompression
import PerMessageCompressionWebSocket
import Synchronization
import WSCore

/// A Hummingbird echo server on a free loopback port, with this package's compression set up as
/// the README shows, that records the `Sec-WebSocket-Extensions` it answered each handshake with.
struct EchoServer: Sendable {
    /// Hummingbird logs the cancellation that stops the server after each test as errors; the
    /// tests check what matters with expectations.
    static let logger: Logger = {
        var logger = Logger(label: "echo-server")
        logger.logLevel = .critical
        return logger
    }()

    /// The largest frame either side sends or accepts in these tests.
    static let maxFrameSize = 1 << 22

    let negotiator: ServerNegotiator
    var maxMessageSize = 1 << 24
    var deflateBackend = DeflateBackend.zlib
    var receiveWindowCheck = ReceiveWindowCheck.zlib
    let answers = Answers()

    /// The response headers of each handshake, in order.
    final class Answers: Sendable {
        let values = LockedValue<[[String]]>([])
        var all: [[String]] { values.withLock { $0 } }
    }

    /// Runs the server around `body`, which gets its port.
    func run<R: Sendable>(_ body: @Sendable (Int) async throws -> R) async throws -> R {
        let compression = WebSocketCompressionNegotiator(negotiator, deflateBackend: deflateBackend, receiveWindowCheck: receiveWindowCheck)
        let answers = self.answers
        let maxMessageSize = self.maxMessageSize
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/echo") { request, _ in
            let headers = try compression.responseHeaders(for: request.headers)
            answers.values.withLock { $0.append(headers[values: .secWebSocketExtensions]) }
            return .upgrade(headers)
        } onUpgrade: { inbound, outbound, _ in
            for try await message in inbound.messages(maxSize: maxMessageSize) {
                switch message {
                case .text(let text): try await outbound.write(.text(text))
                case .binary(let bytes): try await outbound.write(.binary(bytes))
                }
            }
        }
        let port = LockedValue<Int?>(nil)
        let app = Application(
            router: Router(),
            server: .http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(ws: .init(maxFrameSize: Self.maxFrameSize, extensions: [compression.extensionFactory], autoPing: .disabled))),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
            logger: Self.logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService() }
            var waited = 0
            while port.withLock({ $0 }) == nil {
                try await Task.sleep(for: .milliseconds(10))
                waited += 1
                if waited > 1000 { throw EchoServerError.didNotStart }
            }
            defer { group.cancelAll() }
            return try await body(port.withLock { $0 }!)
        }
    }
}

enum EchoServerError: Error {
    case didNotStart
}
