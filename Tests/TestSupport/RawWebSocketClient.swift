public import Foundation

/// `Tests/Scripts/raw_websocket_client.py`: a client that sends frames byte for byte, for the
/// close codes a hostile or broken peer earns.
public enum RawWebSocketClient {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/raw_websocket_client.py")

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
