#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures one spec on one corpus, simulating one WebSocket connection.
///
/// 1. **Check, ratio and memory.** One endpoint codec compresses every message in order and
///    decompresses its own payloads (a compressor and a decompressor, as one endpoint holds);
///    every message must come back byte for byte. Compressed bytes are exact. Memory is read
///    from the codec after each message (peak) and after the corpus (steady state).
/// 2. **Allocations.** The same endpoint, now warm, runs the corpus again with allocation
///    counting around each compress and decompress call (buffers are reused, `removeAll()`).
/// 3. **Time.** Warm-up passes, then timed passes, each on a fresh sender/receiver pair: the
///    sender compresses every message (each timed with the monotonic clock), the receiver
///    decompresses the payloads in order (each timed) and every message is compared again.
///
/// ```swift
/// let result = try Measurer(settings: .default).measure(.deflate(), on: corpus)
/// print(result.ratio, result.compressMBps.median)
/// ```
public struct Measurer: Sendable {
    /// How long and how often to time.
    public var settings: MeasurementSettings

    /// Creates a measurer.
    /// - Parameter settings: Repetitions and time budget.
    public init(settings: MeasurementSettings = .default) {
        self.settings = settings
    }

    /// Measures `spec` on `corpus`.
    /// - Parameters:
    ///   - spec: The extension and parameters.
    ///   - corpus: The messages, in connection order.
    /// - Returns: The row.
    /// - Throws: ``BenchmarkError/emptyCorpus(name:)``, ``BenchmarkError/codec(spec:corpus:error:)``
    ///   when a codec fails, ``BenchmarkError/roundTripMismatch(spec:corpus:messageIndex:expectedBytes:actualBytes:firstDifference:)``
    ///   when a message does not come back unchanged.
    public func measure(_ spec: CodecSpec, on corpus: Corpus) throws(BenchmarkError) -> BenchmarkResult {
        guard !corpus.messages.isEmpty else { throw .emptyCorpus(name: corpus.name) }
        var context = CellContext(spec: spec, corpus: corpus)
        do throws(BenchmarkError) {
            let endpoint = spec.makeCodec()
            try context.checkRoundTripAndRatio(endpoint)
            try context.countAllocations(endpoint)
            context.memory = endpoint.memory
            context.peakMemoryBytes = max(context.peakMemoryBytes, context.memory.totalBytes)

            var timedNanoseconds: UInt64 = 0
            var pass = 0
            while true {
                let isWarmup = pass < settings.warmupRepetitions
                let timed = pass - settings.warmupRepetitions
                if !isWarmup {
                    let budgetSpent = Double(timedNanoseconds) / 1e9 >= settings.timeBudgetSeconds
                    if timed >= settings.maximumRepetitions || (timed >= settings.minimumRepetitions && budgetSpent) { break }
                }
                let (sender, receiver) = spec.makeCodecPair()
                let (compress, decompress) = try context.timedPass(sender: sender, receiver: receiver, recordLatency: !isWarmup)
                if !isWarmup {
                    context.compressPasses.append(compress)
                    context.decompressPasses.append(decompress)
                    timedNanoseconds += compress + decompress
                }
                pass += 1
            }
        } catch {
            throw error.naming(corpus: corpus.name)
        }
        return context.result()
    }
}

/// The working state of one cell: buffers reused across messages and passes, and the samples.
struct CellContext {
    let spec: CodecSpec
    let corpus: Corpus
    var output = MessageBuffer(capacity: 1 << 16)
    var roundTrip = MessageBuffer(capacity: 1 << 16)
    var payloads = MessageBuffer()
    var payloadEnds: [Int] = []
    var compressedBytes = 0
    var meanMessageRatio = 0.0
    /// Whether each message's payload is compressed (the send policy may send it raw).
    var isCompressed: [Bool]
    var rawMessages = 0
    var memory = CodecMemory(libraryBytes: 0, bufferBytes: 0, libraryAllocations: 0)
    var peakMemoryBytes = 0
    var compressAllocations: Double?
    var decompressAllocations: Double?
    var compressPasses: [UInt64] = []
    var decompressPasses: [UInt64] = []
    var compressLatencies: [UInt64] = []
    var decompressLatencies: [UInt64] = []

