import CZlib

/// The single owner of one zlib `z_stream`, for deflate or inflate.
///
/// zlib keeps a pointer back to the `z_stream` and rejects a moved one (`Z_STREAM_ERROR`), so
/// the stream lives on the heap and never moves. Its memory comes from a ``LibraryAllocator``,
/// which counts it. Between messages call ``reset()``; the stream is never re-created.
struct ZlibStream: CompressionStream, ~Copyable {
    enum Kind {
        case deflate(level: CompressionLevel, windowBits: WindowBits, memoryLevel: MemoryLevel)
        case inflate(windowBits: WindowBits)
    }

    let stream: UnsafeMutablePointer<z_stream>
    let isDeflate: Bool
    let allocator: LibraryAllocator

    /// Calls `deflateInit2` or `inflateInit2` for raw deflate (negative window bits).
    /// - Throws: `invalidParameter` for a window zlib refuses, `library` for any other failure.
    init(_ kind: Kind) throws(CodecError) {
        let allocator = LibraryAllocator()
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        stream.pointee.zalloc = { opaque, items, size in LibraryAllocator.allocate(opaque, Int(items) * Int(size)) }
        stream.pointee.zfree = { opaque, pointer in LibraryAllocator.release(opaque, pointer) }
        stream.pointee.opaque = allocator.opaque
        let code: Int32
        let function: String
        let isDeflate: Bool
        switch kind {
        case .deflate(let level, let windowBits, let memoryLevel):
            guard WindowBits.compressible.contains(windowBits.rawValue) else {
                stream.deallocate()
                throw CodecError(.invalidParameter(name: "window bits", value: windowBits.rawValue, allowed: WindowBits.compressible))
            }
            function = "deflateInit2"
            isDeflate = true
            code = CZlib_deflateInit2(stream, Int32(level.rawValue), -Int32(windowBits.rawValue), Int32(memoryLevel.rawValue))
        case .inflate(let windowBits):
            // A window of 8 is inflated with 9: data sent with 256 bytes fits 512.
            function = "inflateInit2"
            isDeflate = false
            code = CZlib_inflateInit2(stream, -Int32(Swift.max(windowBits.rawValue, 9)))
        }
        guard code == Z_OK else {
            let error = ZlibStream.error(function, code, stream)
            stream.deallocate()
            throw error
        }
        self.stream = stream
        self.isDeflate = isDeflate
        self.allocator = allocator
    }

    deinit {
        // deflateEnd returns Z_DATA_ERROR when freed mid-message; that is expected.
        _ = isDeflate ? deflateEnd(stream) : inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Calls `deflateReset` or `inflateReset`: forgets the window, keeps the memory.
    func reset() throws(CodecError) {
        let code = isDeflate ? deflateReset(stream) : inflateReset(stream)
        guard code == Z_OK else { throw Self.error(isDeflate ? "deflateReset" : "inflateReset", code, stream) }
    }

    /// Points zlib's input at `bytes`. The pointer is only read by zlib.
    func setInput(_ bytes: UnsafeRawBufferPointer) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(bytes.count)
    }

    var availableInput: Int { Int(stream.pointee.avail_in) }

    /// Calls `deflate` or `inflate` once.
    func step(_ action: Int32, output: UnsafeMutableRawPointer, room: Int) throws(CodecError) -> (step: StreamStep, roomLeft: Int) {
        stream.pointee.next_out = output.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(room)
        let code = isDeflate ? deflate(stream, action) : inflate(stream, action)
        let roomLeft = Int(stream.pointee.avail_out)
        switch code {
        case Z_OK: return (.progress, roomLeft)
        case Z_STREAM_END: return (.streamEnd, roomLeft)
        case Z_BUF_ERROR: return (.noProgress, roomLeft)
        default: throw Self.error(isDeflate ? "deflate" : "inflate", code, stream)
        }
    }

    /// Whether inflate stopped between blocks (`data_type` bit 128), as a whole message does.
    var isAtBlockBoundary: Bool { stream.pointee.data_type & 128 != 0 }

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
