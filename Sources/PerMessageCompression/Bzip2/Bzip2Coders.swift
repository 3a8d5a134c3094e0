import CBzip2

/// Compresses each message into one complete bzip2 stream, as Autobahn's `PerMessageBzip2`.
struct Bzip2Compressor: MessageCoder, ~Copyable {
    var bzip2 = Bzip2Stream<Bzip2Compress>()
    let level: Bzip2Level

    init(level: Bzip2Level) { self.level = level }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if !bzip2.isActive { try bzip2.begin(level: level) }
        let chunk = Swift.max(input.count / 4, 16 * 1024)
        let ended = try bzip2.pump(input, action: isFinal ? BZ_FINISH : BZ_RUN, into: &output, budget: &budget, chunk: chunk)
        guard isFinal else { return }
        guard ended else {
            throw CodecError(.brokenInvariant("BZ2_bzCompress with BZ_FINISH returned without ending the stream"))
        }
        bzip2.end()
    }

    var memory: CodecMemory { bzip2.memory }
}

/// Decompresses each message as one complete bzip2 stream: a stream that ends early is
/// `truncated`, bytes after its end are `trailingData`.
struct Bzip2Decompressor: MessageCoder, ~Copyable {
    var bzip2 = Bzip2Stream<Bzip2Decompress>()
    /// Whether the current message's stream has ended.
    private var streamEnded = false

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if !input.isEmpty {
            if streamEnded { throw CodecError(.trailingData(byteCount: input.count)) }
            if !bzip2.isActive { try bzip2.begin(level: .max) }
            let chunk = Swift.min(Swift.max(input.count * 4, 16 * 1024), 1 << 20)
            streamEnded = try bzip2.pump(input, action: 0, into: &output, budget: &budget, chunk: chunk)
        }
        guard isFinal else { return }
        let complete = streamEnded
        bzip2.end()
        streamEnded = false
        guard complete else { throw CodecError(.truncated("the message ends before its bzip2 stream does")) }
    }

    var memory: CodecMemory { bzip2.memory }
}
