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
    ///   arrives in one piece; a payload libdeflate refuses (corrupt, over the size limit, a
    ///   final block before its end) is decoded again by zlib, which names the fault.
    ///
    /// One malformed kind of payload is not refused here. libdeflate decodes the payload with
    /// what RFC 7692 appends (`00 00 ff ff`) and an empty final block after it, in one call, and
    /// does not say where a block ended; so a payload whose own final block runs on past its
    /// end, into those appended bytes, and ends exactly with them, decodes as if whole. zlib
    /// refuses it as truncated. `01 06 00 f9 ff`, a final stored block of six bytes, decodes to
    /// the six appended bytes, `00 00 ff ff 03 00`. No check after the call can tell that block
    /// from the appended one (any appended bytes can be read by a block the peer opened), and a
    /// second decode by zlib would cost more than libdeflate saves. The output still counts
    /// against `maxMessageSize`. Use ``zlib`` where every malformed message must be refused.
    case libdeflate

    /// The name, as in `--deflate-backend`.
    public var description: String { rawValue }
}
