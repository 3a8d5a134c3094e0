import CZlib

/// The trailer a sync flush ends with (RFC 7692 §7.2.1): stripped when sending, appended back
/// before inflating.
private let syncFlushTrailer: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

/// zlib takes at most `UInt32.max` input bytes a call; feed larger pieces in slices this size.
private let maximumSlice = 1 << 30

/// Compresses messages with raw deflate, ending each with a sync flush whose trailing
/// `00 00 ff ff` is removed (RFC 7692 §7.2.1).
struct DeflateCompressor: MessageCoder, ~Copyable {
    let zlib: ZlibStream
    let noContextTakeover: Bool
    /// Bytes of the current message given so far: bounds what the final sync flush can emit.
    private var messageBytes = 0

    init(level: CompressionLevel, windowBits: WindowBits, memoryLevel: MemoryLevel, noContextTakeover: Bool) throws(CodecError) {
        zlib = try ZlibStream(.deflate(level: level, windowBits: windowBits, memoryLevel: memoryLevel))
        self.noContextTakeover = noContextTakeover
    }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        let start = output.count
        messageBytes += input.count
        if isFinal && messageBytes == 0 {
            // zlib refuses a sync flush right after another with no input between (Z_BUF_ERROR),
            // so an empty message after a message would produce nothing, and an empty payload
            // would break Autobahn's decoder with context takeover. A call without input first
            // (as Python's `compressobj.compress(b"")` makes for Autobahn) lets the flush emit
            // 00 00 00 ff ff: the payload is 00, as for the first message.
            zlib.setInput(UnsafeRawBufferPointer(start: nil, count: 0))
            _ = zlib.run(flush: Z_NO_FLUSH, into: &output, minimumWritable: 16)
        }
        var offset = 0
        repeat {
            let slice = UnsafeRawBufferPointer(rebasing: input[offset..<Swift.min(input.count, offset + maximumSlice)])
            offset += slice.count
            let isLast = isFinal && offset == input.count
            // The sync flush also emits what earlier pieces left buffered inside zlib, so give it
            // room for the whole message: if a flush filled the output exactly, the next call
            // would add a second empty stored block and the bytes would depend on the split.
            let room = Int(deflateBound(zlib.stream, uLong(isLast ? messageBytes : slice.count))) + 16
            try deflateSlice(slice, flush: isLast ? Z_SYNC_FLUSH : Z_NO_FLUSH, room: room, into: &output)
        } while offset < input.count
        guard isFinal else { return }
        messageBytes = 0
        // A sync flush always ends with the empty stored block 00 00 ff ff.
        guard output.count - start >= 4 else {
            throw CodecError(.library(function: "deflate", code: Z_STREAM_ERROR, message: "sync flush produced no trailer"))
        }
        output.removeLast(4)
        if noContextTakeover { try zlib.reset() }
    }

    private func deflateSlice(_ slice: UnsafeRawBufferPointer, flush: Int32, room: Int, into output: inout MessageBuffer) throws(CodecError) {
        zlib.setInput(slice)
        while true {
            let (code, _) = zlib.run(flush: flush, into: &output, minimumWritable: room)
            guard code == Z_OK || code == Z_BUF_ERROR else { throw ZlibStream.error("deflate", code, zlib.stream) }
            // Done once all input is taken and zlib left output room unused (nothing pending).
            if zlib.availableInput == 0 && zlib.stream.pointee.avail_out != 0 { return }
            if code == Z_BUF_ERROR && zlib.stream.pointee.avail_out != 0 { return }
        }
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
        var offset = 0
        while offset < input.count {
            let slice = UnsafeRawBufferPointer(rebasing: input[offset..<Swift.min(input.count, offset + maximumSlice)])
            offset += slice.count
            try inflateSlice(slice, into: &output, budget: &budget)
        }
        guard isFinal else { return }
        if !streamEnded && receivedBytes > 0 {
            try withBytes(of: syncFlushTrailer) { (trailer) throws(CodecError) in
                try inflateSlice(trailer, into: &output, budget: &budget)
            }
            guard streamEnded || zlib.isAtBlockBoundary else {
                throw CodecError(.truncated("the message ends inside a deflate block"))
            }
        }
        if streamEnded || noContextTakeover { try zlib.reset() }
        streamEnded = false
        receivedBytes = 0
    }

    private mutating func inflateSlice(_ slice: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if streamEnded {
            throw CodecError(.trailingData(byteCount: slice.count))
        }
        zlib.setInput(slice)
        // Expect about 4:1; the buffer keeps whatever it grows to for later messages.
        let chunk = Swift.min(Swift.max(slice.count * 4, 16 * 1024), 1 << 20)
        while true {
            let writable = budget.writableBytes(upTo: chunk)
            let (code, written) = zlib.run(flush: Z_SYNC_FLUSH, into: &output, minimumWritable: writable, limit: writable)
            try budget.record(written)
            switch code {
            case Z_OK:
                break
            case Z_STREAM_END:
                // A block with BFINAL set ended the stream: nothing may follow in this message.
                streamEnded = true
                if zlib.availableInput > 0 { throw CodecError(.trailingData(byteCount: zlib.availableInput)) }
                return
            case Z_BUF_ERROR:
                // No progress possible: all input taken and nothing pending.
                return
            default:
                throw ZlibStream.error("inflate", code, zlib.stream)
            }
            if zlib.availableInput == 0 && zlib.stream.pointee.avail_out != 0 { return }
        }
    }

    var memory: CodecMemory { zlib.memory }
}
