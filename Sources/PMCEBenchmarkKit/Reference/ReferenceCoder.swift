import CReferenceCodecs
import PerMessageCompression

/// One direction of a ``ReferenceImplementation`` on one pass: every item of `input` coded into
/// `output`, timed around the coding alone.
protocol ReferenceCoder: AnyObject {
    /// One pass over `input` (item `i` ending at `inputEnds[i]`) into `output` (emptied first),
    /// where each result ends into `ends`.
    /// - Parameters:
    ///   - room: Bytes `output` may need.
    ///   - countingAllocations: Whether to count the allocations of the coding.
    /// - Returns: The coding's nanoseconds, and its allocations when counted.
    /// - Throws: ``CodecError`` naming what failed.
    func pass(
        _ input: MessageBuffer, _ inputEnds: [Int], into output: inout MessageBuffer, ends: inout [Int], room: Int, countingAllocations: Bool
    ) throws(CodecError) -> (nanoseconds: UInt64, allocations: Int?)
}

extension ReferenceCoder {
    /// Runs `body` between two clock reads, counting its allocations when asked.
    @inline(__always)
    static func timed(countingAllocations: Bool, _ body: () throws(CodecError) -> Void) throws(CodecError) -> (nanoseconds: UInt64, allocations: Int?) {
        let start = MonotonicClock.nanoseconds()
        let allocations: Int?
        if countingAllocations {
            allocations = try AllocationCounter.count(body)
        } else {
            try body()
            allocations = nil
        }
        return (MonotonicClock.nanoseconds() &- start, allocations)
    }
}

/// A C codec of `CReferenceCodecs` (made on first use), freed with this object: each pass is
/// one call into C.
final class CReferenceCoder: ReferenceCoder {
    /// `CReference_compressPass` or `CReference_decompressPass`.
    private typealias CPass = (
        OpaquePointer?, UnsafePointer<UInt8>?, UnsafePointer<Int>?, Int, UnsafeMutablePointer<UInt8>?, Int, UnsafeMutablePointer<Int>?
    ) -> CReference_Status

    private let pointer: OpaquePointer
    private let compressing: Bool
    /// Frees what the codec borrowed (a libdeflate coder), once the codec is freed.
    private let afterFree: (() -> Void)?

    init(_ pointer: OpaquePointer, compressing: Bool, afterFree: (() -> Void)? = nil) {
        self.pointer = pointer
        self.compressing = compressing
        self.afterFree = afterFree
    }

    deinit {
        CReference_free(pointer)
        afterFree?()
    }

    func pass(
        _ input: MessageBuffer, _ inputEnds: [Int], into output: inout MessageBuffer, ends: inout [Int], room: Int, countingAllocations: Bool
    ) throws(CodecError) -> (nanoseconds: UInt64, allocations: Int?) {
        let function: CPass
        if compressing { function = CReference_compressPass } else { function = CReference_decompressPass }
        let pointer = pointer
        var status = CReference_ok
        var measured: (nanoseconds: UInt64, allocations: Int?) = (0, nil)
        output.removeAll()
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { spare in
            input.withUnsafeReadableBytes { input in
                ends.withUnsafeMutableBufferPointer { outputEnds in
                    func call() {
                        status = function(
                            pointer, input.baseAddress?.assumingMemoryBound(to: UInt8.self), inputEnds, inputEnds.count,
                            spare.baseAddress?.assumingMemoryBound(to: UInt8.self), room, outputEnds.baseAddress)
                    }
                    // `timed` cannot fail here: `call` does not throw.
                    measured = (try? Self.timed(countingAllocations: countingAllocations, call)) ?? (0, nil)
                }
            }
            return status == CReference_ok ? (ends.last ?? 0) : 0
        }
        guard status == CReference_ok else {
            let name = compressing ? "CReference_compressPass" : "CReference_decompressPass"
            throw CodecError(.library(function: name, code: status.rawValue, message: nil))
        }
        return measured
    }
}

/// A Swift peer's coder (``PeerCoder``): its input handed over and its output taken outside
/// the clock reads.
final class PeerReferenceCoder: ReferenceCoder {
    private let coder: any PeerCoder

    init(_ coder: any PeerCoder) {
        self.coder = coder
    }

    func pass(
        _ input: MessageBuffer, _ inputEnds: [Int], into output: inout MessageBuffer, ends: inout [Int], room: Int, countingAllocations: Bool
    ) throws(CodecError) -> (nanoseconds: UInt64, allocations: Int?) {
        try input.withUnsafeReadableBytes { (bytes) throws(CodecError) in try prepare(bytes, inputEnds) }
        let measured = try Self.timed(countingAllocations: countingAllocations, run)
        coder.collect(into: &output, ends: &ends)
        return measured
    }

    private func prepare(_ bytes: UnsafeRawBufferPointer, _ ends: [Int]) throws(CodecError) {
        try coder.prepare(bytes, ends: ends)
    }

    private func run() throws(CodecError) {
        try coder.run()
    }
}
