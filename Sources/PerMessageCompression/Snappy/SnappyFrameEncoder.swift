/// Compresses messages into snappy framing-format chunks with libsnappy.
///
/// Message data is gathered into chunks of 64 KiB (so the output does not depend on how the
/// message was split into pieces); each chunk is sent compressed, or uncompressed when
/// compression saves less than an eighth, as python-snappy decides. The stream identifier goes
/// out before the first chunk of the stream: once per connection direction with context
/// takeover, once per message without.
struct SnappyFrameEncoder: MessageCoder, ~Copyable {
    let noContextTakeover: Bool
    /// Gathers a message's bytes up to one chunk when its pieces do not end on chunk
    /// boundaries. Allocated the first time that happens: whole messages and whole chunks are
    /// compressed in place, so a codec that only sends whole messages never holds it.
    private var staging: UnsafeMutableRawPointer? = nil
    private var stagedBytes = 0
    private var identifierPending = true
    private var blockCompressor = SnappyBlockCompressor()
    private let hardwareCRC = CRC32C.hasHardware

    init(noContextTakeover: Bool) {
        self.noContextTakeover = noContextTakeover
    }

    deinit { staging?.deallocate() }

    /// Inlined into the codec's `compress`, as the decoder's chunk loop is into `decode`: the
    /// whole message in one piece, nearly every one, then costs no call of its own.
    @inline(__always)
    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if stagedBytes == 0 && isFinal && input.count <= SnappyFraming.maximumChunkData {
            // Nearly every message: whole, in one piece, one chunk at most.
            if !input.isEmpty { try writeChunk(input, into: &output) }
            if noContextTakeover { identifierPending = true }
            return
        }
        try codeInPieces(input, isFinal: isFinal, into: &output)
    }

    /// The general loop, out of line so that the fast path stays small: gathers pieces that
    /// do not end on chunk boundaries, compresses whole chunks in place.
    @inline(never)
    private mutating func codeInPieces(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        var offset = 0
        while offset < input.count {
            let remaining = input.count - offset
            if stagedBytes == 0 && (remaining >= SnappyFraming.maximumChunkData || isFinal) {
                // At a chunk boundary with a whole chunk, or the message's last bytes, here:
                // compress in place, no copy. Chunks still start every 64 KiB of the message.
                let take = Swift.min(SnappyFraming.maximumChunkData, remaining)
                try writeChunk(UnsafeRawBufferPointer(rebasing: input[offset..<offset + take]), into: &output)
                offset += take
            } else {
                let take = Swift.min(SnappyFraming.maximumChunkData - stagedBytes, remaining)
                let staging = self.staging ?? allocateStaging()
                (staging + stagedBytes).copyMemory(from: input.baseAddress! + offset, byteCount: take)
                stagedBytes += take
                offset += take
                if stagedBytes == SnappyFraming.maximumChunkData { try flushStaging(into: &output) }
            }
        }
        guard isFinal else { return }
        if stagedBytes > 0 { try flushStaging(into: &output) }
        if noContextTakeover { identifierPending = true }
    }

    @inline(never)
    private mutating func allocateStaging() -> UnsafeMutableRawPointer {
        let staging = UnsafeMutableRawPointer.allocate(byteCount: SnappyFraming.maximumChunkData, alignment: 16)
        self.staging = staging
        return staging
    }

    private mutating func flushStaging(into output: inout MessageBuffer) throws(CodecError) {
        guard let staging else { return }
        try writeChunk(UnsafeRawBufferPointer(start: staging, count: stagedBytes), into: &output)
        stagedBytes = 0
    }

    /// Writes one chunk of `data` (at most 64 KiB), after the stream identifier when one is
    /// due, with a single reservation of the output.
    @inline(__always)
    private mutating func writeChunk(_ data: UnsafeRawBufferPointer, into output: inout MessageBuffer) throws(CodecError) {
        let identifierSize = identifierPending ? SnappyFraming.streamIdentifierChunkSize : 0
        let checksum = CRC32C.masked(data, hardware: hardwareCRC)
        let bound = SnappyBlockCompressor.bound(data.count)
        let prefix = SnappyFraming.headerSize + SnappyFraming.checksumSize
        try output.writeWithUnsafeMutableBytes(minimumWritableBytes: identifierSize + prefix + Swift.max(bound, data.count)) { (spare) throws(CodecError) in
            if identifierSize > 0 { SnappyFraming.storeStreamIdentifier(at: spare.baseAddress!) }
            let chunk = spare.baseAddress! + identifierSize
            let compressedLength = try blockCompressor.compress(data, into: chunk + prefix)
            let type: UInt8
            let payloadLength: Int
            if compressedLength >= data.count - data.count / 8 {
                // Compression saves less than an eighth: send the data as it is.
                type = SnappyFraming.uncompressedData
                payloadLength = data.count
                (chunk + prefix).copyMemory(from: data.baseAddress!, byteCount: data.count)
            } else {
                type = SnappyFraming.compressedData
                payloadLength = compressedLength
            }
            let chunkLength = SnappyFraming.checksumSize + payloadLength
            chunk.storeBytes(of: (UInt32(type) | UInt32(chunkLength) << 8).littleEndian, as: UInt32.self)
            chunk.storeBytes(of: checksum.littleEndian, toByteOffset: 4, as: UInt32.self)
            return identifierSize + prefix + payloadLength
        }
        identifierPending = false
    }

    var memory: CodecMemory {
        CodecMemory(
            libraryBytes: blockCompressor.tableBytes, bufferBytes: staging == nil ? 0 : SnappyFraming.maximumChunkData, libraryAllocations: 0)
    }
}
