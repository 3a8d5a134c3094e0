import CSnappy

/// Decodes snappy framing-format chunks with libsnappy, verifying every chunk's CRC32C.
///
/// Accepts compressed and uncompressed data chunks, a stream identifier anywhere (and streams
/// without one, as python-snappy does), and skips padding and reserved skippable chunks. A
/// chunk split across pieces is gathered in a buffer kept for the next message; a message must
/// end on a chunk boundary.
struct SnappyFrameDecoder: SlicedDecoder, ~Copyable {
    /// The bytes of a chunk that arrived in more than one piece.
    private var pending = MessageBuffer()
    /// Bytes of a skippable chunk still to skip.
    private var skipRemaining = 0

    private let hardwareCRC = CRC32C.hasHardware

    /// Decodes chunk by chunk; with an output limit, stops between chunks (a chunk holds at most
    /// 64 KiB) once the limit is reached.
    mutating func decode(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int
    ) throws(CodecError) -> DecompressionStep {
        var decoded = 0
        if pending.isEmpty && skipRemaining == 0 {
            let start = output.count
            decoded = try decodeWholeChunks(input, into: &output, budget: &budget, outputLimit: outputLimit)
            // Nearly every payload: whole chunks only, so nothing to gather or skip.
            if decoded == input.count { return .complete(input.count) }
            if output.count - start >= outputLimit { return DecompressionStep(consumedBytes: decoded, isComplete: false) }
        }
        return try decodeRest(input[decoded...], isFinal: isFinal, into: &output, budget: &budget, outputLimit: outputLimit)
    }

    /// The general loop, out of line so that the fast path stays small: skips skippable chunks,
    /// decodes whole chunks in place and gathers split ones.
    @inline(never)
    private mutating func decodeRest(
        _ rest: Slice<UnsafeRawBufferPointer>, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int
    ) throws(CodecError) -> DecompressionStep {
        let count = rest.endIndex
        let start = output.count
        var rest = rest
        while !rest.isEmpty {
            if output.count - start >= outputLimit {
                return DecompressionStep(consumedBytes: rest.startIndex, isComplete: false)
            }
            if skipRemaining > 0 {
                let skipped = Swift.min(skipRemaining, rest.count)
                skipRemaining -= skipped
                rest = rest.dropFirst(skipped)
            } else if pending.isEmpty, rest.count >= SnappyFraming.headerSize {
                // Fast path: decode in place when the whole chunk is here.
                let (type, length) = try Self.header(UnsafeRawBufferPointer(rebasing: rest))
                let end = SnappyFraming.headerSize + length
                if Self.isSkippable(type) {
                    skipRemaining = length
                    rest = rest.dropFirst(SnappyFraming.headerSize)
                } else if rest.count >= end {
                    try Self.decodeChunk(type: type, hardwareCRC: hardwareCRC, body: UnsafeRawBufferPointer(rebasing: rest.dropFirst(SnappyFraming.headerSize).prefix(length)), into: &output, budget: &budget)
                    rest = rest.dropFirst(end)
                } else {
                    rest = try gather(rest, into: &output, budget: &budget)
                }
            } else {
                rest = try gather(rest, into: &output, budget: &budget)
            }
        }
        guard isFinal else { return .complete(count) }
        defer { pending.removeAll(); skipRemaining = 0 }
        guard pending.isEmpty && skipRemaining == 0 else {
            throw CodecError(.truncated("the message ends inside a snappy chunk"))
        }
        return .complete(count)
    }

