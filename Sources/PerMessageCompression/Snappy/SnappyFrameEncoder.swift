/// Compresses messages into snappy framing-format chunks with libsnappy.
///
/// Message data is gathered into chunks of 64 KiB (so the output does not depend on how the
/// message was split into pieces); each chunk is sent compressed, or uncompressed when
/// compression saves less than an eighth, as python-snappy decides. The stream identifier goes
/// out before the first chunk of the stream: once per connection direction with context
/// takeover, once per message without.
struct SnappyFrameEncoder: MessageCoder, ~Copyable {
    let noContextTakeover: Bool
    /// Gathers a message's bytes up to one chunk.
    private let staging: UnsafeMutableRawBufferPointer
    private var stagedBytes = 0
    private var identifierPending = true
    private let blockCompressor = SnappyBlockCompressor()

    init(noContextTakeover: Bool) {
        self.noContextTakeover = noContextTakeover
        staging = .allocate(byteCount: SnappyFraming.maximumChunkData, alignment: 16)
    }

    deinit { staging.deallocate() }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        var offset = 0
        while offset < input.count {
            let take = Swift.min(SnappyFraming.maximumChunkData - stagedBytes, input.count - offset)
            if stagedBytes == 0 && take == SnappyFraming.maximumChunkData {
                // A whole chunk in place: no copy.
                try writeChunk(UnsafeRawBufferPointer(rebasing: input[offset..<offset + take]), into: &output)
            } else {
                (staging.baseAddress! + stagedBytes).copyMemory(from: input.baseAddress! + offset, byteCount: take)
                stagedBytes += take
                if stagedBytes == SnappyFraming.maximumChunkData { try flushStaging(into: &output) }
            }
            offset += take
        }
        guard isFinal else { return }
        if stagedBytes > 0 { try flushStaging(into: &output) }
        if noContextTakeover { identifierPending = true }
    }

    private mutating func flushStaging(into output: inout MessageBuffer) throws(CodecError) {
        try writeChunk(UnsafeRawBufferPointer(rebasing: staging[0..<stagedBytes]), into: &output)
        stagedBytes = 0
    }

    private mutating func writeChunk(_ data: UnsafeRawBufferPointer, into output: inout MessageBuffer) throws(CodecError) {
        if identifierPending {
            withBytes(of: SnappyFraming.streamIdentifierChunk) { output.append($0) }
            identifierPending = false
        }
        let checksum = CRC32C.masked(data)
        let bound = SnappyBlockCompressor.bound(data.count)
        let prefix = SnappyFraming.headerSize + SnappyFraming.checksumSize
        try output.writeWithUnsafeMutableBytes(minimumWritableBytes: prefix + Swift.max(bound, data.count)) { (spare) throws(CodecError) in
            let compressedLength = try blockCompressor.compress(data, into: spare.baseAddress! + prefix)
            let type: UInt8
            let payloadLength: Int
            if compressedLength >= data.count - data.count / 8 {
                // Compression saves less than an eighth: send the data as it is.
                type = SnappyFraming.uncompressedData
                payloadLength = data.count
                (spare.baseAddress! + prefix).copyMemory(from: data.baseAddress!, byteCount: data.count)
            } else {
                type = SnappyFraming.compressedData
                payloadLength = compressedLength
            }
            let chunkLength = SnappyFraming.checksumSize + payloadLength
            spare.storeBytes(of: (UInt32(type) | UInt32(chunkLength) << 8).littleEndian, toByteOffset: 0, as: UInt32.self)
            spare.storeBytes(of: checksum.littleEndian, toByteOffset: 4, as: UInt32.self)
            return prefix + payloadLength
        }
    }

    var memory: CodecMemory {
        CodecMemory(libraryBytes: blockCompressor.tableBytes, bufferBytes: staging.count, libraryAllocations: 0)
    }
}
