/// Constants of the snappy framing format
/// (https://github.com/google/snappy/blob/main/framing_format.txt).
enum SnappyFraming {
    /// Chunk types.
    static let compressedData: UInt8 = 0x00
    static let uncompressedData: UInt8 = 0x01
    static let padding: UInt8 = 0xFE
    static let streamIdentifier: UInt8 = 0xFF
    /// 0x02...0x7F are reserved and unskippable; 0x80...0xFD are reserved and skippable.
    static let reservedUnskippable: ClosedRange<UInt8> = 0x02...0x7F

    /// The stream identifier chunk: type 0xff, length 6, "sNaPpY".
    static let streamIdentifierChunk: [UInt8] = [0xFF, 0x06, 0x00, 0x00, 0x73, 0x4E, 0x61, 0x50, 0x70, 0x59]

    /// The length of ``streamIdentifierChunk``.
    static let streamIdentifierChunkSize = 10

    /// Writes ``streamIdentifierChunk`` at `destination` as two constants: the array is a lazy
    /// global, and reading one costs a `swift_once` call per message.
    @inline(__always)
    static func storeStreamIdentifier(at destination: UnsafeMutableRawPointer) {
        destination.storeBytes(of: identifierHead.littleEndian, as: UInt64.self)
        destination.storeBytes(of: identifierTail.littleEndian, toByteOffset: 8, as: UInt16.self)
    }

    /// Whether the ``streamIdentifierChunkSize`` bytes at `source` are the whole stream
    /// identifier chunk, header and body, compared as two words.
    @inline(__always)
    static func isStreamIdentifierChunk(at source: UnsafeRawPointer) -> Bool {
        UInt64(littleEndian: source.loadUnaligned(as: UInt64.self)) == identifierHead
            && UInt16(littleEndian: source.loadUnaligned(fromByteOffset: 8, as: UInt16.self)) == identifierTail
    }

    /// The stream identifier chunk's first eight bytes (`ff 06 00 00` "sNaP") and last two
    /// ("pY"), as little-endian words.
    private static let identifierHead: UInt64 = 0x5061_4E73_0000_06FF
    private static let identifierTail: UInt16 = 0x5970

    /// Whether `body` is the stream identifier's "sNaPpY", compared as two little-endian words:
    /// no generic sequence comparison (which allocated per message in debug builds).
    static func isStreamIdentifierBody(_ body: UnsafeRawBufferPointer) -> Bool {
        body.count == 6
            && UInt32(littleEndian: body.loadUnaligned(as: UInt32.self)) == UInt32(truncatingIfNeeded: identifierHead >> 32)  // "sNaP"
            && UInt16(littleEndian: body.loadUnaligned(fromByteOffset: 4, as: UInt16.self)) == identifierTail  // "pY"
    }

    /// A data chunk holds at most this many uncompressed bytes.
    static let maximumChunkData = 65536

    /// The chunk header: a type byte and a 24-bit little-endian length.
    static let headerSize = 4
    /// The masked CRC32C that starts every data chunk.
    static let checksumSize = 4
    /// The largest compressed data chunk: the checksum plus libsnappy's bound for 64 KiB
    /// (`snappy_max_compressed_length`: 32 + n + n / 6), as a constant so that reading it costs
    /// nothing; a test checks it against libsnappy.
    static let maximumCompressedChunk = checksumSize + 32 + maximumChunkData + maximumChunkData / 6
}