    /// The fast path of a payload that arrives whole (nearly every one): decodes the chunks that
    /// lie entirely in `input`, in place, with one offset and no slices, and stops at the first
    /// skippable chunk or one cut off by the end of `input`, for the general loop, or once it has
    /// written `outputLimit` bytes.
    /// - Returns: The offset of the first byte not decoded.
    @inline(__always)
    private func decodeWholeChunks(_ input: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int) throws(CodecError) -> Int {
        guard let base = input.baseAddress else { return 0 }
        let count = input.count
        let start = output.count
        var offset = 0
        while count - offset >= SnappyFraming.headerSize {
            // The stream identifier, which starts every message without context takeover,
            // checked whole in two compares.
            if count - offset >= SnappyFraming.streamIdentifierChunkSize && SnappyFraming.isStreamIdentifierChunk(at: base + offset) {
                offset &+= SnappyFraming.streamIdentifierChunkSize
                continue
            }
            let (type, length) = try Self.header(UnsafeRawBufferPointer(start: base + offset, count: SnappyFraming.headerSize))
            let bodyStart = offset + SnappyFraming.headerSize
            guard count - bodyStart >= length, !Self.isSkippable(type) else { break }
            try Self.decodeChunk(type: type, hardwareCRC: hardwareCRC, body: UnsafeRawBufferPointer(start: base + bodyStart, count: length), into: &output, budget: &budget)
            offset = bodyStart + length
            if output.count - start >= outputLimit { break }
        }
        return offset
    }

    /// Adds bytes of a split chunk to `pending`; decodes it once complete. Returns what is left.
    private mutating func gather(_ rest: Slice<UnsafeRawBufferPointer>, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) -> Slice<UnsafeRawBufferPointer> {
        var rest = rest
        if pending.count < SnappyFraming.headerSize {
            let taken = rest.prefix(SnappyFraming.headerSize - pending.count)
            pending.append(UnsafeRawBufferPointer(rebasing: taken))
            rest = rest.dropFirst(taken.count)
            guard pending.count == SnappyFraming.headerSize else { return rest }
        }
        let (type, length) = try pending.withUnsafeReadableBytes { (bytes) throws(CodecError) in try Self.header(bytes) }
        if Self.isSkippable(type) {
            pending.removeAll()
            skipRemaining = length
            return rest
        }
        let taken = rest.prefix(SnappyFraming.headerSize + length - pending.count)
        pending.append(UnsafeRawBufferPointer(rebasing: taken))
        rest = rest.dropFirst(taken.count)
        if pending.count == SnappyFraming.headerSize + length {
            try pending.withUnsafeReadableBytes { (bytes) throws(CodecError) in
                try Self.decodeChunk(type: type, hardwareCRC: hardwareCRC, body: UnsafeRawBufferPointer(rebasing: bytes.dropFirst(SnappyFraming.headerSize)), into: &output, budget: &budget)
            }
            pending.removeAll()
        }
        return rest
    }

    private static func isSkippable(_ type: UInt8) -> Bool {
        type == SnappyFraming.padding || (0x80...0xFD).contains(type)
    }

