import CBzip2

/// Which half of libbz2 a ``Bzip2Stream`` drives: ``Bzip2Compress`` or ``Bzip2Decompress``.
protocol Bzip2Direction {
    /// `BZ2_bzCompress` or `BZ2_bzDecompress`, for errors (`Init` and `End` are appended).
    static var functionName: String { get }
    /// Calls `BZ2_bzCompressInit(level, 0, 0)` or `BZ2_bzDecompressInit(0, 0)`, as Python's `bz2` module does.
    static func begin(_ stream: UnsafeMutablePointer<bz_stream>, level: Bzip2Level) -> Int32
    /// Calls `BZ2_bzCompress(action)` or `BZ2_bzDecompress` once, and says what it did.
    static func code(_ stream: UnsafeMutablePointer<bz_stream>, _ action: Int32) -> Int32
    /// Calls `BZ2_bzCompressEnd` or `BZ2_bzDecompressEnd`.
    static func end(_ stream: UnsafeMutablePointer<bz_stream>) -> Int32
    /// Whether `code`, returned for `action`, only means the call could do nothing.
    static func madeNoProgress(_ code: Int32, _ action: Int32, _ stream: UnsafeMutablePointer<bz_stream>) -> Bool
}

/// libbz2's compressor.
enum Bzip2Compress: Bzip2Direction {
    static let functionName = "BZ2_bzCompress"
    static func begin(_ stream: UnsafeMutablePointer<bz_stream>, level: Bzip2Level) -> Int32 {
        BZ2_bzCompressInit(stream, Int32(level.rawValue), 0, 0)
    }
    static func code(_ stream: UnsafeMutablePointer<bz_stream>, _ action: Int32) -> Int32 { BZ2_bzCompress(stream, action) }
    static func end(_ stream: UnsafeMutablePointer<bz_stream>) -> Int32 { BZ2_bzCompressEnd(stream) }
    /// BZ_RUN without input and nothing left to write is BZ_PARAM_ERROR ("no progress"): an
    /// empty piece, or a call after the output room was filled exactly.
    static func madeNoProgress(_ code: Int32, _ action: Int32, _ stream: UnsafeMutablePointer<bz_stream>) -> Bool {
        action == BZ_RUN && code == BZ_PARAM_ERROR && stream.pointee.avail_in == 0
    }
}

/// libbz2's decompressor.
enum Bzip2Decompress: Bzip2Direction {
    static let functionName = "BZ2_bzDecompress"
    static func begin(_ stream: UnsafeMutablePointer<bz_stream>, level: Bzip2Level) -> Int32 { BZ2_bzDecompressInit(stream, 0, 0) }
    static func code(_ stream: UnsafeMutablePointer<bz_stream>, _ action: Int32) -> Int32 { BZ2_bzDecompress(stream) }
    static func end(_ stream: UnsafeMutablePointer<bz_stream>) -> Int32 { BZ2_bzDecompressEnd(stream) }
    static func madeNoProgress(_ code: Int32, _ action: Int32, _ stream: UnsafeMutablePointer<bz_stream>) -> Bool { false }
}

/// The single owner of one libbz2 `bz_stream`, set up afresh for every message.
///
/// libbz2 has no reset, so each message calls `BZ2_bzCompressInit` / `BZ2_bzDecompressInit`
/// and ends with `BZ2_bzCompressEnd` / `BZ2_bzDecompressEnd`. Its state (1.1 to 7.5 MB) comes
/// from a ``LibraryAllocator`` that keeps the blocks, so after the first message no message
/// calls `malloc`. The `bz_stream` lives on the heap: libbz2 rejects a moved one.
struct Bzip2Stream<Direction: Bzip2Direction>: CompressionStream, ~Copyable {
    let stream: UnsafeMutablePointer<bz_stream>
    let allocator = LibraryAllocator()
    /// Whether `*Init` succeeded and `*End` is still owed.
    private(set) var isActive = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: bz_stream())
    }

    deinit {
        if isActive { _ = Direction.end(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Sets the stream up for one message (`*Init`), with its memory from the pool.
    mutating func begin(level: Bzip2Level) throws(CodecError) {
        stream.initialize(to: bz_stream())
        stream.pointee.bzalloc = { opaque, items, size in LibraryAllocator.allocate(opaque, Int(items) * Int(size)) }
        stream.pointee.bzfree = { opaque, pointer in LibraryAllocator.release(opaque, pointer) }
        stream.pointee.opaque = allocator.opaque
        let code = Direction.begin(stream, level: level)
        guard code == BZ_OK else { throw Self.error("\(Direction.functionName)Init", code) }
        isActive = true
    }

    /// Calls `BZ2_bzCompressEnd` / `BZ2_bzDecompressEnd`; its memory goes back to the allocator.
    mutating func end() {
        guard isActive else { return }
        _ = Direction.end(stream)
        isActive = false
    }

    /// Points libbz2's input at `bytes`, which it only reads.
    func setInput(_ bytes: UnsafeRawBufferPointer) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: CChar.self))
        stream.pointee.avail_in = UInt32(bytes.count)
    }

    var availableInput: Int { Int(stream.pointee.avail_in) }

    /// libbz2 does not say whether output is pending.
    var isDrained: Bool { false }

    /// Calls `BZ2_bzCompress(action)` or `BZ2_bzDecompress` once.
    func step(_ action: Int32, output: UnsafeMutableRawPointer, room: Int) throws(CodecError) -> (step: StreamStep, roomLeft: Int) {
        stream.pointee.next_out = output.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(room)
        let code = Direction.code(stream, action)
        let roomLeft = Int(stream.pointee.avail_out)
        if Direction.madeNoProgress(code, action, stream) { return (.noProgress, roomLeft) }
        switch code {
        case BZ_OK, BZ_RUN_OK, BZ_FLUSH_OK, BZ_FINISH_OK: return (.progress, roomLeft)
        case BZ_STREAM_END: return (.streamEnd, roomLeft)
        default: throw Self.error(Direction.functionName, code)
        }
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
