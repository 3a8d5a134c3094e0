import Foundation
import NIOCore
import PerMessageCompression
import PerMessageCompressionVapor
import Vapor

/// `pmce-vapor-echo`: a Vapor WebSocket echo server with this package's compression, for the
/// Autobahn TestSuite and the live Autobahn|Python interop tests (a separate executable, so that
/// `pmce` never builds Vapor).
///
///     pmce-vapor-echo [--port N] [--extension deflate|bzip2|snappy]... [--max-message-size BYTES]
///
/// Listens on 127.0.0.1 (port 0 picks a free one), prints `pmce-vapor-echo: listening on
/// ws://127.0.0.1:PORT/`, and echoes every text and binary message on any path until SIGINT or SIGTERM.
/// Each extension is accepted with its defaults, in the order given (default: all three).
@main
enum VaporEcho {
    static func main() async throws {
        let options: Options
        do {
            options = try Options(CommandLine.arguments.dropFirst())
        } catch {
            FileHandle.standardError.write(Data("pmce-vapor-echo: \(error)\n".utf8))
            exit(2)
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["pmce-vapor-echo"]))
        app.logger.logLevel = .error
        let compression = WebSocketServerCompression(ServerNegotiator(options.extensions.map { choice in
            switch choice {
            case .deflate: .perMessageDeflate(maxMessageSize: options.maxMessageSize)
            case .bzip2: .perMessageBzip2(maxMessageSize: options.maxMessageSize)
            case .snappy: .perMessageSnappy(maxMessageSize: options.maxMessageSize)
            }
        }))
        let echo: @Sendable (Request, WebSocket) -> Void = { _, ws in
            ws.onText { ws, text in ws.send(text) }
            ws.onBinary { ws, bytes in ws.send(Array(bytes.readableBytesView)) }
        }
        app.compressedWebSocket(compression: compression, maxFrameSize: options.maxMessageSize, onUpgrade: echo)
        app.compressedWebSocket("**", compression: compression, maxFrameSize: options.maxMessageSize, onUpgrade: echo)
        try await app.server.start(address: .hostname("127.0.0.1", port: options.port))
        let port = app.http.server.shared.localAddress?.port ?? options.port
        FileHandle.standardOutput.write(Data("pmce-vapor-echo: listening on ws://127.0.0.1:\(port)/\n".utf8))
        // Until SIGINT or SIGTERM, whose default action ends the process.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// The command line.
    struct Options {
        var port = 9001
        var extensions = CompressionExtension.allCases
        var maxMessageSize = 1 << 24

        init(_ arguments: ArraySlice<String>) throws {
            var chosen: [CompressionExtension] = []
            var rest = arguments[...]
            while let flag = rest.popFirst() {
                guard let value = rest.popFirst() else { throw OptionError("\(flag) needs a value") }
                switch flag {
                case "--port":
                    guard let port = Int(value), (0...65535).contains(port) else { throw OptionError("--port: not a port: \(value)") }
                    self.port = port
                case "--extension":
                    guard let choice = CompressionExtension(rawValue: value) else {
                        throw OptionError("--extension: \(value) is not one of deflate, bzip2, snappy")
                    }
                    chosen.append(choice)
                case "--max-message-size":
                    guard let size = Int(value), size > 0 else { throw OptionError("--max-message-size: not a positive byte count: \(value)") }
                    maxMessageSize = size
                default:
                    throw OptionError("unknown option \(flag) (options: --port, --extension, --max-message-size)")
                }
            }
            if !chosen.isEmpty { extensions = chosen }
        }
    }

    /// A command line that does not parse.
    struct OptionError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