    /// Reads and checks a chunk header (``SnappyFraming/headerSize`` bytes). Inlined into the
    /// loops that read headers; its errors are made out of line, so the hot path stays small.
    @inline(__always)
    private static func header(_ bytes: UnsafeRawBufferPointer) throws(CodecError) -> (type: UInt8, length: Int) {
        let word = UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))
        let type = UInt8(truncatingIfNeeded: word)
        let length = Int(word >> 8)
        switch type {
        case SnappyFraming.compressedData:
            if length < SnappyFraming.checksumSize || length > SnappyFraming.maximumCompressedChunk { throw Failure.impossibleLength(type, length) }
        case SnappyFraming.uncompressedData:
            if length < SnappyFraming.checksumSize || length > SnappyFraming.checksumSize + SnappyFraming.maximumChunkData { throw Failure.impossibleLength(type, length) }
        case SnappyFraming.streamIdentifier:
            if length != 6 { throw Failure.identifierLength(length) }
        case SnappyFraming.reservedUnskippable:
            throw Failure.unknownChunk(type)
        default:
            break
        }
        return (type, length)
    }

    /// The decoder's errors, each made out of line: built in the inlined chunk code, their
    /// strings and payloads took registers and stack the hot path needed.
    private enum Failure {
        @inline(never) static func impossibleLength(_ type: UInt8, _ length: Int) -> CodecError {
            CodecError(.corruptData("data chunk of type 0x0\(type) with impossible length \(length)"))
        }
        @inline(never) static func identifierLength(_ length: Int) -> CodecError {
            CodecError(.corruptData("stream identifier chunk of length \(length), not 6"))
        }
        @inline(never) static func unknownChunk(_ type: UInt8) -> CodecError { CodecError(.unknownChunkType(type)) }
        @inline(never) static func notStreamIdentifier() -> CodecError { CodecError(.corruptData("stream identifier is not \"sNaPpY\"")) }
        @inline(never) static func invalidPreamble() -> CodecError { CodecError(.corruptData("snappy chunk with an invalid length preamble")) }
        @inline(never) static func uncompressRejected(_ count: Int) -> CodecError {
            CodecError(.corruptData("snappy_uncompress rejected a compressed chunk of \(count) bytes (SNAPPY_INVALID_INPUT)"))
        }
        @inline(never) static func checksumMismatch(_ expected: UInt32, _ actual: UInt32) -> CodecError {
            CodecError(.checksumMismatch(expected: expected, actual: actual))
        }
    }

    /// A data chunk's body split into its masked CRC32C and its data; ``header(_:)`` has checked
    /// that the body holds the checksum.
    @inline(__always)
    private static func checksumAndData(_ body: UnsafeRawBufferPointer) -> (UInt32, UnsafeRawBufferPointer) {
        let checksum = UInt32(littleEndian: body.loadUnaligned(as: UInt32.self))
        return (checksum, UnsafeRawBufferPointer(start: body.baseAddress.map { $0 + SnappyFraming.checksumSize }, count: body.count - SnappyFraming.checksumSize))
    }

    @inline(__always)
    private static func decodeChunk(type: UInt8, hardwareCRC: Bool, body: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        switch type {
        case SnappyFraming.streamIdentifier:
            guard SnappyFraming.isStreamIdentifierBody(body) else {
                throw Failure.notStreamIdentifier()
            }
        case SnappyFraming.compressedData:
            try decodeCompressedChunk(hardwareCRC: hardwareCRC, body: body, into: &output, budget: &budget)
        case SnappyFraming.uncompressedData:
            let (expected, data) = checksumAndData(body)
            try budget.record(data.count)
            let actual = CRC32C.masked(data, hardware: hardwareCRC)
            guard actual == expected else { throw Failure.checksumMismatch(expected, actual) }
            output.append(data)
        default:
            break
        }
    }

    /// A compressed chunk, out of line: its locals whose addresses go to libsnappy would cost
    /// every call of the inlined chunk loop a stack guard and spills, and libsnappy's work
    /// dwarfs one call.
    @inline(never)
    private static func decodeCompressedChunk(hardwareCRC: Bool, body: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        let (expected, data) = checksumAndData(body)
        let source = data.baseAddress?.assumingMemoryBound(to: CChar.self)
        var length = 0
        guard snappy_uncompressed_length(source, data.count, &length) == SNAPPY_OK,
            length <= SnappyFraming.maximumChunkData
        else {
            throw Failure.invalidPreamble()
        }
        try budget.record(length)
        var status = SNAPPY_OK
        var actual: UInt32 = 0
        output.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { spare in
            var written = length
            status = snappy_uncompress(source, data.count, spare.baseAddress?.assumingMemoryBound(to: CChar.self), &written)
            // A length other than the preamble's is as invalid as a parse error.
            if status == SNAPPY_OK && written != length { status = SNAPPY_INVALID_INPUT }
            guard status == SNAPPY_OK else { return 0 }
            actual = CRC32C.masked(UnsafeRawBufferPointer(start: spare.baseAddress, count: written), hardware: hardwareCRC)
            return written
        }
        guard status == SNAPPY_OK else {
            throw Failure.uncompressRejected(data.count)
        }
        guard actual == expected else { throw Failure.checksumMismatch(expected, actual) }
    }

    var memory: CodecMemory {
        CodecMemory(libraryBytes: 0, bufferBytes: pending.capacity, libraryAllocations: 0)
    }
}
