import CBzip2

/// The single owner of one libbz2 `bz_stream`, set up afresh for every message.
///
/// libbz2 has no reset, so each message calls `BZ2_bzCompressInit` / `BZ2_bzDecompressInit`
/// and ends with `BZ2_bzCompressEnd` / `BZ2_bzDecompressEnd`. Its state (1.1 to 7.5 MB) comes
/// from a ``LibraryAllocator`` that keeps the blocks, so after the first message no message
/// calls `malloc`. The `bz_stream` lives on the heap: libbz2 rejects a moved one.
struct Bzip2Stream: ~Copyable {
    let stream: UnsafeMutablePointer<bz_stream>
    let allocator = LibraryAllocator()
    let isCompressor: Bool
    /// Whether `*Init` succeeded and `*End` is still owed.
    private(set) var isActive = false

    init(compressor: Bool) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: bz_stream())
        isCompressor = compressor
    }

    deinit {
        if isActive { _ = isCompressor ? BZ2_bzCompressEnd(stream) : BZ2_bzDecompressEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Calls `BZ2_bzCompressInit(level, 0, 0)` or `BZ2_bzDecompressInit(0, 0)`, as Python's
    /// `bz2` module does.
    mutating func begin(level: Bzip2Level) throws(CodecError) {
        stream.initialize(to: bz_stream())
        stream.pointee.bzalloc = { opaque, items, size in LibraryAllocator.allocate(opaque, Int(items) * Int(size)) }
        stream.pointee.bzfree = { opaque, pointer in LibraryAllocator.release(opaque, pointer) }
        stream.pointee.opaque = allocator.opaque
        let code = isCompressor
            ? BZ2_bzCompressInit(stream, Int32(level.rawValue), 0, 0)
            : BZ2_bzDecompressInit(stream, 0, 0)
        guard code == BZ_OK else {
            throw Self.error(isCompressor ? "BZ2_bzCompressInit" : "BZ2_bzDecompressInit", code)
        }
        isActive = true
    }

    /// Calls `BZ2_bzCompressEnd` / `BZ2_bzDecompressEnd`; its memory goes back to the allocator.
    mutating func end() {
        guard isActive else { return }
        _ = isCompressor ? BZ2_bzCompressEnd(stream) : BZ2_bzDecompressEnd(stream)
        isActive = false
    }

    /// Points libbz2's input at `bytes`, which it only reads.
    @inline(__always)
    func setInput(_ bytes: UnsafeRawBufferPointer) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.pointee.avail_in = UInt32(bytes.count)
    }

    var availableInput: Int { Int(stream.pointee.avail_in) }
    var availableOutput: Int { Int(stream.pointee.avail_out) }

    /// Runs `BZ2_bzCompress(action)` or `BZ2_bzDecompress` once into `output`'s spare capacity.
    /// - Returns: libbz2's return code and the bytes written.
    @inline(__always)
    func run(action: Int32, into output: inout MessageBuffer, minimumWritable: Int, limit: Int = .max) -> (code: Int32, written: Int) {
        var code: Int32 = BZ_OK
        let written = output.writeWithUnsafeMutableBytes(minimumWritableBytes: minimumWritable) { spare in
            let room = Swift.min(spare.count, limit, Int(UInt32.max))
            stream.pointee.next_out = spare.baseAddress?.assumingMemoryBound(to: CChar.self)
            stream.pointee.avail_out = UInt32(room)
            code = isCompressor ? BZ2_bzCompress(stream, action) : BZ2_bzDecompress(stream)
            return room - Int(stream.pointee.avail_out)
        }
        return (code, written)
    }

    var memory: CodecMemory {
        CodecMemory(libraryBytes: allocator.heldBytes, bufferBytes: 0, libraryAllocations: allocator.mallocCount)
    }

    /// Maps a libbz2 return code to an error.
    static func error(_ function: String, _ code: Int32) -> CodecError {
        switch code {
        case BZ_DATA_ERROR:
            return CodecError(.corruptData("\(function): data integrity error (BZ_DATA_ERROR)"))
        case BZ_DATA_ERROR_MAGIC:
            return CodecError(.corruptData("\(function): not a bzip2 stream (BZ_DATA_ERROR_MAGIC)"))
        case BZ_MEM_ERROR:
            return CodecError(.outOfMemory(bytes: 0))
        default:
            return CodecError(.library(function: function, code: code, message: nil))
        }
    }
}
