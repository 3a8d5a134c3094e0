import CReferenceCodecs
import PerMessageCompression

/// Plain C doing one spec's per-message work on the same library, the runner's `÷ C` yardstick
/// (`pmce bench --reference`): zlib with `deflateReset` / `inflateReset` and reused buffers,
/// libbz2 with memory kept between messages and as `BZ2_bzBuffToBuff*` (allocating per
/// message), libsnappy with the framing format and CRC32C.
///
/// Each pass over a corpus is one call into C (`CReferenceCodecs`), so no Swift runs between
/// two messages. Only specs that compress every message have one: a send policy has no C twin.
///
/// ```swift
/// for reference in ReferenceImplementation.all(for: .deflate()) { print(reference.label) }   // C zlib
/// ```
public struct ReferenceImplementation: Hashable, Sendable, CustomStringConvertible {
    /// Which C variant.
    enum Variant: Hashable, Sendable {
        case zlib(level: Int, windowBits: Int, memoryLevel: Int, noContextTakeover: Bool)
        case libbz2(level: Int, pooled: Bool)
        case libsnappy(noContextTakeover: Bool)
    }

    let variant: Variant

    /// The implementation's name in reports, such as `C zlib` or `C libbz2, BZ2_bzBuffToBuff`.
    public var label: String {
        switch variant {
        case .zlib: "C zlib"
        case .libbz2(_, pooled: true): "C libbz2, pooled"
        case .libbz2(_, pooled: false): "C libbz2, BZ2_bzBuffToBuff"
        case .libsnappy: "C libsnappy"
        }
    }

    /// The label.
    public var description: String { label }

    /// The C implementations of `spec`, the like-for-like one first (its `÷ C` is reported on
    /// the spec's row); none when the spec's send policy may send messages raw, or when it codes
    /// deflate with libdeflate (compare it with the zlib row beside it).
    /// - Parameter spec: The spec.
    /// - Returns: Zero, one or (bzip2) two implementations.
    public static func all(for spec: CodecSpec) -> [ReferenceImplementation] {
        guard spec.sendPolicy == .always else { return [] }
        switch spec.configuration {
        case .deflate(let c) where c.backend != .zlib:
            return []
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

    /// A new endpoint direction of this implementation, freed with the returned value.
    func makeCodec() -> ReferenceCodec? {
        let codec: OpaquePointer? = switch variant {
        case .zlib(let level, let windowBits, let memoryLevel, let noContextTakeover):
            CReference_makeDeflate(Int32(level), Int32(windowBits), Int32(memoryLevel), noContextTakeover)
        case .libbz2(let level, let pooled):
            CReference_makeBzip2(Int32(level), pooled)
        case .libsnappy(let noContextTakeover):
            CReference_makeSnappy(noContextTakeover)
        }
        return codec.map(ReferenceCodec.init)
    }
}

/// One C codec (a compressor or a decompressor, made on first use), freed with this object.
final class ReferenceCodec {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { CReference_free(pointer) }
}
