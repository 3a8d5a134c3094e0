import ArgumentParser
import PerMessageCompression

/// Which whole messages `pmce serve` and `pmce client` send compressed, and with what: the
/// library's ``SendPolicy`` and ``DeflateBackend`` as options; and, received, how deflate's
/// window is held to (``ReceiveWindowCheck``).
struct SendPolicyOptions: ParsableArguments {
    @Option(name: .customLong("min-compress-size"), help: ArgumentHelp("Send whole messages smaller than this uncompressed (default \(SendPolicy.default.minimumMessageSize)).", valueName: "bytes"))
    var minimumMessageSize = SendPolicy.default.minimumMessageSize

    @Flag(name: .customLong("no-raw-when-larger"), help: "Send a message compressed even when compression made it larger (where no context is carried; with context it always is).")
    var keepLarger = false

    @Option(name: .customLong("deflate-backend"), help: "The library for deflate's whole messages without context takeover (zlib, libdeflate).")
    var deflateBackend = DeflateBackend.zlib

    @Option(name: .customLong("window-check"), help: "How deflate's receiver holds the peer to a window under 15 bits (zlib, exact).")
    var receiveWindowCheck = ReceiveWindowCheck.zlib

    /// The policy; its initializer checks the size.
    var policy: SendPolicy {
        get throws {
            do throws(ConfigurationError) {
                return try SendPolicy(minimumMessageSize: minimumMessageSize, rawWhenLarger: !keepLarger)
            } catch {
                throw ValidationError("--min-compress-size: \(error)")
            }
        }
    }

    func validate() throws {
        _ = try policy
    }
}
