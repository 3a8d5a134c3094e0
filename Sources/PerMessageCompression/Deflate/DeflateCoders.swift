import CZlib

/// The trailer a sync flush ends with (RFC 7692 §7.2.1): stripped when sending, appended back
/// before inflating.
private let syncFlushTrailer: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

/// Compresses messages with raw deflate, ending each with a sync flush whose trailing
/// `00 00 ff ff` is removed (RFC 7692 §7.2.1).
struct DeflateCompressor: MessageCoder, ~Copyable {
    let zlib: ZlibStream
    let noContextTakeover: Bool

    init(level: CompressionLevel, windowBits: WindowBits, memoryLevel: MemoryLevel, noContextTakeover: Bool) throws(CodecError) {
        zlib = try ZlibStream(.deflate(level: level, windowBits: windowBits, memoryLevel: memoryLevel))
        self.noContextTakeover = noContextTakeover
    }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        let start = output.count
        // Enough room for the whole piece in one call, in the common case.
        let room = Int(deflateBound(zlib.stream, uLong(Swift.min(input.count, 1 << 30)))) + 16
        _ = try zlib.pump(input, action: isFinal ? Z_SYNC_FLUSH : Z_NO_FLUSH, into: &output, budget: &budget, chunk: room)
        guard isFinal else { return }
        // A sync flush always ends with the empty stored block 00 00 ff ff.
        guard output.count - start >= 4 else {
            throw CodecError(.library(function: "deflate", code: Z_STREAM_ERROR, message: "sync flush produced no trailer"))
        }
        output.removeLast(4)
        if noContextTakeover { try zlib.reset() }
    }

    var memory: CodecMemory { zlib.memory }
}

/// Inflates messages compressed as RFC 7692 says: appends `00 00 ff ff` to each payload.
///
/// Also accepts what RFC 7692 §7.2.3 allows a sender: stored blocks, a block with BFINAL set
/// (the stream ends there; the next message starts a new one), and an empty payload.
struct DeflateDecompressor: MessageCoder, ~Copyable {
    let zlib: ZlibStream
    let noContextTakeover: Bool
    /// Payload bytes received for the current message.
    private var receivedBytes = 0
    /// Whether a BFINAL block ended the deflate stream in the current message.
    private var streamEnded = false

    init(windowBits: WindowBits, noContextTakeover: Bool) throws(CodecError) {
        zlib = try ZlibStream(.inflate(windowBits: windowBits))
        self.noContextTakeover = noContextTakeover
    }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        receivedBytes += input.count
        if !input.isEmpty {
            try inflate(input, into: &output, budget: &budget)
        }
        guard isFinal else { return }
        if !streamEnded && receivedBytes > 0 {
            try withBytes(of: syncFlushTrailer) { (trailer) throws(CodecError) in
                try inflate(trailer, into: &output, budget: &budget)
            }
            guard streamEnded || zlib.isAtBlockBoundary else {
                throw CodecError(.truncated("the message ends inside a deflate block"))
            }
        }
        if streamEnded || noContextTakeover { try zlib.reset() }
        streamEnded = false
        receivedBytes = 0
    }

    private mutating func inflate(_ input: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        // A block with BFINAL set ended the stream: nothing may follow in this message.
        if streamEnded { throw CodecError(.trailingData(byteCount: input.count)) }
        // Expect about 4:1; the buffer keeps whatever it grows to for later messages.
        let chunk = Swift.min(Swift.max(input.count * 4, 16 * 1024), 1 << 20)
        streamEnded = try zlib.pump(input, action: Z_SYNC_FLUSH, into: &output, budget: &budget, chunk: chunk)
    }

    var memory: CodecMemory { zlib.memory }
}
