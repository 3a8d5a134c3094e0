#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibdeflate

/// libdeflate's memory, counted. libdeflate 1.14 takes one process-wide allocator
/// (`libdeflate_set_memory_allocator`), and each compressor or decompressor is one block; this
/// package makes and frees them only under ``lock``, so the bytes the hooks add to ``heldBytes``
/// during one `libdeflate_alloc_*` call are that coder's size. Another libdeflate user in the
/// process (the benchmark's C reference) must make and free its coders here too.
@_spi(LibdeflateCoders) public enum LibdeflateMemory {
    /// Serialises every allocation and release of a libdeflate coder.
    private static let lock = LockedValue(())
    /// Bytes held by libdeflate coders; changed only by the hooks, which run under ``lock``.
    nonisolated(unsafe) private static var heldBytes = 0

    /// Installs the counting hooks, once, before the first coder is made (libdeflate requires
    /// that none exists when they are set).
    private static let installed: Void = {
        libdeflate_set_memory_allocator(
            { size in
                // The block's size goes in the 16 bytes before it, for the release hook.
                guard let block = malloc(size + 16) else { return nil }
                block.storeBytes(of: size, as: Int.self)
                LibdeflateMemory.heldBytes += size
                return block + 16
            },
            { pointer in
                guard let pointer else { return }
                let block = pointer - 16
                LibdeflateMemory.heldBytes -= block.load(as: Int.self)
                free(block)
            })
    }()

    /// Makes a coder with `allocate` and says how many bytes it holds.
    /// - Parameter allocate: Calls `libdeflate_alloc_compressor` or `libdeflate_alloc_decompressor`.
    /// - Returns: The coder and its size.
    /// - Throws: `outOfMemory` when libdeflate returns none.
    public static func make(_ allocate: () -> OpaquePointer?) throws(CodecError) -> (OpaquePointer, bytes: Int) {
        _ = installed
        let (coder, bytes) = lock.withLock { _ in
            let before = heldBytes
            let coder = allocate()
            return (coder, heldBytes - before)
        }
        guard let coder else { throw CodecError(.outOfMemory(bytes: 0)) }
        return (coder, bytes)
    }

    /// Frees a coder with `free`.
    /// - Parameter free: Calls `libdeflate_free_compressor` or `libdeflate_free_decompressor`.
    public static func release(_ free: () -> Void) {
        lock.withLock { _ in free() }
    }
}

/// One libdeflate coder, made on first use and freed with its owner, and the bytes it holds.
struct LibdeflateHandle: ~Copyable {
    enum Kind {
        case compressor(level: Int32)
        case decompressor
    }

    private let kind: Kind
    private var pointer: OpaquePointer?
    private var bytes = 0

    init(_ kind: Kind) {
        self.kind = kind
    }

    deinit {
        guard let pointer else { return }
        switch kind {
        case .compressor: LibdeflateMemory.release { libdeflate_free_compressor(pointer) }
        case .decompressor: LibdeflateMemory.release { libdeflate_free_decompressor(pointer) }
        }
    }

    /// The coder's state and `bufferBytes`; zero before the coder is made.
    func memory(bufferBytes: Int = 0) -> CodecMemory {
        pointer == nil ? .zero : CodecMemory(libraryBytes: bytes, bufferBytes: bufferBytes, libraryAllocations: 1)
    }

    /// The coder, made now if it was not yet.
    mutating func coder() throws(CodecError) -> OpaquePointer {
        if let pointer { return pointer }
        return try make()
    }

    @inline(never)
    private mutating func make() throws(CodecError) -> OpaquePointer {
        let kind = self.kind
        let (pointer, bytes) = try LibdeflateMemory.make {
            switch kind {
            case .compressor(let level): libdeflate_alloc_compressor(level)
            case .decompressor: libdeflate_alloc_decompressor()
            }
        }
        self.pointer = pointer
        self.bytes = bytes
        return pointer
    }
}

