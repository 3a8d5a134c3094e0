import CBzip2

/// Compresses each message into one complete bzip2 stream, as Autobahn's `PerMessageBzip2`.
struct Bzip2Compressor: MessageCoder, ~Copyable {
    var bzip2 = Bzip2Stream<Bzip2Compress>()
    let level: Bzip2Level

    init(level: Bzip2Level) { self.level = level }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if !bzip2.isActive { try bzip2.begin(level: level) }
        let chunk = Swift.max(input.count / 4, 16 * 1024)
        let outcome = try bzip2.pump(input, action: isFinal ? BZ_FINISH : BZ_RUN, into: &output, budget: &budget, chunk: chunk)
        guard isFinal else { return }
        guard outcome.streamEnded else {
            throw CodecError(.brokenInvariant("BZ2_bzCompress with BZ_FINISH returned without ending the stream"))
        }
        bzip2.end()
    }

    var memory: CodecMemory { bzip2.memory }
}

/// Decompresses each message as one complete bzip2 stream: a stream that ends early is
/// `truncated`, bytes after its end are `trailingData`.
struct Bzip2Decompressor: SlicedDecoder, ~Copyable {
    var bzip2 = Bzip2Stream<Bzip2Decompress>()
    /// Whether the current message's stream has ended.
    private var streamEnded = false
    /// Whether the last call stopped at its output limit: libbz2 has output left even without
    /// input (it reads a whole block before writing any of it).
    private var suspended = false

    mutating func decode(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int
    ) throws(CodecError) -> DecompressionStep {
        if !input.isEmpty || suspended {
            if streamEnded { throw CodecError(.trailingData(byteCount: input.count)) }
            if !bzip2.isActive { try bzip2.begin(level: .max) }
            let chunk = Swift.min(Swift.max(input.count * 4, 16 * 1024), 1 << 20, outputLimit)
            let outcome = try bzip2.pump(input, action: 0, into: &output, budget: &budget, chunk: chunk, outputLimit: outputLimit)
            streamEnded = outcome.streamEnded
            suspended = outcome.isSuspended
            if suspended { return DecompressionStep(consumedBytes: outcome.consumedBytes, isComplete: false) }
        }
        guard isFinal else { return .complete(input.count) }
        let complete = streamEnded
        bzip2.end()
        streamEnded = false
        guard complete else { throw CodecError(.truncated("the message ends before its bzip2 stream does")) }
        return .complete(input.count)
    }

    var memory: CodecMemory { bzip2.memory }
}
