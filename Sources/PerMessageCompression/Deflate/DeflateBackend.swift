/// Which library codes whole permessage-deflate messages where no window is carried.
///
/// RFC 7692 lets a message stand alone when its direction has no context takeover, so a
/// one-shot coder can replace zlib's streaming one there. libdeflate is such a coder, faster
/// than zlib on messages of a kilobyte or more (see the README's figures); on tiny messages
/// its fixed cost per call shows and it does not help. Its bytes differ from zlib's (and so
/// from Autobahn's), while every conforming receiver decodes them.
///
/// ```swift
/// let configuration = try PerMessageDeflateCodec.Configuration(sendNoContextTakeover: true, backend: .libdeflate)
/// ```
public enum DeflateBackend: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// zlib for every message: the bytes Autobahn|Python sends.
    case zlib
    /// libdeflate for whole messages where no window is carried, zlib for the rest:
    /// - compressing, when the send direction has no context takeover and a window of 15
    ///   (libdeflate always uses 32 KiB) and the message is given in one piece: one deflate
    ///   stream whose last block has BFINAL set, then `00`, as RFC 7692 §7.2.3's example shows;
    /// - decompressing, when the receive direction has no context takeover and the payload
    ///   arrives in one piece; a payload libdeflate does not take (corrupt, over the size limit,
    ///   a final block before its end, a block that runs on past the payload's end) is decoded
    ///   again by zlib, which names the fault.
    ///
    /// libdeflate decodes the payload, what RFC 7692 appends (`00 00 ff ff`) and a seal of 16
    /// secret random bytes in one call; a payload whose last block runs on into the appended
    /// bytes would have to reproduce those bytes to pass, and goes to zlib instead
    /// (``LibdeflateDecompressor``). What libdeflate still decodes and zlib refuses: a
    /// back-reference beyond the agreed window (libdeflate's window is always 32 KiB), and, by
    /// libdeflate's design, literal/length symbols 286 and 287 (as a length of 258), the unused
    /// codeword of a one-symbol code, and before libdeflate 1.16 code lengths past their count.
    /// Use ``zlib``, or ``ReceiveWindowCheck/exact`` (which reads every payload libdeflate
    /// decoded and hands zlib those it would refuse), where every malformed message must be refused.
    case libdeflate

    /// The name, as in `--deflate-backend`.
    public var description: String { rawValue }
}