/// Compresses whole messages with libdeflate (see ``DeflateBackend/libdeflate``): the compressor
/// is made on the first message and kept, and each call is one `libdeflate_deflate_compress`.
struct LibdeflateCompressor: ~Copyable {
    private var handle: LibdeflateHandle

    init(level: CompressionLevel) {
        handle = LibdeflateHandle(.compressor(level: Int32(level.effectiveLevel)))
    }

    /// The compressor's state; zero before the first message.
    var memory: CodecMemory { handle.memory() }

    /// Appends `message` as one deflate stream whose last block has BFINAL set, then `00`: the
    /// empty stored block RFC 7692 §7.2.1 appends, less the `00 00 ff ff` it removes.
    mutating func compress(_ message: UnsafeRawBufferPointer, into output: inout MessageBuffer) throws(CodecError) {
        let compressor = try handle.coder()
        let bound = libdeflate_deflate_compress_bound(compressor, message.count)
        try output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound + 1) { (spare) throws(CodecError) in
            let written = libdeflate_deflate_compress(compressor, message.baseAddress, message.count, spare.baseAddress, bound)
            guard written > 0 else {
                throw CodecError(.brokenInvariant("libdeflate_deflate_compress found no room within its own bound of \(bound) bytes"))
            }
            spare.storeBytes(of: 0, toByteOffset: written, as: UInt8.self)
            return written + 1
        }
    }
}

/// The libdeflate this package was built against.
enum LibdeflateVersion {
    /// Whether its decompressor refuses a dynamic block whose run-length coded code lengths run
    /// past the count the block's header gives, as zlib does ("invalid bit length repeat").
    /// libdeflate 1.16 and later do; earlier ones ignore the extra lengths (fuzz finding 6).
    static let refusesExtraCodeLengths = LIBDEFLATE_VERSION_MAJOR > 1 || LIBDEFLATE_VERSION_MINOR >= 16
}

/// Decompresses whole payloads with libdeflate (see ``DeflateBackend/libdeflate``).
///
/// libdeflate decodes up to a final block (BFINAL), and a payload that ended with a sync flush
/// has none, so the payload goes to libdeflate with RFC 7692's `00 00 ff ff` after it and a
/// *seal* after that: a stored block of ``secretCount`` random bytes, drawn when the decompressor
/// is made and never sent, then an empty final block. libdeflate reads in one call and does not
/// say where a block ended; the seal is how the decompressor knows that the payload's last block
/// ended where `00 00 ff ff` does, as zlib requires:
/// - A payload that ends at a block boundary after `00 00 ff ff` (every valid sync-flushed
///   payload) decodes to the message, then the secret bytes, and the read ends with the seal.
/// - A payload whose own block runs on into the appended bytes (a final block that has not ended,
///   which zlib refuses as truncated) reads the seal as part of that block. To pass, its output
///   would have to end with the secret bytes: a Huffman-coded block would have to decode them
///   without knowing them, one chance in 2^128, and a stored block copies them only together
///   with the stored block's header before them, which the decompressor checks for.
/// Anything else (an error, a read that ends elsewhere, output without the seal) goes to zlib,
/// which decodes it or names what is wrong, so the two backends accept the same payloads.
struct LibdeflateDecompressor: ~Copyable {
    private var handle = LibdeflateHandle(.decompressor)
    /// The payload and ``appended``.
    private var scratch = MessageBuffer()
    /// What goes after every payload: `00 00 ff ff`, the seal's stored block (its header, then
    /// the secret) and the empty final block; made with the decompressor, on the first message.
    private var appended: [UInt8] = []

    /// How many secret bytes the seal holds.
    static let secretCount = 16
    /// The seal's stored block within ``appended``: a non-final stored-block header of 5 bytes,
    /// then the secret.
    private static let sealBlock = SyncFlushTrailer.count..<(SyncFlushTrailer.count + 5 + secretCount)

