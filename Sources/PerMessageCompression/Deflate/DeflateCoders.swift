import CZlib

/// The trailer a sync flush ends with (RFC 7692 §7.2.1): stripped when sending, appended back
/// before inflating.
enum SyncFlushTrailer {
    /// Its length.
    static let count = 4

    /// Calls `body` with `00 00 ff ff` (a constant word, not an array: no lazy global to read).
    @inline(__always)
    static func withBytes<Result, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> Result) throws(E) -> Result {
        let word = UInt32(0xFFFF_0000).littleEndian
        return try withUnsafeBytes(of: word) { (bytes) throws(E) in try body(bytes) }
    }

    /// Appends `00 00 ff ff` to `buffer`.
    @inline(__always)
    static func append(to buffer: inout MessageBuffer) {
        withBytes { buffer.append($0) }
    }
}

/// Compresses messages with raw deflate, ending each with a sync flush whose trailing
/// `00 00 ff ff` is removed (RFC 7692 §7.2.1).
struct DeflateCompressor: MessageCoder, ~Copyable {
    var zlib: ZlibStream<Deflate>
    let noContextTakeover: Bool
    /// The most a sync flush can emit after the input was taken with `Z_NO_FLUSH`: zlib holds
    /// at most one block of `1 << (memLevel + 6)` symbols (each at most 48 bits) plus the
    /// lookahead, and two block headers.
    let flushBound: Int
    /// Bytes of the current message given so far.
    private var messageBytes = 0
    /// Whether messages given in one piece go to ``libdeflate`` (``DeflateBackend/libdeflate``).
    let wholeMessagesWithLibdeflate: Bool
    var libdeflate: LibdeflateCompressor

    init(level: CompressionLevel, windowBits: WindowBits, memoryLevel: MemoryLevel, noContextTakeover: Bool, wholeMessagesWithLibdeflate: Bool = false) {
        zlib = ZlibStream(ZlibParameters(level: level, windowBits: windowBits, memoryLevel: memoryLevel))
        self.noContextTakeover = noContextTakeover
        flushBound = 6 * ((1 << (memoryLevel.rawValue + 6)) + 300) + 2048
        self.wholeMessagesWithLibdeflate = wholeMessagesWithLibdeflate
        libdeflate = LibdeflateCompressor(level: level)
    }

    /// Takes each piece with `Z_NO_FLUSH`, then ends the message with a separate `Z_SYNC_FLUSH`
    /// without input, as Autobahn's `compress()` + `flush(Z_SYNC_FLUSH)` does. Two zlib traps
    /// make this shape necessary for identical bytes:
    /// - a sync flush right after another, with no call in between, returns `Z_BUF_ERROR` and
    ///   emits nothing (an empty message after another with takeover): the `Z_NO_FLUSH` call
    ///   before it, even without input, re-arms the flush, so the payload is `00`;
    /// - a flush that fills the output room exactly makes the next call add a second empty
    ///   stored block: the flush gets room for all it can emit, so it never fills it.
    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        if wholeMessagesWithLibdeflate && isFinal && messageBytes == 0 {
            return try libdeflate.compress(input, into: &output)
        }
        try zlib.initializeIfNeeded()
        let start = output.count
        messageBytes += input.count
        // Enough room for the whole piece in one call, in the common case.
        let pieceBound = bound(input.count)
        _ = try zlib.pump(input, action: Z_NO_FLUSH, into: &output, budget: &budget, chunk: pieceBound)
        guard isFinal else { return }
        // A message in one piece (the usual case) has the piece's bound: no second deflateBound.
        let wholeMessageBound = messageBytes == input.count ? pieceBound : bound(messageBytes)
        messageBytes = 0
        _ = try zlib.pump(UnsafeRawBufferPointer(start: nil, count: 0), action: Z_SYNC_FLUSH, into: &output, budget: &budget, chunk: Swift.min(wholeMessageBound, flushBound))
        // A sync flush always ends with the empty stored block 00 00 ff ff.
        guard output.count - start >= 4 else {
            throw CodecError(.brokenInvariant("deflate's sync flush produced \(output.count - start) bytes, not its 00 00 ff ff trailer"))
        }
        output.removeLast(4)
        if noContextTakeover { try zlib.reset() }
    }

    /// `deflateBound` for `count` input bytes (at most 1 GiB, a slice), plus room for the flush.
    private func bound(_ count: Int) -> Int {
        Int(deflateBound(zlib.stream, uLong(Swift.min(count, 1 << 30)))) + 16
    }

    var memory: CodecMemory { zlib.memory + libdeflate.memory }
}

