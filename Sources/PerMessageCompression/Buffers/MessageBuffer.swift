/// A growable, contiguous byte buffer that keeps its storage across messages.
///
/// Codecs append their output to a `MessageBuffer`. Call ``removeAll()`` between messages:
/// the capacity is kept, so in steady state no message allocates.
///
/// ```swift
/// var output = MessageBuffer(capacity: 4096)
/// try codec.compressMessage(bytes, into: &output)
/// output.withUnsafeReadableBytes { send($0) }
/// output.removeAll()
/// ```
///
/// The storage is copied on write, like `Array`: a copy of the buffer shares storage until
/// one of the two is mutated.
public struct MessageBuffer: Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Written only while growing a uniquely referenced buffer, so no access overlaps one;
        // unchecked spares every append Swift's dynamic exclusivity check.
        @exclusivity(unchecked) @usableFromInline var pointer: UnsafeMutableRawPointer
        @exclusivity(unchecked) @usableFromInline var capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 0)
            self.pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(self.capacity, 1), alignment: 16)
        }

        deinit { pointer.deallocate() }
    }

    @usableFromInline var storage: Storage
    @usableFromInline var _count: Int

    /// Creates an empty buffer with room for `capacity` bytes.
    /// - Parameter capacity: The number of bytes to reserve up front.
    public init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
        _count = 0
    }

    /// Creates a buffer holding a copy of `bytes`.
    /// - Parameter bytes: The bytes to copy.
    public init(_ bytes: some Sequence<UInt8>) {
        self.init(capacity: bytes.underestimatedCount)
        append(contentsOf: bytes)
    }

    /// The number of bytes written.
    @inlinable public var count: Int { _count }

    /// Whether the buffer holds no bytes.
    @inlinable public var isEmpty: Bool { _count == 0 }

    /// The number of bytes the buffer can hold before it grows.
    @inlinable public var capacity: Int { storage.capacity }

    /// A copy of the bytes as an array. Allocates: use ``withUnsafeReadableBytes(_:)`` on hot paths.
    public var bytes: [UInt8] {
        withUnsafeReadableBytes { Array($0) }
    }

    /// Removes every byte and keeps the capacity.
    @inlinable public mutating func removeAll() { _count = 0 }

    /// Removes the last `n` bytes.
    /// - Parameter n: How many bytes to remove; at most ``count``.
    @inlinable public mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= _count, "removeLast(\(n)) on a buffer of \(_count) bytes")
        _count -= n
    }

    /// Makes sure at least `minimumCapacity` bytes fit without growing again.
    /// - Parameter minimumCapacity: The capacity wanted.
    @inlinable public mutating func reserveCapacity(_ minimumCapacity: Int) {
        if minimumCapacity > storage.capacity || !isKnownUniquelyReferenced(&storage) {
            grow(to: minimumCapacity)
        }
    }

    @inline(never) @usableFromInline
    mutating func grow(to minimumCapacity: Int) {
        var newCapacity = Swift.max(storage.capacity, 64)
        while newCapacity < minimumCapacity { newCapacity *= 2 }
        let newStorage = Storage(capacity: newCapacity)
        newStorage.pointer.copyMemory(from: storage.pointer, byteCount: _count)
        storage = newStorage
    }

    /// Appends the bytes in `bytes`.
    /// - Parameter bytes: The bytes to copy in.
    @inlinable public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        reserveCapacity(_count + bytes.count)
        (storage.pointer + _count).copyMemory(from: base, byteCount: bytes.count)
        _count += bytes.count
    }

    /// Appends the bytes of a sequence.
    /// - Parameter bytes: The bytes to copy in.
    @inlinable public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { append(UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in bytes { append(byte) }
        }
    }

    /// Appends one byte.
    /// - Parameter byte: The byte to append.
    @inlinable public mutating func append(_ byte: UInt8) {
        reserveCapacity(_count + 1)
        storage.pointer.storeBytes(of: byte, toByteOffset: _count, as: UInt8.self)
        _count += 1
    }

    /// Lends the spare capacity (at least `minimumWritableBytes`) to `body`, which returns how
    /// many bytes it wrote there; those become part of the buffer.
    ///
    /// - Parameters:
    ///   - minimumWritableBytes: The least number of writable bytes `body` needs.
    ///   - body: Writes into the buffer's spare capacity and returns the number of bytes written.
    /// - Returns: The number of bytes written.
    /// - Throws: What `body` throws; then nothing is appended.
    @inlinable @discardableResult
    public mutating func writeWithUnsafeMutableBytes<E: Error>(
        minimumWritableBytes: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws(E) -> Int {
        try writeWithUnsafeMutableBytes(minimumWritableBytes: minimumWritableBytes) { (spare) throws(E) -> (written: Int, result: Int) in
            let written = try body(spare)
            return (written, written)
        }
    }

    /// Lends the spare capacity (at least `minimumWritableBytes`) to `body`, which returns how
    /// many bytes it wrote there and a result of its own (such as a C library's status), so
    /// that it need not set a variable outside itself.
    ///
    /// - Parameters:
    ///   - minimumWritableBytes: The least number of writable bytes `body` needs.
    ///   - body: Writes into the buffer's spare capacity; returns the number of bytes written
    ///     and its result.
    /// - Returns: `body`'s result.
    /// - Throws: What `body` throws; then nothing is appended.
    @inlinable
    public mutating func writeWithUnsafeMutableBytes<Result, E: Error>(
        minimumWritableBytes: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> (written: Int, result: Result)
    ) throws(E) -> Result {
        reserveCapacity(_count + minimumWritableBytes)
        let spare = UnsafeMutableRawBufferPointer(start: storage.pointer + _count, count: storage.capacity - _count)
        let (written, result) = try body(spare)
        precondition(written >= 0 && written <= spare.count, "wrote \(written) bytes into \(spare.count)")
        _count += written
        return result
    }

    /// Lends the written bytes to `body`.
    /// - Parameter body: Reads the bytes; the pointer is valid only inside it.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    @inlinable
    public func withUnsafeReadableBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: storage.pointer, count: _count))
    }

    /// The byte at `index`.
    /// - Parameter index: A position in `0..<count`; outside it is a programmer error and traps.
    /// - Returns: The byte.
    @inlinable public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < _count, "index \(index) out of 0..<\(_count)")
        return storage.pointer.load(fromByteOffset: index, as: UInt8.self)
    }
}

extension MessageBuffer: Equatable {
    /// Two buffers are equal when they hold the same bytes.
    public static func == (lhs: MessageBuffer, rhs: MessageBuffer) -> Bool {
        lhs.count == rhs.count
            && lhs.withUnsafeReadableBytes { l in rhs.withUnsafeReadableBytes { r in l.elementsEqual(r) } }
    }
}

extension MessageBuffer: CustomStringConvertible {
    /// The size and the first bytes in hex.
    public var description: String {
        let shown = withUnsafeReadableBytes { $0.prefix(32).map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
        return "MessageBuffer(\(count) bytes: \(shown)\(count > 32 ? "…" : ""))"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// `Array.withUnsafeBytes` with a typed error: the standard library's only rethrows `any Error`.
@inlinable
func withBytes<R, E: Error>(of array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    var result: Result<R, E>!
    array.withUnsafeBytes { bytes in
        result = Result { () throws(E) -> R in try body(bytes) }
    }
    return try result.get()
}
