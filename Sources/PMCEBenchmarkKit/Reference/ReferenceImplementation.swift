import CLibdeflate
import CReferenceCodecs
@_spi(LibdeflateCoders) import PerMessageCompression

/// Another implementation doing one spec's per-message work, timed interleaved with the spec's
/// passes: plain C on the same library, the runner's `÷ C` yardstick (`pmce bench
/// --reference`), or a Swift peer the host supplies (`--peer`, ``PeerImplementation``).
///
/// The C ones: zlib with `deflateReset` / `inflateReset` and reused buffers, libdeflate as
/// ``DeflateBackend/libdeflate`` codes whole messages, libbz2 with memory kept between messages
/// and as `BZ2_bzBuffToBuff*` (allocating per message), libsnappy with the framing format and
/// CRC32C. Each of their passes over a corpus is one call into C
/// (`CReferenceCodecs`), so no Swift runs between two messages. Only specs that compress every
/// message have one: a send policy has no C twin.
///
/// ```swift
/// for reference in ReferenceImplementation.all(for: .deflate()) { print(reference.label) }   // C zlib
/// ```
public struct ReferenceImplementation: Sendable, CustomStringConvertible {
    /// Which implementation.
    enum Variant: Sendable {
        case zlib(level: Int, windowBits: Int, memoryLevel: Int, noContextTakeover: Bool)
        case libdeflate(level: Int)
        case libbz2(level: Int, pooled: Bool)
        case libsnappy(noContextTakeover: Bool)
        case peer(any PeerImplementation, CodecSpec)
    }

    let variant: Variant

    /// The implementation's name in reports, such as `C zlib` or `C libbz2, BZ2_bzBuffToBuff`.
    public var label: String {
        switch variant {
        case .zlib: "C zlib"
        case .libdeflate: "C libdeflate"
        case .libbz2(_, pooled: true): "C libbz2, pooled"
        case .libbz2(_, pooled: false): "C libbz2, BZ2_bzBuffToBuff"
        case .libsnappy: "C libsnappy"
        case .peer(let peer, _): peer.label
        }
    }

    /// Whether this is plain C (else a Swift peer): the first C implementation is a row's `÷ C`.
    public var isPlainC: Bool {
        if case .peer = variant { return false }
        return true
    }

    /// The label.
    public var description: String { label }

    /// The C implementations of `spec`, the like-for-like one first (its `÷ C` is reported on
    /// the spec's row); none when the spec's send policy may send messages raw, or when it codes
    /// deflate with libdeflate in one direction only (zlib in the other).
    /// - Parameter spec: The spec.
    /// - Returns: Zero, one or (bzip2) two implementations.
    public static func all(for spec: CodecSpec) -> [ReferenceImplementation] {
        guard spec.sendPolicy == .always else { return [] }
        switch spec.configuration {
        case .deflate(let c) where c.backend != .zlib:
            guard c.compressesWithLibdeflate && c.decompressesWithLibdeflate else { return [] }
            return [.init(variant: .libdeflate(level: c.compressionLevel.effectiveLevel))]
        case .deflate(let c):
            return [.init(variant: .zlib(
                level: c.compressionLevel.rawValue, windowBits: c.sendWindowBits.rawValue, memoryLevel: c.memoryLevel.rawValue,
                noContextTakeover: c.sendNoContextTakeover))]
        case .bzip2(let c):
            return [.init(variant: .libbz2(level: c.sendLevel.rawValue, pooled: true)), .init(variant: .libbz2(level: c.sendLevel.rawValue, pooled: false))]
        case .snappy(let c):
            return [.init(variant: .libsnappy(noContextTakeover: c.sendNoContextTakeover))]
        }
    }

    /// The peers among `peers` that implement `spec`.
    /// - Parameters:
    ///   - peers: The Swift peers of the run.
    ///   - spec: The spec.
    /// - Returns: One implementation per peer that ``PeerImplementation/implements(_:)`` it.
    public static func peers(_ peers: [any PeerImplementation], for spec: CodecSpec) -> [ReferenceImplementation] {
        peers.filter { $0.implements(spec) }.map { .init(variant: .peer($0, spec)) }
    }

    /// A new endpoint direction of this implementation: the sender's compressor or the
    /// receiver's decompressor.
    /// - Throws: ``CodecError`` when it cannot be made.
    func makeCoder(compressing: Bool) throws(CodecError) -> any ReferenceCoder {
        let codec: OpaquePointer?
        switch variant {
        case .zlib(let level, let windowBits, let memoryLevel, let noContextTakeover):
            codec = CReference_makeDeflate(Int32(level), Int32(windowBits), Int32(memoryLevel), noContextTakeover)
        case .libdeflate(let level):
            return try Self.makeLibdeflateCoder(level: level, compressing: compressing)
        case .libbz2(let level, let pooled):
            codec = CReference_makeBzip2(Int32(level), pooled)
        case .libsnappy(let noContextTakeover):
            codec = CReference_makeSnappy(noContextTakeover)
        case .peer(let peer, let spec):
            return PeerReferenceCoder(try peer.makeCoder(for: spec, compressing: compressing))
        }
        guard let codec else { throw CodecError(.outOfMemory(bytes: 0)) }
        return CReferenceCoder(codec, compressing: compressing)
    }

    /// A C libdeflate coder for one direction: its libdeflate compressor or decompressor is
    /// made and freed through ``LibdeflateMemory``, as the Swift codec's are, since libdeflate
    /// has one allocator for the whole process.
    private static func makeLibdeflateCoder(level: Int, compressing: Bool) throws(CodecError) -> any ReferenceCoder {
        let (coder, _) = try LibdeflateMemory.make {
            compressing ? libdeflate_alloc_compressor(Int32(level)) : libdeflate_alloc_decompressor()
        }
        let release = {
            LibdeflateMemory.release { compressing ? libdeflate_free_compressor(coder) : libdeflate_free_decompressor(coder) }
        }
        guard let codec = compressing ? CReference_makeLibdeflate(coder, nil) : CReference_makeLibdeflate(nil, coder) else {
            release()
            throw CodecError(.outOfMemory(bytes: 0))
        }
        return CReferenceCoder(codec, compressing: compressing, afterFree: release)
    }
}