    init(spec: CodecSpec, corpus: Corpus) {
        self.spec = spec
        self.corpus = corpus
        isCompressed = Array(repeating: true, count: corpus.messages.count)
        let largest = corpus.messages.map(\.count).max() ?? 0
        output.reserveCapacity(largest + largest / 8 + 1024)
        roundTrip.reserveCapacity(largest + 1024)
        payloadEnds.reserveCapacity(corpus.messages.count)
        // Room for the latency samples of the usual number of passes, so that appending one
        // rarely grows the array between two timed messages.
        compressLatencies.reserveCapacity(corpus.messages.count * 10)
        decompressLatencies.reserveCapacity(corpus.messages.count * 10)
    }

    /// Pass 1: one endpoint compresses each message and decompresses its own payload.
    mutating func checkRoundTripAndRatio(_ endpoint: any PerMessageCodec) throws(BenchmarkError) {
        var ratioSum = 0.0
        var ratioCount = 0
        for (index, message) in corpus.messages.enumerated() {
            output.removeAll()
            let compressed = try Self.guarded(spec, corpus) { () throws(CodecError) in try Self.send(message, endpoint, spec.sendPolicy, &output) }
            isCompressed[index] = compressed
            if !compressed { rawMessages += 1 }
            compressedBytes += output.count
            if !message.isEmpty {
                ratioSum += Double(output.count) / Double(message.count)
                ratioCount += 1
            }
            output.withUnsafeReadableBytes { payloads.append($0) }
            payloadEnds.append(payloads.count)
            roundTrip.removeAll()
            try Self.guarded(spec, corpus) { () throws(CodecError) in
                try output.withUnsafeReadableBytes { (bytes) throws(CodecError) in try Self.receive(bytes, compressed, endpoint, &roundTrip) }
            }
            try compare(index)
            peakMemoryBytes = max(peakMemoryBytes, endpoint.memory.totalBytes)
        }
        meanMessageRatio = ratioCount > 0 ? ratioSum / Double(ratioCount) : 1
    }

    /// Pass 2: the warm endpoint runs the corpus again, counting allocations per call.
    mutating func countAllocations(_ endpoint: any PerMessageCodec) throws(BenchmarkError) {
        guard AllocationCounter.isAvailable else { return }
        var compressCount = 0
        var decompressCount = 0
        for (index, message) in corpus.messages.enumerated() {
            output.removeAll()
            let compressed = isCompressed[index]
            compressCount += try Self.guarded(spec, corpus) { () throws(CodecError) in
                try AllocationCounter.count { () throws(CodecError) in _ = try Self.send(message, endpoint, spec.sendPolicy, &output) } ?? 0
            }
            roundTrip.removeAll()
            decompressCount += try Self.guarded(spec, corpus) { () throws(CodecError) in
                try output.withUnsafeReadableBytes { (bytes) throws(CodecError) in
                    try AllocationCounter.count { () throws(CodecError) in try Self.receive(bytes, compressed, endpoint, &roundTrip) } ?? 0
                }
            }
            try compare(index)
            peakMemoryBytes = max(peakMemoryBytes, endpoint.memory.totalBytes)
        }
        let messages = Double(corpus.messages.count)
        compressAllocations = Double(compressCount) / messages
        decompressAllocations = Double(decompressCount) / messages
    }

    /// Pass 3: a fresh sender compresses every message, a fresh receiver decompresses them.
    /// - Returns: Timed nanoseconds of compression and of decompression.
    mutating func timedPass(sender: any PerMessageCodec, receiver: any PerMessageCodec, recordLatency: Bool) throws(BenchmarkError) -> (UInt64, UInt64) {
        var compressTotal: UInt64 = 0
        var decompressTotal: UInt64 = 0
        payloads.removeAll()
        for (index, message) in corpus.messages.enumerated() {
            output.removeAll()
            let start = MonotonicClock.nanoseconds()
            _ = try Self.guarded(spec, corpus) { () throws(CodecError) in try Self.send(message, sender, spec.sendPolicy, &output) }
            let elapsed = MonotonicClock.nanoseconds() &- start
            compressTotal &+= elapsed
            if recordLatency { compressLatencies.append(elapsed) }
            output.withUnsafeReadableBytes { payloads.append($0) }
            payloadEnds[index] = payloads.count
        }
        for index in corpus.messages.indices {
            roundTrip.removeAll()
            let start = index == 0 ? 0 : payloadEnds[index - 1]
            let end = payloadEnds[index]
            let compressed = isCompressed[index]
            let began = MonotonicClock.nanoseconds()
            try Self.guarded(spec, corpus) { () throws(CodecError) in
                try payloads.withUnsafeReadableBytes { (all) throws(CodecError) in
                    try Self.receive(UnsafeRawBufferPointer(rebasing: all[start..<end]), compressed, receiver, &roundTrip)
                }
            }
            let elapsed = MonotonicClock.nanoseconds() &- began
            decompressTotal &+= elapsed
            if recordLatency { decompressLatencies.append(elapsed) }
            try compare(index)
        }
        return (compressTotal, decompressTotal)
    }

