
/// Codecs shared by many connections, for the directions that carry no context between
/// messages (``CompressionConfiguration/sendCarriesContext``,
/// ``CompressionConfiguration/receiveCarriesContext``): a connection borrows a codec and its
/// output buffer for one whole message and gives them back, so between messages it holds no
/// codec state at all.
///
/// Codecs are kept per configuration. A borrow is synchronous, so no more codecs exist for a
/// configuration than threads ever coded with it at once: one per thread under load, however
/// many connections there are. A codec that fails is dropped, never lent again.
///
/// ```swift
/// let slot = CodecPool.shared.slot(for: .deflate(try .init(sendNoContextTakeover: true)))
/// let payload = try slot.withCodec { codec, output throws(CodecError) in
///     try codec.compressMessage(Array("Hello".utf8), into: &output)
///     return output.bytes
/// }
/// ```
public final class CodecPool: Sendable {
    /// The pool of the process.
    public static let shared = CodecPool()

    private let slots = LockedValue<[CompressionConfiguration: Slot]>([:])

    /// Creates an empty pool.
    public init() {}

    /// The codecs of one configuration; look it up once per connection, not per message.
    /// - Parameter configuration: The configuration the codecs are made with.
    /// - Returns: The slot, made on first use.
    public func slot(for configuration: CompressionConfiguration) -> Slot {
        slots.withLock { slots in
            if let slot = slots[configuration] { return slot }
            let slot = Slot(configuration)
            slots[configuration] = slot
            return slot
        }
    }

    /// The bytes the idle codecs and buffers of every slot hold.
    public var memory: CodecMemory {
        slots.withLock { $0.values.reduce(CodecMemory.zero) { $0 + $1.memory } }
    }

    /// The codecs of one configuration, lent for one message at a time.
    public final class Slot: Sendable {
        /// The configuration every codec here is made with.
        public let configuration: CompressionConfiguration
        private let idle = LockedValue<[Lease]>([])

        /// A buffer larger than this is not kept between messages: one large message does not
        /// pin its size in the pool.
        static let keptBufferCapacity = 1 << 16

        init(_ configuration: CompressionConfiguration) {
            self.configuration = configuration
        }

        /// Lends a codec and an empty output buffer for the length of `body`.
        ///
        /// `body` must code whole messages only (`isFinal: true`): the codec is lent again
        /// afterwards, to any connection. When `body` throws, the codec is dropped.
        /// - Parameter body: Codes with the codec into the buffer and returns what it needs of it.
        /// - Returns: What `body` returns.
        /// - Throws: What `body` throws.
        public func withCodec<Result, Failure: Error>(
            _ body: (any PerMessageCodec, inout MessageBuffer) throws(Failure) -> Result
        ) throws(Failure) -> Result {
            let lease = borrow()
            let result = try body(lease.codec, &lease.output)
            giveBack(lease)
            return result
        }

        /// Lends a codec and an empty output buffer until ``giveBack(_:)``, for a whole message
        /// decoded in slices with other work between them. A lease not given back (the message
        /// failed, or its connection closed) is simply dropped.
        /// - Returns: The lease.
        package func borrow() -> Lease {
            idle.withLock { $0.popLast() } ?? Lease(configuration.makeCodec())
        }

        /// Takes back a lease whose codec finished a whole message.
        /// - Parameter lease: A lease from ``borrow()``.
        package func giveBack(_ lease: Lease) {
            lease.output.removeAll()
            if lease.output.capacity > Self.keptBufferCapacity { lease.output = MessageBuffer() }
            idle.withLock { $0.append(lease) }
        }

        /// The bytes the idle codecs and their buffers hold (a lent one is not counted).
        public var memory: CodecMemory {
            idle.withLock { leases in
                leases.reduce(CodecMemory.zero) { total, lease in
                    var memory = lease.codec.memory
                    memory.bufferBytes += lease.output.capacity
                    return total + memory
                }
            }
        }

        /// The codecs waiting to be lent.
        public var idleCount: Int { idle.withLock { $0.count } }
    }

    /// A codec and its output buffer, owned by one borrower at a time (the pool's lock hands it
    /// over), hence `@unchecked Sendable`.
    package final class Lease: @unchecked Sendable {
        package let codec: any PerMessageCodec
        package var output = MessageBuffer()

        init(_ codec: any PerMessageCodec) {
            self.codec = codec
        }
    }
}
