/// How a permessage-deflate receiver holds the peer to the window it agreed to send with
/// (`server_max_window_bits` / `client_max_window_bits`, RFC 7692 §7.1.2), when that window is
/// under 15 bits. At 15 bits both are the same: deflate's distances reach 32 KiB at most.
///
/// A back-reference further back than the agreed window breaks the agreement. It is not unsafe:
/// zlib's window memory stays as agreed, and the bytes it copies are the message's own.
///
/// ```swift
/// let configuration = try PerMessageDeflateCodec.Configuration(receiveWindowBits: WindowBits(12), receiveWindowCheck: .exact)
/// ```
public enum ReceiveWindowCheck: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// zlib's own check, as Autobahn|Python, browsers and other zlib-based peers have: a
    /// reference beyond the window is refused where it reaches before what the same `inflate`
    /// call has written. A call with room for the whole message accepts a reference up to that
    /// call's output, so one payload may decode whole and be refused in slices. No extra cost.
    case zlib
    /// Every reference beyond the window is refused, however the payload arrives and whichever
    /// backend decodes it (`corruptData` naming the distance code and the window). The decoder
    /// reads each block a second time, without output: on the shipped corpora that makes
    /// decompression with a window under 15 bits take about twice as long
    /// (`pmce bench --window-check zlib --window-check exact`; the README has the figures).
    ///
    /// With ``DeflateBackend/libdeflate`` it also reads, at any window, every payload libdeflate
    /// decoded, and hands zlib those zlib would refuse, so that libdeflate's leniencies (symbols
    /// 286 and 287, the unused codeword of a one-symbol code, code lengths past their count) get
    /// zlib's typed errors too. With zlib and a window of 15 it costs nothing: zlib is exact there.
    case exact

    /// The name, as in `--window-check`.
    public var description: String { rawValue }
}
