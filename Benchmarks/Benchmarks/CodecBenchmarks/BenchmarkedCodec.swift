import PerMessageCompression

/// One extension with one parameter set, as the package-benchmark targets measure it.
///
/// Each case makes a fresh codec configured the same way for both directions, as after a
/// negotiation in which both peers asked for the same thing.
enum BenchmarkedCodec: String, CaseIterable {
    /// permessage-deflate, window bits 15, memory level 8, zlib's default level, context takeover.
    case deflateTakeover = "deflate-w15-takeover"
    /// permessage-deflate, window bits 15, memory level 8, no context takeover.
    case deflateNoTakeover = "deflate-w15-no-takeover"
    /// permessage-bzip2 at block-size level 1.
    case bzip2Level1 = "bzip2-l1"
    /// permessage-snappy with context takeover (stream identifier once per connection).
    case snappy = "snappy-takeover"

    /// Makes a codec in its initial state.
    /// - Returns: The codec.
    /// - Throws: ``CodecError`` if the library refuses the parameters.
    func makeCodec() throws(CodecError) -> any PerMessageCodec {
        switch self {
        case .deflateTakeover:
            return try PerMessageDeflateCodec(.init())
        case .deflateNoTakeover:
            return try PerMessageDeflateCodec(.init(sendNoContextTakeover: true, receiveNoContextTakeover: true))
        case .bzip2Level1:
            return try PerMessageBzip2Codec(.init(sendLevel: .min))
        case .snappy:
            return try PerMessageSnappyCodec(.init())
        }
    }
}
