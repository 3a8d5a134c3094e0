public import Foundation

/// `Tests/Scripts/raw_websocket_client.py`: a client that sends frames byte for byte, for the
/// close codes a hostile or broken peer earns.
public enum RawWebSocketClient {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/raw_websocket_client.py")

    /// Frames a peer still sends after the server's close frame reached it: two continuation
    /// frames and its own close, each after a pause. A server that closed its end at once
    /// answers them with a reset, and the script prints `send failed: …`.
    public static let framesAfterTheClose = [
        "sleep:0.3", "0:0:0:" + String(repeating: "00", count: 100), "sleep:0.1", "0:0:0:" + String(repeating: "00", count: 100), "sleep:0.1", "1:0:8:03e8",
    ]

    /// Runs the script against 127.0.0.1:`port` with `offer` and `frames` (`fin:rsv:opcode:hex`).
    /// - Returns: Its output lines: `HTTP STATUS` for a refused upgrade, or `extensions …`, one line
    ///   per frame received, and `close CODE`.
    public static func exchange(port: Int, offer: String, _ frames: [String]) async throws -> [String] {
        let output = try await ChildProcess.runAwaiting(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", script.path, String(port), offer] + frames, input: Data()
        ).output
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
