/// One direction of one codec's engine: a compressor or a decompressor over one C library.
///
/// Conformers do only the library work; ``CodecDirection`` adds what every codec shares:
/// message counting, the size limit, error context and refusing use after an error.
protocol MessageCoder: ~Copyable {
    /// Codes one piece of the current message, appending to `output`. With `isFinal` the
    /// message ends: the coder finishes it and gets ready for the next.
    mutating func code(
        _ input: UnsafeRawBufferPointer,
        isFinal: Bool,
        into output: inout MessageBuffer,
        budget: inout MessageBudget
    ) throws(CodecError)

    /// The memory this coder holds.
    var memory: CodecMemory { get }
}

/// A decompressing ``MessageCoder`` that can stop part way through a piece, once it has written
/// a given amount, and go on when called again with the rest of the piece.
protocol SlicedDecoder: MessageCoder, ~Copyable {
    /// Decodes `input` until it is done with it or has written `outputLimit` bytes or more (a
    /// chunk more at most) and has more to do. With `isFinal` the message ends once the step
    /// is complete.
    mutating func decode(
        _ input: UnsafeRawBufferPointer,
        isFinal: Bool,
        into output: inout MessageBuffer,
        budget: inout MessageBudget,
        outputLimit: Int
    ) throws(CodecError) -> DecompressionStep
}

extension SlicedDecoder where Self: ~Copyable {
    /// Decodes the whole piece: ``decode(_:isFinal:into:budget:outputLimit:)`` without a limit.
    @inline(__always)
    mutating func code(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, budget: inout MessageBudget) throws(CodecError) {
        _ = try decode(input, isFinal: isFinal, into: &output, budget: &budget, outputLimit: .max)
    }
}

/// The shared state machine around one ``MessageCoder``: counts messages, enforces the
/// message size limit, adds context to errors and fails for good after the first error.
struct CodecDirection<Coder: MessageCoder & ~Copyable>: ~Copyable {
    var coder: Coder
    let extensionName: String
    let direction: CodecError.Direction
    private var budget: MessageBudget
    private(set) var messageIndex = 0
    private var failure: CodecError?

    init(_ coder: consuming Coder, extensionName: String, direction: CodecError.Direction, maxMessageSize: Int? = nil) {
        self.coder = coder
        self.extensionName = extensionName
        self.direction = direction
        self.budget = MessageBudget(limit: maxMessageSize)
    }

    @inline(__always)
    mutating func process(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer) throws(CodecError) {
        try guarded { (coder, budget) throws(CodecError) in try coder.code(input, isFinal: isFinal, into: &output, budget: &budget) }
        if isFinal { finishMessage() }
    }

    /// Runs `body` on the coder unless this direction failed earlier; its error, with context,
    /// fails the direction for good.
    @inline(__always)
    private mutating func guarded<Result>(_ body: (inout Coder, inout MessageBudget) throws(CodecError) -> Result) throws(CodecError) -> Result {
        if let failure {
            throw contextual(CodecError(.failedEarlier(failure.description)))
        }
        do {
            return try body(&coder, &budget)
        } catch {
            let error = contextual(error)
            failure = error
            throw error
        }
    }

    private mutating func finishMessage() {
        messageIndex += 1
        budget.reset()
    }

    private func contextual(_ error: CodecError) -> CodecError {
        var error = error
        error.extensionName = extensionName
        error.direction = direction
        error.messageIndex = messageIndex
        return error
    }
}

extension CodecDirection where Coder: SlicedDecoder & ~Copyable {
    /// ``process(_:isFinal:into:)`` in slices: stops once `outputLimit` bytes or more are
    /// written and there is more to do (see ``DecompressionStep``).
    mutating func process(_ input: UnsafeRawBufferPointer, isFinal: Bool, into output: inout MessageBuffer, outputLimit: Int) throws(CodecError) -> DecompressionStep {
        let step = try guarded { (coder, budget) throws(CodecError) in
            try coder.decode(input, isFinal: isFinal, into: &output, budget: &budget, outputLimit: Swift.max(outputLimit, 1))
        }
        if isFinal && step.isComplete { finishMessage() }
        return step
    }
}