    /// Sends one message as the spec's send policy says: its compressed payload, or the message
    /// itself, into `output`.
    /// - Returns: Whether the payload is compressed.
    @inline(__always)
    static func send(_ message: [UInt8], _ codec: any PerMessageCodec, _ policy: SendPolicy, _ output: inout MessageBuffer) throws(CodecError) -> Bool {
        let compressed = try message.withUnsafeBufferPointer { (bytes) throws(CodecError) in
            try codec.compressMessage(UnsafeRawBufferPointer(bytes), policy: policy, into: &output)
        }
        if !compressed { message.withUnsafeBytes { output.append($0) } }
        return compressed
    }

    /// Receives one payload: decompresses it, or takes a raw one as it is.
    @inline(__always)
    static func receive(_ payload: UnsafeRawBufferPointer, _ compressed: Bool, _ codec: any PerMessageCodec, _ output: inout MessageBuffer) throws(CodecError) {
        if compressed {
            try codec.decompress(payload, isFinal: true, into: &output)
        } else {
            output.append(payload)
        }
    }

    /// Runs a codec call, turning its error into a ``BenchmarkError`` naming the cell.
    ///
    /// Static on purpose: `body` mutates this context's buffers, and an instance method would
    /// borrow a copy of the context for the call, so the first write to a buffer would copy
    /// its storage (two allocations per message, measured).
    @inline(__always)
    static func guarded<R>(_ spec: CodecSpec, _ corpus: Corpus, _ body: () throws(CodecError) -> R) throws(BenchmarkError) -> R {
        do {
            return try body()
        } catch {
            throw .codec(spec: spec.label, corpus: corpus.name, error: error)
        }
    }

    /// Compares `roundTrip` with message `index`.
    func compare(_ index: Int) throws(BenchmarkError) {
        let message = corpus.messages[index]
        let equal = message.withUnsafeBytes { expected in
            roundTrip.withUnsafeReadableBytes { actual in
                expected.count == actual.count && (expected.count == 0 || memcmp(expected.baseAddress!, actual.baseAddress!, expected.count) == 0)
            }
        }
        guard !equal else { return }
        let actual = roundTrip.bytes
        let firstDifference = (0..<min(message.count, actual.count)).first { message[$0] != actual[$0] } ?? min(message.count, actual.count)
        throw .roundTripMismatch(
            spec: spec.label, corpus: corpus.name, messageIndex: index,
            expectedBytes: message.count, actualBytes: actual.count, firstDifference: firstDifference)
    }

    func result() -> BenchmarkResult {
        BenchmarkResult(
            spec: spec, corpus: corpus.name, messages: corpus.messages.count, rawBytes: corpus.rawBytes,
            compressedBytes: compressedBytes, meanMessageRatio: meanMessageRatio, rawMessages: rawMessages,
            compressNanoseconds: compressPasses, decompressNanoseconds: decompressPasses,
            compressLatency: LatencyPercentiles(nanoseconds: compressLatencies),
            decompressLatency: LatencyPercentiles(nanoseconds: decompressLatencies),
            memory: memory, peakMemoryBytes: peakMemoryBytes,
            compressAllocations: compressAllocations, decompressAllocations: decompressAllocations)
    }
}

extension BenchmarkError {
    /// The error with the corpus name filled in where it was not known.
    func naming(corpus: String) -> BenchmarkError {
        if case .codec(let spec, "", let error) = self { return .codec(spec: spec, corpus: corpus, error: error) }
        return self
    }
}
