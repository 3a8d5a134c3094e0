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
        if let failure {
            throw contextual(CodecError(.failedEarlier(failure.description)))
        }
        do {
            try coder.code(input, isFinal: isFinal, into: &output, budget: &budget)
        } catch {
            let error = contextual(error)
            failure = error
            throw error
        }
        if isFinal {
            messageIndex += 1
            budget.reset()
        }
    }

    private func contextual(_ error: CodecError) -> CodecError {
        var error = error
        error.extensionName = extensionName
        error.direction = direction
        error.messageIndex = messageIndex
        return error
    }
}
