import PerMessageCompression

/// One pass over a corpus through one codec: the unit of work each benchmark iteration measures.
///
/// The pass reuses a single output buffer, reserved up front for the largest message, so that a
/// codec that allocates nothing per message shows zero allocations in the measurement.
struct CorpusPass {
    /// The messages (for compression) or payloads (for decompression), in order.
    let inputs: [[UInt8]]
    /// Output buffer, emptied (capacity kept) before each message.
    var output: MessageBuffer

    /// Creates a pass over `inputs` with an output buffer large enough for `largestOutput` bytes.
    /// - Parameters:
    ///   - inputs: The messages or payloads.
    ///   - largestOutput: The largest output any one input produces.
    init(inputs: [[UInt8]], largestOutput: Int) {
        self.inputs = inputs
        self.output = MessageBuffer(capacity: largestOutput + 1_024)
    }

    /// Compresses every input, in order.
    /// - Parameter codec: The codec, in the state the pass should start from.
    /// - Returns: The compressed payload bytes of the whole pass.
    /// - Throws: ``CodecError`` from the codec.
    mutating func compressAll(with codec: any PerMessageCodec) throws(CodecError) -> Int {
        try codeAll { (message, output) throws(CodecError) in try codec.compressMessage(message, into: &output) }
    }

    /// Decompresses every input, in order.
    /// - Parameter codec: The codec, in the state the pass should start from.
    /// - Returns: The decompressed bytes of the whole pass.
    /// - Throws: ``CodecError`` from the codec.
    mutating func decompressAll(with codec: any PerMessageCodec) throws(CodecError) -> Int {
        try codeAll { (payload, output) throws(CodecError) in try codec.decompressMessage(payload, into: &output) }
    }

    /// Runs `code` on every input, in order, into the emptied output buffer.
    /// - Returns: The output bytes of the whole pass.
    private mutating func codeAll(_ code: ([UInt8], inout MessageBuffer) throws(CodecError) -> Void) throws(CodecError) -> Int {
        var total = 0
        for input in inputs {
            output.removeAll()
            try code(input, &output)
            total += output.count
        }
        return total
    }

    /// Compresses `messages` with a fresh codec and checks each payload decompresses back to
    /// its message with another fresh codec.
    /// - Parameters:
    ///   - messages: The corpus.
    ///   - codec: The configuration.
    /// - Returns: The compressed payloads, in order.
    /// - Throws: ``CodecError`` from a codec, or ``RoundTripError`` naming the first message
    ///   that did not come back unchanged.
    static func preparePayloads(_ messages: [[UInt8]], codec: BenchmarkedCodec) throws -> [[UInt8]] {
        let sender = codec.makeCodec()
        let receiver = codec.makeCodec()
        var payloads: [[UInt8]] = []
        payloads.reserveCapacity(messages.count)
        for (index, message) in messages.enumerated() {
            let payload = try sender.compressMessage(message)
            guard try receiver.decompressMessage(payload) == message else {
                throw RoundTripError(codec: codec.name, messageIndex: index)
            }
            payloads.append(payload)
        }
        return payloads
    }
}

/// A message that did not come back unchanged after compressing and decompressing.
struct RoundTripError: Error, CustomStringConvertible {
    /// The configuration's name.
    let codec: String
    /// The index of the message in its corpus.
    let messageIndex: Int

    var description: String { "\(codec): message \(messageIndex) did not round-trip" }
}
