import NIOCore
import PerMessageCompression
import PerMessageCompressionNIO
import PerMessageCompressionVapor
import Vapor

/// A Vapor app on a free loopback port with one compressed WebSocket route, `/echo`, set up as
/// the README's "Use it in a Vapor app" shows: each text or binary message is sent back as it came.
struct VaporEchoServer: Sendable {
    let compression: WebSocketServerCompression

    init(_ negotiator: ServerNegotiator) {
        compression = WebSocketServerCompression(negotiator)
    }

    /// Runs the app around `body`, which gets its port.
    func run<R: Sendable>(_ body: @Sendable (Int) async throws -> R) async throws -> R {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        app.compressedWebSocket("echo", compression: compression, maxFrameSize: 1 << 22) { _, ws in
            ws.onText { ws, text in ws.send(text) }
            ws.onBinary { ws, bytes in ws.send(Array(bytes.readableBytesView)) }
        }
        do {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let result = try await body(app.http.server.shared.localAddress?.port ?? 0)
            await app.server.shutdown()
            try await app.asyncShutdown()
            return result
        } catch {
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
    }
}