    /// The secret bytes (for tests): empty before the first message.
    var secret: ArraySlice<UInt8> { appended.isEmpty ? [] : appended[Self.sealBlock].suffix(Self.secretCount) }

    init() {}

    /// The decompressor's state, its scratch buffer and the appended bytes; zero before the first
    /// message.
    var memory: CodecMemory { handle.memory(bufferBytes: scratch.capacity + appended.capacity) }

    /// `00 00 ff ff`, a stored block of ``secretCount`` bytes from the system's random source, and
    /// an empty fixed-Huffman block with BFINAL set (`03 00`).
    private static func makeAppended() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let length = UInt16(secretCount)
        return SyncFlushTrailer.withBytes { Array($0) }
            + [0x00, UInt8(truncatingIfNeeded: length), UInt8(length >> 8), UInt8(truncatingIfNeeded: ~length), UInt8(~length >> 8)]
            + (0..<secretCount).map { _ in generator.next() as UInt8 }
            + [0x03, 0x00]
    }

    /// Appends the message `payload` decompresses to, when libdeflate decodes it whole within
    /// `limit` bytes, and returns `true`; returns `false` otherwise, leaving `output` as it was,
    /// so that zlib decodes it (and names what is wrong).
    mutating func decompress(_ payload: UnsafeRawBufferPointer, limit: Int?, into output: inout MessageBuffer) throws(CodecError) -> Bool {
        let decompressor = try handle.coder()
        if appended.isEmpty { appended = Self.makeAppended() }
        scratch.removeAll()
        scratch.append(payload)
        appended.withUnsafeBytes { scratch.append($0) }
        // Room for the message and the secret bytes after it (a limit up to `Int.max` is valid).
        let ceiling = limit.map { $0 > Int.max - Self.secretCount ? Int.max : $0 + Self.secretCount } ?? Int.max
        // Room for about 4:1, or what the buffer already has to spare; doubled when short.
        var room = Swift.min(Swift.max(payload.count * 4, 16 * 1024, output.capacity - output.count), ceiling)
        while true {
            let (status, read, written) = scratch.withUnsafeReadableBytes { input in
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { spare in
                    var read = 0
                    var written = 0
                    let status = libdeflate_deflate_decompress_ex(decompressor, input.baseAddress, input.count, spare.baseAddress, room, &read, &written)
                    let kept = status == LIBDEFLATE_SUCCESS ? written : 0
                    return (written: kept, result: (status, read, kept))
                }
            }
            if status == LIBDEFLATE_SUCCESS {
                // The payload's own final block (RFC 7692 §7.2.3's example), which may be
                // followed by one `00`: nothing appended was read.
                if read == payload.count || (read == payload.count - 1 && payload[read] == 0) { return true }
                if read == scratch.count && isSealed(output, written: written) {
                    output.removeLast(Self.secretCount)
                    return true
                }
                output.removeLast(written)
                return false
            }
            guard status == LIBDEFLATE_INSUFFICIENT_SPACE, room < ceiling else { return false }
            room = ceiling - room < room ? ceiling : room * 2
        }
    }

    /// Whether the `written` bytes just appended to `output` end with the secret bytes, and not
    /// with the seal's stored block as a whole: a stored block of the peer's that runs on through
    /// the appended bytes copies that header too. (A message that itself ends with those five
    /// bytes goes to zlib, which decodes it as well.)
    private func isSealed(_ output: MessageBuffer, written: Int) -> Bool {
        guard written >= Self.secretCount else { return false }
        return output.withUnsafeReadableBytes { bytes in
            appended.withUnsafeBytes { appended in
                let seal = appended.baseAddress! + Self.sealBlock.lowerBound
                let sealCount = Self.sealBlock.count
                let headerCount = sealCount - Self.secretCount
                let end = bytes.baseAddress! + bytes.count
                guard memcmp(end - Self.secretCount, seal + headerCount, Self.secretCount) == 0 else { return false }
                return written < sealCount || memcmp(end - sealCount, seal, headerCount) != 0
            }
        }
    }
}
