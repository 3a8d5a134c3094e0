import CSnappy

/// Compresses one block of at most 64 KiB into the snappy format, without allocating.
///
/// `snappy_compress` allocates its hash table on every call. Where libsnappy exports its core,
/// `snappy::internal::CompressFragment`, this compressor calls that with a table it keeps and
/// writes the length preamble itself: the same format, and no `malloc` per chunk. Otherwise it
/// falls back to `snappy_compress`.
struct SnappyBlockCompressor: ~Copyable {
    /// libsnappy's largest hash table (`kMaxHashTableSize` in 1.1.x), in entries.
    static let maximumTableSize = 1 << 14
    static let minimumTableSize = 1 << 8
    static let usesFragmentCompressor = CSnappy_hasCompressFragment()

    /// The hash table, allocated on the first block so that a codec that never sends holds none.
    private var table: UnsafeMutablePointer<UInt16>? = nil
    /// ``usesFragmentCompressor``, read once: a lazy global costs a `swift_once` call per read.
    private let fragmentCompressor = Self.usesFragmentCompressor

    init() {}

    deinit { table?.deallocate() }

    /// The bytes the hash table holds.
    var tableBytes: Int { table == nil ? 0 : Self.maximumTableSize * MemoryLayout<UInt16>.size }

    /// The most bytes ``compress(_:into:)`` writes for `count` input bytes (at most 64 KiB):
    /// libsnappy's `snappy_max_compressed_length`, 32 + n + n / 6, computed here rather than by a
    /// call into C per chunk; a test checks it against libsnappy.
    @inline(__always)
    static func bound(_ count: Int) -> Int { 32 + count + count / 6 }

    /// Compresses `input` (at most 64 KiB) to `output`, which has room for ``bound(_:)`` bytes.
    /// - Returns: The compressed length.
    @inline(__always)
    mutating func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) throws(CodecError) -> Int {
        let source = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        guard fragmentCompressor, input.count > 0 else {
            return try Self.compressAllocating(input, into: output)
        }
        // The preamble: the uncompressed length as a little-endian base-128 varint.
        var preamble = 0
        var value = UInt32(input.count)
        while value >= 0x80 {
            output.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: preamble, as: UInt8.self)
            value >>= 7
            preamble += 1
        }
        output.storeBytes(of: UInt8(value), toByteOffset: preamble, as: UInt8.self)
        preamble += 1
        // libsnappy's table size for this input: a power of two between its minimum and maximum.
        var tableSize = Self.minimumTableSize
        while tableSize < Self.maximumTableSize && tableSize < input.count { tableSize <<= 1 }
        let table = self.table ?? allocateTable()
        table.update(repeating: 0, count: tableSize)
        let start = (output + preamble).assumingMemoryBound(to: CChar.self)
        let end = CSnappy_compressFragment(source, input.count, start, table, Int32(tableSize))!
        return preamble + (end - start)
    }

    /// `snappy_compress`, which allocates its table, where libsnappy does not export its core;
    /// out of line, so that it and its locals stay off the inlined path.
    @inline(never)
    private static func compressAllocating(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer) throws(CodecError) -> Int {
        var length = bound(input.count)
        let status = snappy_compress(input.baseAddress?.assumingMemoryBound(to: CChar.self), input.count, output.assumingMemoryBound(to: CChar.self), &length)
        guard status == SNAPPY_OK else {
            throw CodecError(.library(function: "snappy_compress", code: Int32(status.rawValue), message: nil))
        }
        return length
    }

    @inline(never)
    private mutating func allocateTable() -> UnsafeMutablePointer<UInt16> {
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: Self.maximumTableSize)
        self.table = table
        return table
    }
}
