import CZlib

/// What `deflateInit2` or `inflateInit2` takes besides the stream (`inflateInit2` reads the
/// window only).
///
/// One concrete type for both halves on purpose: with a stored property of an associated type,
/// Swift 6.3.1 at `-O` without whole-module optimization (and with `-enable-testing`) skipped
/// `ZlibStream`'s `deinit`, leaking each stream's `z_stream` (LeakSanitizer, `Fuzz/README.md`).
struct ZlibParameters {
    var level: CompressionLevel = .default
    var windowBits: WindowBits
    var memoryLevel: MemoryLevel = .default
}

/// Which half of zlib a ``ZlibStream`` drives: ``Deflate`` or ``Inflate``. The direction is a
/// type, so a stream cannot call `inflate` on a `deflateInit2` stream.
protocol ZlibDirection {
    /// `deflate` or `inflate`, the prefix of every function of this half, for errors.
    static var functionPrefix: String { get }
    /// Calls `deflateInit2` or `inflateInit2`.
    static func initialize(_ stream: z_streamp, _ parameters: ZlibParameters) -> Int32
    /// Calls `deflate` or `inflate`.
    static func code(_ stream: z_streamp, _ flush: Int32) -> Int32
    /// Calls `deflateReset` or `inflateReset`.
    static func reset(_ stream: z_streamp) -> Int32
    /// Calls `deflateEnd` or `inflateEnd`.
    static func end(_ stream: z_streamp) -> Int32
    /// Whether the stream stopped between deflate blocks with all output written (inflating);
    /// `false` where zlib does not say (deflating).
    static func isBetweenBlocks(_ stream: z_streamp) -> Bool
}

/// zlib's compressor, for raw deflate (negative window bits).
enum Deflate: ZlibDirection {
    static let functionPrefix = "deflate"
    static func initialize(_ stream: z_streamp, _ p: ZlibParameters) -> Int32 {
        CZlib_deflateInit2(stream, Int32(p.level.rawValue), -Int32(p.windowBits.rawValue), Int32(p.memoryLevel.rawValue))
    }
    static func code(_ stream: z_streamp, _ flush: Int32) -> Int32 { deflate(stream, flush) }
    static func reset(_ stream: z_streamp) -> Int32 { deflateReset(stream) }
    static func end(_ stream: z_streamp) -> Int32 { deflateEnd(stream) }
    static func isBetweenBlocks(_ stream: z_streamp) -> Bool { false }
}

/// zlib's decompressor, for raw deflate (negative window bits).
enum Inflate: ZlibDirection {
    static let functionPrefix = "inflate"
    static func initialize(_ stream: z_streamp, _ p: ZlibParameters) -> Int32 {
        // A window of 8 is inflated with 9: data sent with 256 bytes fits 512.
        CZlib_inflateInit2(stream, -Int32(Swift.max(p.windowBits.rawValue, WindowBits.minCompressible.rawValue)))
    }
    static func code(_ stream: z_streamp, _ flush: Int32) -> Int32 { inflate(stream, flush) }
    static func reset(_ stream: z_streamp) -> Int32 { inflateReset(stream) }
    static func end(_ stream: z_streamp) -> Int32 { inflateEnd(stream) }
    /// `data_type` has 128 added when inflate stopped right after an end-of-block code.
    static func isBetweenBlocks(_ stream: z_streamp) -> Bool { stream.pointee.data_type & 128 != 0 }
}

/// The single owner of one zlib `z_stream`, for deflate or inflate as `Direction` says.
///
/// zlib keeps a pointer back to the `z_stream` and rejects a moved one (`Z_STREAM_ERROR`), so
/// the stream lives on the heap and never moves. Its memory comes from a ``LibraryAllocator``,
/// which counts it. zlib's state (about 270 KB for a w15/m8 compressor) is set up by
/// ``initializeIfNeeded()`` on first use, so a connection that never sends, or never receives,
/// does not hold it. Between messages call ``reset()``; the stream is never re-created.
struct ZlibStream<Direction: ZlibDirection>: CompressionStream, ~Copyable {
    let stream: UnsafeMutablePointer<z_stream>
    let parameters: ZlibParameters
    let allocator = LibraryAllocator()
    /// Whether `*Init2` succeeded, so `*End` is owed.
    private(set) var isInitialized = false

