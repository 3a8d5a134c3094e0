/// What one call of a C stream function did.
enum StreamStep {
    /// It consumed input or produced output (or both).
    case progress
    /// The compressed stream ended (deflate's `Z_STREAM_END`, libbz2's `BZ_STREAM_END`).
    case streamEnd
    /// Nothing could be done with the input and room given (`Z_BUF_ERROR`).
    case noProgress
}

/// A zlib or libbz2 stream as ``pump(_:action:into:budget:chunk:outputLimit:appendedBytes:allowsZeroOctetAfterEnd:)`` drives it: the loop that
/// feeds input and lends output room, written once for both libraries.
protocol CompressionStream: ~Copyable {
    /// Points the stream's input at `bytes` (at most `UInt32.max` of them); it only reads them.
    func setInput(_ bytes: UnsafeRawBufferPointer)
    /// Input bytes the stream has not taken yet.
    var availableInput: Int { get }
    /// Whether the stream has taken all its input and has nothing left to write: another call
    /// would do nothing. `false` where the library cannot tell (it is then called once more).
    var isDrained: Bool { get }
    /// Calls the library once with `action`, writing at most `room` bytes at `output`.
    /// - Returns: What the call did and the room it left unused.
    func step(_ action: Int32, output: UnsafeMutableRawPointer, room: Int) throws(CodecError) -> (step: StreamStep, roomLeft: Int)
}

/// The C libraries take at most `UInt32.max` input bytes a call; larger pieces go in slices.
private let maximumSlice = 1 << 30

/// Where ``CompressionStream/pump(_:action:into:budget:chunk:outputLimit:appendedBytes:allowsZeroOctetAfterEnd:)``
/// stopped.
struct PumpOutcome {
    /// Whether the compressed stream ended.
    var streamEnded = false
    /// Input bytes the stream took.
    var consumedBytes = 0
    /// Whether it stopped at its output limit with input left or output still pending: the
    /// caller comes back with the input after ``consumedBytes`` (perhaps none).
    var isSuspended = false
}

extension CompressionStream where Self: ~Copyable {
    /// Runs the stream over `input` until it has taken all of it and has nothing pending, its
    /// compressed stream ends, or it has written `outputLimit` bytes or more and has more to do.
    /// Slices before the last run with action 0 (`Z_NO_FLUSH`, `BZ_RUN`); the last with `action`.
    ///
    /// - Parameters:
    ///   - input: The bytes to feed.
    ///   - action: The flush or finish action for the last slice.
    ///   - output: Where output is appended.
    ///   - budget: Bounds the output (a decoder's `maxMessageSize`).
    ///   - chunk: How much output room to lend a call.
    ///   - outputLimit: After how many bytes written it stops early (checked between calls, so
    ///     it may write up to `chunk` more); `Int.max` never stops early.
    ///   - appendedBytes: How many bytes at the end of `input` the decoder appended itself
    ///     (deflate's `00 00 ff ff`): a stream that ends before them leaves them unread, and
    ///     only the peer's bytes after its end are trailing data.
    ///   - allowsZeroOctetAfterEnd: Whether one `00` octet of the peer's may follow the end of
    ///     the stream: deflate's, for the header octet of the empty stored block a sender
    ///     appends after a block with BFINAL set (RFC 7692 §7.2.3's example).
    /// - Returns: Whether the stream ended, how much input it took, whether it stopped early.
    /// - Throws: The library's error, `messageTooLarge`, or `trailingData` when input follows
    ///   the end of the stream.
    @discardableResult
    func pump(
        _ input: UnsafeRawBufferPointer, action: Int32, into output: inout MessageBuffer, budget: inout MessageBudget, chunk: Int,
        outputLimit: Int = .max, appendedBytes: Int = 0, allowsZeroOctetAfterEnd: Bool = false
    ) throws(CodecError) -> PumpOutcome {
        var offset = 0
        var produced = 0
        repeat {
            let slice = UnsafeRawBufferPointer(rebasing: input[offset..<Swift.min(input.count, offset + maximumSlice)])
            offset += slice.count
            setInput(slice)
            let sliceAction = offset == input.count ? action : 0
            while true {
                let (result, roomLeft, written) = try step(sliceAction, into: &output, budget: &budget, chunk: chunk)
                produced += written
                switch result {
                case .streamEnd:
                    let leftover = availableInput + input.count - offset
                    try Self.checkEnd(input, leftover: leftover, appendedBytes: appendedBytes, allowsZeroOctetAfterEnd: allowsZeroOctetAfterEnd)
                    return PumpOutcome(streamEnded: true, consumedBytes: input.count)
                case .noProgress:
                    break
                case .progress:
                    guard hasMoreToDo(roomLeft: roomLeft) else { break }
                    if produced >= outputLimit {
                        return PumpOutcome(consumedBytes: offset - availableInput, isSuspended: true)
                    }
                    continue
                }
                break
            }
        } while offset < input.count
        return PumpOutcome(consumedBytes: input.count)
    }

    /// Calls the library once with `action` on the input set, lending it at most `chunk` bytes
    /// of `output`'s spare room (fewer near the budget's limit), and counts what it wrote.
    /// - Returns: What the call did, the room it left unused, and the bytes it wrote.
    /// - Throws: The library's error, or `messageTooLarge`.
    @inline(__always)
    func step(
        _ action: Int32, into output: inout MessageBuffer, budget: inout MessageBudget, chunk: Int
    ) throws(CodecError) -> (step: StreamStep, roomLeft: Int, written: Int) {
        let writable = budget.writableBytes(upTo: chunk)
        var result = StreamStep.progress
        var roomLeft = 0
        let written = try output.writeWithUnsafeMutableBytes(minimumWritableBytes: writable) { (spare) throws(CodecError) in
            let room = Swift.min(spare.count, writable, Int(UInt32.max))
            (result, roomLeft) = try step(action, output: spare.baseAddress!, room: room)
            return room - roomLeft
        }
        try budget.record(written)
        return (result, roomLeft, written)
    }

    /// Whether a call that made progress and left `roomLeft` bytes of its output room unused
    /// leaves the stream more to do: input not taken, or a full output that may hide more to
    /// write, unless the stream says otherwise.
    @inline(__always)
    func hasMoreToDo(roomLeft: Int) -> Bool {
        availableInput > 0 || (roomLeft == 0 && !isDrained)
    }

    /// Throws `trailingData` unless what follows the end of the stream in `input` (`leftover`
    /// bytes) is all appended by the decoder, or those and one `00` of the peer's where allowed.
    /// A stream that ends inside the appended bytes leaves the rest as trailing data, as it
    /// would if they had been fed apart.
    private static func checkEnd(_ input: UnsafeRawBufferPointer, leftover: Int, appendedBytes: Int, allowsZeroOctetAfterEnd: Bool) throws(CodecError) {
        let peerBytes = leftover - appendedBytes
        if peerBytes == 0 || leftover == 0 { return }
        if peerBytes < 0 { throw CodecError(.trailingData(byteCount: leftover)) }
        let isZeroOctet = peerBytes == 1 && allowsZeroOctetAfterEnd && input[input.count - appendedBytes - 1] == 0
        if !isZeroOctet { throw CodecError(.trailingData(byteCount: peerBytes)) }
    }
}
