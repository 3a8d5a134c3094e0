import CBzip2

/// libbz2 takes at most `UInt32.max` input bytes a call; feed larger pieces in slices this size.
private let maximumSlice = 1 << 30

/// Compresses each message into one complete bzip2 stream, as Autobahn's `PerMessageBzip2`.
struct Bzip2Compressor: MessageCoder, ~Copyable {
    var bzip2 = Bzip2Stream(compressor: true)
    let level: Bzip2Level

    init(level: Bzip2Level) { self.level = level }

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if !bzip2.isActive { try bzip2.begin(level: level) }
        var offset = 0
        repeat {
            let slice = UnsafeRawBufferPointer(rebasing: input[offset..<Swift.min(input.count, offset + maximumSlice)])
            offset += slice.count
            bzip2.setInput(slice)
            while bzip2.availableInput > 0 {
                let (code, _) = bzip2.run(action: BZ_RUN, into: &output, minimumWritable: slice.count / 4 + 1024)
                guard code == BZ_RUN_OK else { throw Bzip2Stream.error("BZ2_bzCompress", code) }
            }
        } while offset < input.count
        guard isFinal else { return }
        while true {
            let (code, _) = bzip2.run(action: BZ_FINISH, into: &output, minimumWritable: 16 * 1024)
            if code == BZ_STREAM_END { break }
            guard code == BZ_FINISH_OK else { throw Bzip2Stream.error("BZ2_bzCompress", code) }
        }
        bzip2.end()
    }

    var memory: CodecMemory { bzip2.memory }
}

/// Decompresses each message as one complete bzip2 stream: a stream that ends early is
/// `truncated`, bytes after its end are `trailingData`.
struct Bzip2Decompressor: MessageCoder, ~Copyable {
    var bzip2 = Bzip2Stream(compressor: false)
    /// Whether the current message's stream has ended.
    private var streamEnded = false

    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if !bzip2.isActive && !streamEnded { try bzip2.begin(level: .max) }
        var offset = 0
        while offset < input.count {
            let slice = UnsafeRawBufferPointer(rebasing: input[offset..<Swift.min(input.count, offset + maximumSlice)])
            offset += slice.count
            try decompressSlice(slice, into: &output, budget: &budget)
        }
        guard isFinal else { return }
        let complete = streamEnded
        bzip2.end()
        streamEnded = false
        guard complete else { throw CodecError(.truncated("the message ends before its bzip2 stream does")) }
    }

    private mutating func decompressSlice(_ slice: UnsafeRawBufferPointer, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if streamEnded { throw CodecError(.trailingData(byteCount: slice.count)) }
        bzip2.setInput(slice)
        let chunk = Swift.min(Swift.max(slice.count * 4, 16 * 1024), 1 << 20)
        while true {
            let writable = budget.writableBytes(upTo: chunk)
            let (code, written) = bzip2.run(action: 0, into: &output, minimumWritable: writable, limit: writable)
            try budget.record(written)
            switch code {
            case BZ_OK:
                if bzip2.availableInput == 0 && bzip2.availableOutput > 0 { return }
            case BZ_STREAM_END:
                streamEnded = true
                bzip2.end()
                if bzip2.availableInput > 0 { throw CodecError(.trailingData(byteCount: bzip2.availableInput)) }
                return
            default:
                throw Bzip2Stream.error("BZ2_bzDecompress", code)
            }
        }
    }

    var memory: CodecMemory { bzip2.memory }
}