/// Inflates messages compressed as RFC 7692 says: appends `00 00 ff ff` to each payload.
///
/// Also accepts what RFC 7692 §7.2.3 allows a sender: stored blocks, a block with BFINAL set
/// (the stream ends there; the next message starts a new one), and an empty payload.
struct DeflateDecompressor: SlicedDecoder, ~Copyable {
    var zlib: ZlibStream<Inflate>
    let noContextTakeover: Bool
    /// Payload bytes taken for the current message.
    private var receivedBytes = 0
    /// Whether a BFINAL block ended the deflate stream in the current message.
    private var streamEnded = false
    /// Whether a piece of just `00` followed that block, which is allowed once (RFC 7692 §7.2.3's
    /// example with BFINAL set).
    private var sawZeroOctet = false
    /// Whether the last call stopped at its output limit: zlib has more to do even without input.
    private var suspended = false
    /// Whether payloads that arrive in one piece go to ``libdeflate`` first (``DeflateBackend/libdeflate``).
    let wholeMessagesWithLibdeflate: Bool
    var libdeflate = LibdeflateDecompressor()
    /// A sync-flushed payload (its first block not final, as zlib, browsers and Autobahn send)
    /// shorter than this goes to zlib even with ``wholeMessagesWithLibdeflate``: libdeflate builds
    /// larger Huffman tables per block, which such short payloads do not repay (measured on the
    /// shipped corpora: 0.60–0.83× zlib's speed below 384 bytes, 1.00–1.02× at 384–511, 1.05–1.43×
    /// from 512 up). A payload whose first block is final (libdeflate's own, one block) is
    /// libdeflate's at any size.
    static let libdeflateMinimumSyncFlushedPayload = 512
    /// A whole payload of at most this many bytes is copied to the stack with `00 00 ff ff`
    /// after it and inflated in one call: a second zlib call for the four bytes alone costs
    /// more than the copy (measured with `pmce bench --reference`). The copy is at most 1 KiB,
    /// which `withUnsafeTemporaryAllocation` always keeps on the stack (above that it may
    /// allocate).
    static let joinedPayloadLimit = 1024 - SyncFlushTrailer.count
    /// What is left of such a copy when a call stopped at its output limit before taking all
    /// of it; empty (no memory) until a small payload inflates past a slice.
    private var joinedRest = MessageBuffer()
    /// Bytes of ``joinedRest`` zlib has taken; `nil` when no copy is in progress.
    private var joinedRestTaken: Int?
    /// How many bytes at the front of ``joinedRest`` are the peer's (the rest are appended).
    private var joinedRestPeerBytes = 0
    /// With ``ReceiveWindowCheck/exact``: refuses references beyond a receive window under 15
    /// bits, which zlib lets through when they fall inside one call's output, reading each byte
    /// zlib took after it; and reads each payload ``libdeflate`` decoded, at any window, to hand
    /// zlib those it would refuse (libdeflate's leniencies). Otherwise inactive.
    private var windowCheck: DeflateWindowCheck
    /// Whether ``windowCheck`` reads what zlib takes: the exact check and a window under 15 bits.
    private let checksZlibInput: Bool

    init(windowBits: WindowBits, noContextTakeover: Bool, wholeMessagesWithLibdeflate: Bool = false, checksExactly: Bool = false) {
        zlib = ZlibStream(ZlibParameters(windowBits: windowBits))
        checksZlibInput = checksExactly && windowBits.rawValue < WindowBits.max.rawValue
        windowCheck = DeflateWindowCheck(windowBits: windowBits, isActive: checksZlibInput || (checksExactly && wholeMessagesWithLibdeflate))
        self.noContextTakeover = noContextTakeover
        self.wholeMessagesWithLibdeflate = wholeMessagesWithLibdeflate
    }

