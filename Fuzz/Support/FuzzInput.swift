import PerMessageCompression

/// The fuzzer's bytes, read from the front: the first bytes choose a configuration and where
/// to cut the payload; the rest is the payload. Every read past the end yields 0, so any input
/// is a valid one and the fuzzer need not learn a length field.
struct FuzzInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeRawBufferPointer(start: data, count: size)
    }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next two bytes, little-endian.
    mutating func uint16() -> Int {
        Int(byte()) | Int(byte()) << 8
    }

    /// Whatever is left.
    mutating func rest() -> UnsafeRawBufferPointer {
        let start = Swift.min(offset, bytes.count)
        offset = bytes.count
        return UnsafeRawBufferPointer(rebasing: bytes[start...])
    }

    /// The rest of the input as a payload and where to cut it: up to 7 cuts (3 bits of one
    /// byte), each two bytes of position (modulo the payload's length + 1) and, in bit 15,
    /// whether a message ends there. Sorted; the end of the payload always ends a message.
    mutating func payloadAndCuts() -> (payload: UnsafeRawBufferPointer, cuts: [Cut]) {
        let count = Int(byte() & 7)
        let raw = (0..<count).map { _ in uint16() }
        let payload = rest()
        var cuts = raw.map { Cut(position: ($0 & 0x7fff) % (payload.count + 1), endsMessage: $0 & 0x8000 != 0) }
        cuts.sort { $0.position < $1.position }
        cuts.append(Cut(position: payload.count, endsMessage: true))
        return (payload, cuts)
    }
}

/// Where one piece of a payload ends.
struct Cut {
    /// The offset just after the piece.
    let position: Int
    /// Whether the piece ends a message (`isFinal`).
    let endsMessage: Bool
}

/// The pieces of `payload` between `cuts`, each with whether it ends a message and the offset
/// just after it; empty pieces included.
func pieces(of payload: UnsafeRawBufferPointer, at cuts: [Cut]) -> [(piece: UnsafeRawBufferPointer, isFinal: Bool, end: Int)] {
    var start = 0
    return cuts.map { cut in
        defer { start = cut.position }
        return (UnsafeRawBufferPointer(rebasing: payload[start..<cut.position]), cut.endsMessage, cut.position)
    }
}

/// A `maxMessageSize` for a decoder: 64 KiB mostly, sometimes tiny.
func messageSizeLimit(_ choice: UInt8) -> Int {
    switch choice & 3 {
    case 0: 0
    case 1: 1024
    default: 64 << 10
    }
}

/// Decodes `payload` with two codecs from `makeCodec`, each checked by ``decodeChecked``: once
/// piece by piece, once with every piece in slices of output (`decompress(_:isFinal:into:outputLimit:)`,
/// a limit of 1 byte to 4 KiB chosen by the payload's length). Both must decode the same
/// messages and fail alike.
/// - Parameter allowsWindowLeniency: Whether the slices may refuse a reference beyond the window
///   that the whole decoding took: zlib's check (deflate's default, finding 5).
/// - Returns: What the whole-piece decoding gave.
@discardableResult
func decodeCheckedWholeAndSliced<Codec: PerMessageCodec>(
    _ makeCodec: () -> Codec, _ payload: UnsafeRawBufferPointer, cuts: [Cut], limit: Int, allowsWindowLeniency: Bool = false
) -> (messages: [[UInt8]], failed: Bool, failure: String?) {
    let whole = decodeChecked(makeCodec(), payload, cuts: cuts, limit: limit)
    let sliced = decodeChecked(makeCodec(), payload, cuts: cuts, limit: limit, outputLimit: 1 << (payload.count % 13))
    // zlib checks a back-reference against its window only when it reaches before what the
    // same call wrote, so a reference beyond the agreed window may decode whole and be refused in
    // slices (Fuzz/README.md, finding 5): allowed where asked, as long as the slices refused it that way.
    let windowLeniency =
        allowsWindowLeniency && sliced.failure?.contains("too far back") == true && sliced.messages.count <= whole.messages.count
        && Array(whole.messages.prefix(sliced.messages.count)) == sliced.messages
    guard (whole.messages == sliced.messages && whole.failed == sliced.failed) || windowLeniency else {
        fatalError("\(Codec.self): in slices \(sliced), whole \(whole)")
    }
    return whole
}

/// Feeds `payload` to `codec` in the pieces `cuts` make and checks what a decoder promises:
/// every failure is a thrown ``CodecError``; no message decodes to more than `limit` bytes;
/// after a failure the codec keeps failing (``CodecError/Reason/failedEarlier(_:)``). With an
/// `outputLimit`, each piece is decoded in slices, and every slice must make progress.
/// A broken promise traps, which libFuzzer reports as a crash with this input.
/// - Returns: The messages decoded, whether decoding stopped at an error, and the error.
@discardableResult
func decodeChecked(
    _ codec: some PerMessageCodec, _ payload: UnsafeRawBufferPointer, cuts: [Cut], limit: Int, outputLimit: Int? = nil
) -> (messages: [[UInt8]], failed: Bool, failure: String?) {
    var output = MessageBuffer()
    var messages: [[UInt8]] = []
    for (piece, isFinal, _) in pieces(of: payload, at: cuts) {
        do throws(CodecError) {
            if let outputLimit {
                try decodeInSlices(codec, piece, isFinal: isFinal, into: &output, outputLimit: outputLimit)
            } else {
                try codec.decompress(piece, isFinal: isFinal, into: &output)
            }
        } catch {
            // A description must build for every error (it names the input's fault).
            _ = error.description
            do throws(CodecError) {
                try codec.decompress(piece, isFinal: true, into: &output)
                fatalError("\(type(of: codec)): decompress succeeded after \(error)")
            } catch {
                guard case .failedEarlier = error.reason else {
                    fatalError("\(type(of: codec)): after \(error), expected failedEarlier")
                }
            }
            return (messages, true, error.description)
        }
        guard output.count <= limit else {
            fatalError("\(type(of: codec)): \(output.count) bytes decoded past maxMessageSize \(limit)")
        }
        if isFinal {
            messages.append(output.bytes)
            output.removeAll()
        }
    }
    return (messages, false, nil)
}

/// Decodes one piece in slices of `outputLimit`, until a step is complete; a step that reads
/// nothing and writes nothing would loop for ever, and traps.
private func decodeInSlices(
    _ codec: some PerMessageCodec, _ piece: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, outputLimit: Int
) throws(CodecError) {
    var rest = piece[...]
    while true {
        let before = output.count
        let step = try codec.decompress(UnsafeRawBufferPointer(rebasing: rest), isFinal: isFinal, into: &output, outputLimit: outputLimit)
        if step.isComplete { return }
        guard step.consumedBytes <= rest.count, step.consumedBytes > 0 || output.count > before else {
            fatalError("\(type(of: codec)): a slice read \(step.consumedBytes) of \(rest.count) bytes and wrote \(output.count - before)")
        }
        rest = rest.dropFirst(step.consumedBytes)
    }
}