    /// Keeps the parameters; zlib is set up later, by ``initializeIfNeeded()``. The parameters
    /// were checked by the codec's configuration.
    init(_ parameters: ZlibParameters) {
        self.parameters = parameters
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        // deflateEnd returns Z_DATA_ERROR when freed mid-message; that is expected.
        if isInitialized { _ = Direction.end(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Calls `deflateInit2` or `inflateInit2`, the first time only.
    /// - Throws: `library` or `outOfMemory` when zlib fails.
    @inline(__always)
    mutating func initializeIfNeeded() throws(CodecError) {
        if !isInitialized { try initialize() }
    }

    @inline(never)
    private mutating func initialize() throws(CodecError) {
        stream.pointee.zalloc = { opaque, items, size in LibraryAllocator.allocate(opaque, Int(items) * Int(size)) }
        stream.pointee.zfree = { opaque, pointer in LibraryAllocator.release(opaque, pointer) }
        stream.pointee.opaque = allocator.opaque
        let code = Direction.initialize(stream, parameters)
        guard code == Z_OK else { throw Self.error("\(Direction.functionPrefix)Init2", code, stream) }
        isInitialized = true
    }

    /// Calls `deflateReset` or `inflateReset`: forgets the window, keeps the memory. A stream
    /// not set up yet has nothing to forget.
    func reset() throws(CodecError) {
        guard isInitialized else { return }
        let code = Direction.reset(stream)
        guard code == Z_OK else { throw Self.error("\(Direction.functionPrefix)Reset", code, stream) }
    }

    /// Points zlib's input at `bytes`. The pointer is only read by zlib.
    @inline(__always)
    func setInput(_ bytes: UnsafeRawBufferPointer) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(bytes.count)
    }

    var availableInput: Int { Int(stream.pointee.avail_in) }

    /// Inflating, all input taken and zlib between blocks (zlib signals a block's end only once
    /// all of its output is written). Another call would move zlib on to read the next block's
    /// header and lose that signal (``isAtBlockBoundary``). Deflating, never known.
    var isDrained: Bool { Direction.isBetweenBlocks(stream) && stream.pointee.avail_in == 0 }

    /// Calls `deflate` or `inflate` once. Inlined into its callers (``CompressionStream``'s
    /// `step`, so the pump's loop and deflate's whole-payload path): a call of its own cost a
    /// small inflated message 1.5–2 ns (`pmce bench --reference`, 100-byte stored blocks).
    @inline(__always)
    func step(_ action: Int32, output: UnsafeMutableRawPointer, room: Int) throws(CodecError) -> (step: StreamStep, roomLeft: Int) {
        stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(room)
        let code = Direction.code(stream, action)
        let roomLeft = Int(stream.pointee.avail_out)
        switch code {
        case Z_OK: return (.progress, roomLeft)
        case Z_STREAM_END: return (.streamEnd, roomLeft)
        case Z_BUF_ERROR: return (.noProgress, roomLeft)
        default: throw Self.error(Direction.functionPrefix, code, stream)
        }
    }

    /// The memory zlib holds for this stream.
    var memory: CodecMemory {
        CodecMemory(libraryBytes: allocator.heldBytes, bufferBytes: 0, libraryAllocations: allocator.mallocCount)
    }

    /// Maps a zlib return code to an error carrying `msg`.
    static func error(_ function: String, _ code: Int32, _ stream: UnsafeMutablePointer<z_stream>) -> CodecError {
        let message = stream.pointee.msg.map { String(cString: $0) }
        switch code {
        case Z_DATA_ERROR, Z_NEED_DICT:
            return CodecError(.corruptData("\(function): \(message ?? (code == Z_NEED_DICT ? "needs a preset dictionary" : "invalid data"))"))
        case Z_MEM_ERROR:
            return CodecError(.outOfMemory(bytes: 0))
        default:
            return CodecError(.library(function: function, code: code, message: message))
        }
    }
}

extension ZlibStream where Direction == Inflate {
    /// Whether inflate stopped between blocks (`data_type` bit 128), as a whole message does.
    var isAtBlockBoundary: Bool { Inflate.isBetweenBlocks(stream) }
}