    /// Inflates `input`; with `isFinal`, then inflates the `00 00 ff ff` the sender removed. A
    /// whole payload for ``libdeflate`` is decoded in one call, whatever `outputLimit` says.
    mutating func decode(
        _ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int
    ) throws(CodecError) -> DecompressionStep {
        let isWhole = isFinal && receivedBytes == 0 && !suspended
        if wholeMessagesWithLibdeflate && isWhole
            && (input.count >= Self.libdeflateMinimumSyncFlushedPayload || (input.first ?? 0) & 1 == 1) {
            let start = output.count
            if try libdeflate.decompress(input, limit: budget.limit, into: &output) {
                if try checkWholePayload(input) {
                    try budget.record(output.count - start)
                    return .complete(input.count)
                }
                // A construct zlib refuses: zlib decodes the payload again and says what it is.
                output.removeLast(output.count - start)
            }
        }
        if isWhole && !input.isEmpty && input.count <= Self.joinedPayloadLimit {
            let byteCount = input.count + SyncFlushTrailer.count
            return try withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 1) { (copy) throws(CodecError) in
                copy.copyMemory(from: input)
                SyncFlushTrailer.withBytes { UnsafeMutableRawBufferPointer(rebasing: copy[input.count...]).copyMemory(from: $0) }
                let joined = UnsafeRawBufferPointer(rebasing: copy[..<byteCount])
                if outputLimit == .max {
                    return try inflateWhole(joined, payloadBytes: input.count, into: &output, budget: &budget)
                }
                return try inflateJoined(joined, peerBytes: input.count, payloadBytes: input.count, into: &output, budget: &budget, outputLimit: outputLimit)
            }
        }
        if suspended, let taken = joinedRestTaken {
            return try joinedRest.withUnsafeReadableBytes { (rest) throws(CodecError) in
                try inflateJoined(
                    UnsafeRawBufferPointer(rebasing: rest[taken...]), peerBytes: joinedRestPeerBytes - taken, payloadBytes: input.count, into: &output,
                    budget: &budget, outputLimit: outputLimit)
            }
        }
        if !input.isEmpty || suspended {
            let outcome = try inflate(input, into: &output, budget: &budget, outputLimit: outputLimit)
            receivedBytes += outcome.consumedBytes
            suspended = outcome.isSuspended
            if suspended { return DecompressionStep(consumedBytes: outcome.consumedBytes, isComplete: false) }
        }
        guard isFinal else { return .complete(input.count) }
        if !streamEnded && receivedBytes > 0 {
            // The trailer completes the block in progress, so what it adds is bounded: no limit.
            _ = try SyncFlushTrailer.withBytes { (trailer) throws(CodecError) in
                try inflate(trailer, appendedBytes: SyncFlushTrailer.count, into: &output, budget: &budget, outputLimit: .max)
            }
        }
        return try finishMessage(consumedBytes: input.count)
    }

    /// Inflates `joined`, a whole payload with the trailer after it, without an output limit: one
    /// zlib call, which for nearly every payload takes all of it with its output written, so
    /// the message is done (``finishMessage(consumedBytes:)`` checks that it ends between blocks).
    /// Anything else (the stream ended, output pending) goes on in ``inflateJoined(_:peerBytes:payloadBytes:into:budget:outputLimit:)``
    /// from where zlib stopped.
    @inline(__always)
    private mutating func inflateWhole(_ joined: UnsafeRawBufferPointer, payloadBytes: Int, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) -> DecompressionStep {
        try zlib.initializeIfNeeded()
        zlib.setInput(joined)
        let (result, roomLeft, _) = try zlib.step(
            Z_SYNC_FLUSH, into: &output, budget: &budget, chunk: Self.outputChunk(inputBytes: payloadBytes, outputLimit: .max))
        if checksZlibInput { try windowCheck.check(UnsafeRawBufferPointer(rebasing: joined[..<(joined.count - zlib.availableInput)])) }
        if result == .progress && !zlib.hasMoreToDo(roomLeft: roomLeft) {
            receivedBytes = payloadBytes
            return try finishMessage(consumedBytes: payloadBytes)
        }
        let taken = joined.count - zlib.availableInput
        return try inflateJoined(
            UnsafeRawBufferPointer(rebasing: joined[taken...]), peerBytes: payloadBytes - taken, payloadBytes: payloadBytes, into: &output,
            budget: &budget, outputLimit: .max)
    }

    /// Inflates `joined`, a payload with the trailer after it or what is left of one, whose
    /// first `peerBytes` are the peer's (negative once zlib has taken part of the trailer);
    /// stopped at `outputLimit`, keeps the rest in ``joinedRest``. `payloadBytes` are the
    /// caller's input bytes this call stands for (all of them are in `joined`).
    private mutating func inflateJoined(
        _ joined: UnsafeRawBufferPointer, peerBytes: Int, payloadBytes: Int, into output: inout MessageBuffer, budget: inout MessageBudget,
        outputLimit: Int
    ) throws(CodecError) -> DecompressionStep {
        // The trailer may be left unread only whole: once a block has read part of it, what is
        // left of it after the stream's end is trailing data, as when it is fed apart.
        let appended = peerBytes >= 0 ? joined.count - peerBytes : 0
        let outcome = try inflate(joined, appendedBytes: appended, into: &output, budget: &budget, outputLimit: outputLimit)
        receivedBytes += payloadBytes
        suspended = outcome.isSuspended
        guard suspended else {
            joinedRestTaken = nil
            return try finishMessage(consumedBytes: payloadBytes)
        }
        if let taken = joinedRestTaken {
            joinedRestTaken = taken + outcome.consumedBytes
        } else {
            joinedRest.removeAll()
            joinedRest.append(UnsafeRawBufferPointer(rebasing: joined[outcome.consumedBytes...]))
            joinedRestTaken = 0
            joinedRestPeerBytes = peerBytes - outcome.consumedBytes
        }
        return DecompressionStep(consumedBytes: payloadBytes, isComplete: false)
    }

    /// Ends the message once its payload and trailer are inflated: the stream must have ended
    /// or stopped between blocks.
    @inline(__always)
    private mutating func finishMessage(consumedBytes: Int) throws(CodecError) -> DecompressionStep {
        if !streamEnded && receivedBytes > 0 && !zlib.isAtBlockBoundary {
            throw CodecError(.truncated("the message ends inside a deflate block"))
        }
        if streamEnded || noContextTakeover {
            try zlib.reset()
            windowCheck.reset()
        }
        streamEnded = false
        sawZeroOctet = false
        receivedBytes = 0
        return .complete(consumedBytes)
    }

    private mutating func inflate(
        _ input: UnsafeRawBufferPointer, appendedBytes: Int = 0, into output: inout MessageBuffer, budget: inout MessageBudget, outputLimit: Int
    ) throws(CodecError) -> PumpOutcome {
        // A block with BFINAL set ended the stream: nothing may follow in this message but the
        // one `00` octet a sender appends there (RFC 7692 §7.2.3's example with BFINAL set).
        if streamEnded {
            guard input.count == 1, input[0] == 0, !sawZeroOctet else { throw CodecError(.trailingData(byteCount: input.count)) }
            sawZeroOctet = true
            return PumpOutcome(streamEnded: true, consumedBytes: 1)
        }
        try zlib.initializeIfNeeded()
        let chunk = Self.outputChunk(inputBytes: input.count, outputLimit: outputLimit)
        let outcome = try zlib.pump(
            input, action: Z_SYNC_FLUSH, into: &output, budget: &budget, chunk: chunk, outputLimit: outputLimit, appendedBytes: appendedBytes,
            allowsZeroOctetAfterEnd: true)
        if checksZlibInput { try windowCheck.check(UnsafeRawBufferPointer(rebasing: input[..<outcome.consumedBytes])) }
        streamEnded = outcome.streamEnded
        return outcome
    }

    /// Runs ``windowCheck`` over a payload ``libdeflate`` decoded, and its trailer unless a
    /// final block came first; then starts it afresh, as libdeflate keeps no window.
    /// - Returns: Whether the payload holds nothing zlib refuses (`false`: zlib should decode it).
    /// - Throws: `corruptData` for a reference beyond the window.
    private mutating func checkWholePayload(_ input: UnsafeRawBufferPointer) throws(CodecError) -> Bool {
        guard windowCheck.isActive else { return true }
        defer { windowCheck.reset() }
        try windowCheck.check(input)
        try SyncFlushTrailer.withBytes { (trailer) throws(CodecError) in try windowCheck.check(trailer) }
        return windowCheck.isChecking
    }

    /// The output room a zlib call gets for `inputBytes` of input: about 4:1, at least 16 KiB,
    /// at most 1 MiB and `outputLimit`; the buffer keeps whatever it grows to for later messages.
    @inline(__always)
    private static func outputChunk(inputBytes: Int, outputLimit: Int) -> Int {
        Swift.min(Swift.max(inputBytes * 4, 16 * 1024), 1 << 20, outputLimit)
    }

    var memory: CodecMemory {
        zlib.memory + libdeflate.memory + CodecMemory(libraryBytes: 0, bufferBytes: joinedRest.capacity + windowCheck.heldBytes, libraryAllocations: 0)
    }
}
