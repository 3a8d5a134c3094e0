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
/// 3. **Latency.** Passes on fresh pairs read the clock around each message (compressed, then
///    at once decompressed) for the per-message percentiles: at least one, and enough for about
///    1,000 messages, at most the minimum number of timed passes. They are also the warm-up
///    passes (up to ``MeasurementSettings/warmupRepetitions``).
/// 4. **Throughput.** Any further warm-up passes, then timed passes, each on a fresh
///    sender/receiver pair (until ``MeasurementSettings`` says the cell has enough):
///    the sender compresses every message into one buffer, the receiver decompresses every
///    payload into another. The clock is read once before and once after each loop, so a
///    pass's time is the codec's work and the loop's, never the clock's; every message is
///    compared after the clock stops.
/// 5. **The C limit and Swift peers** (``measuresReference``, ``peers``): each
///    ``ReferenceImplementation`` of the spec runs its own passes next to each of the Swift
///    passes (after it, then before the next), so noise hits both alike, and the row reports
///    Swift ÷ C per pass pair.
///
/// ```swift
/// let result = try Measurer(settings: .default).measure(.deflate(), on: corpus)
/// print(result.ratio, result.compressMBps.median)
/// ```
public struct Measurer: Sendable {
    /// How long and how often to time.
    public var settings: MeasurementSettings
    /// Whether to time plain C doing the same work beside each spec (``ReferenceImplementation``).
    public var measuresReference: Bool
    /// Other Swift implementations to time beside each spec they implement.
    public var peers: [any PeerImplementation]

    /// Messages the latency passes aim to time, per direction.
    static let latencySamples = 1000

    /// Creates a measurer.
    /// - Parameters:
    ///   - settings: Repetitions and time budget.
    ///   - measuresReference: Whether to time the C reference beside each spec.
    ///   - peers: Other Swift implementations to time beside each spec they implement.
    public init(settings: MeasurementSettings = .default, measuresReference: Bool = false, peers: [any PeerImplementation] = []) {
        self.settings = settings
        self.measuresReference = measuresReference
        self.peers = peers
    }

    /// Measures `spec` on `corpus`.
    /// - Parameters:
    ///   - spec: The extension and parameters.
    ///   - corpus: The messages, in connection order.
    ///   - competitors: Rows already measured on `corpus`: a cell that one of them clearly
    ///     dominates stops at the minimum number of passes (see ``isClearlyDominated(_:by:)``).
    /// - Returns: The row.
    /// - Throws: ``BenchmarkError/emptyCorpus(name:)``, ``BenchmarkError/codec(spec:corpus:error:)``
    ///   when a codec fails, ``BenchmarkError/roundTripMismatch(spec:corpus:messageIndex:expectedBytes:actualBytes:firstDifference:)``
    ///   when a message does not come back unchanged.
    public func measure(_ spec: CodecSpec, on corpus: Corpus, competitors: [BenchmarkResult] = []) throws(BenchmarkError) -> BenchmarkResult {
        var context = try prepare(spec, on: corpus)
        if settings.isTimed { try time(&context, competitors: competitors) }
        return context.result()
    }

    /// Steps 1 and 2, which need no clock: the round-trip check, ratio, memory and allocations.
    /// Safe to run for several cells at once on different threads.
    func prepare(_ spec: CodecSpec, on corpus: Corpus) throws(BenchmarkError) -> CellContext {
        guard !corpus.messages.isEmpty else { throw .emptyCorpus(name: corpus.name) }
        var context = CellContext(spec: spec, corpus: corpus)
        do throws(BenchmarkError) {
            let endpoint = spec.makeCodec()
            try context.checkRoundTripAndRatio(endpoint)
            try context.countAllocations(endpoint)
            context.memory = endpoint.memory
            context.peakMemoryBytes = max(context.peakMemoryBytes, context.memory.totalBytes)
        } catch {
            throw error.naming(corpus: corpus.name)
        }
        return context
    }

    /// Steps 3 to 5: the latency passes (which warm the codecs up), then the timed passes with
    /// the references' and peers'. Run one cell at a time, alone on its core.
    func time(_ context: inout CellContext, competitors: [BenchmarkResult]) throws(BenchmarkError) {
        let spec = context.spec
        let corpus = context.corpus
        do throws(BenchmarkError) {
            let references = (measuresReference ? ReferenceImplementation.all(for: spec) : []) + ReferenceImplementation.peers(peers, for: spec)
            context.references = references.map(ReferenceCell.init)
            // The latency passes come first and serve as the Swift side's warm-up passes (a
            // pass over a large corpus costs as much as a timed one); the references warm up on
            // their own.
            let latencyPasses = min(max(1, (Self.latencySamples + corpus.messages.count - 1) / corpus.messages.count), settings.minimumRepetitions)
            for _ in 0..<latencyPasses {
                let (sender, receiver) = spec.makeCodecPair()
                try context.latencyPass(sender: sender, receiver: receiver)
            }
            for _ in 0..<min(latencyPasses, settings.warmupRepetitions) {
                try context.timeReferences(record: false)
            }
            var timedNanoseconds: UInt64 = 0
            var pass = min(latencyPasses, settings.warmupRepetitions)
            while true {
                let isWarmup = pass < settings.warmupRepetitions
                if !isWarmup && isDone(context, timedNanoseconds: timedNanoseconds, competitors: competitors) { break }
                // The C passes run after the Swift pass on even passes and before it on odd
                // ones, so that neither side always finds the caches as the other left them.
                let referencesFirst = pass % 2 == 1
                if referencesFirst { try context.timeReferences(record: !isWarmup) }
                let (sender, receiver) = spec.makeCodecPair()
                let (compress, decompress) = try context.throughputPass(sender: sender, receiver: receiver)
                if !referencesFirst { try context.timeReferences(record: !isWarmup) }
                if !isWarmup {
                    context.compressPasses.append(compress)
                    context.decompressPasses.append(decompress)
                    timedNanoseconds += compress + decompress
                }
                pass += 1
            }
            for index in context.references.indices {
                try context.references[index].countAllocations(context.flat, &context.buffers)
            }
        } catch {
            throw error.naming(corpus: corpus.name)
        }
    }

    /// Whether a cell has timed enough: the maximum; or, past the minimum, its budget spent, or,
    /// with a ``MeasurementSettings/targetSpread``, its figures tight or the cell clearly
    /// dominated.
    private func isDone(_ context: CellContext, timedNanoseconds: UInt64, competitors: [BenchmarkResult]) -> Bool {
        let timed = context.compressPasses.count
        if timed >= settings.maximumRepetitions { return true }
        guard timed >= settings.minimumRepetitions else { return false }
        if Double(timedNanoseconds) / 1e9 >= settings.timeBudgetSeconds { return true }
        // Without a target spread every cell times to its budget: no early stop of either kind.
        guard let target = settings.targetSpread, target > 0 else { return false }
        let compress = Summary(context.compressPasses.map { 1 / Double(Swift.max($0, 1)) })
        let decompress = Summary(context.decompressPasses.map { 1 / Double(Swift.max($0, 1)) })
        if compress.relativeSpreadPercent <= target * 100 && decompress.relativeSpreadPercent <= target * 100 { return true }
        let rawBytes = Double(context.corpus.rawBytes)
        let bounds = (ratio: context.ratio, compressMBpsP90: compress.p90 * rawBytes * 1e3, peakMemoryBytes: context.peakMemoryBytes)
        return competitors.contains { Self.isClearlyDominated(bounds, by: $0) }
    }

    /// Whether `competitor` is better than a cell in everything a recommendation weighs, beyond
    /// the cell's noise: a ratio no worse, no more memory, and its slow passes (p10) faster in
    /// compression than the cell's fast ones (p90). More passes of such a cell would not move it
    /// onto the Pareto front nor into a recommendation, so it stops at the minimum.
    static func isClearlyDominated(_ cell: (ratio: Double, compressMBpsP90: Double, peakMemoryBytes: Int), by competitor: BenchmarkResult) -> Bool {
        competitor.compressMBps.isMeasured
            && competitor.ratio <= cell.ratio
            && competitor.peakMemoryBytesPerConnection <= cell.peakMemoryBytes
            && competitor.compressMBps.p10 > cell.compressMBpsP90
    }
}

/// The working state of one cell: buffers reused across messages and passes, and the samples.
struct CellContext {
    let spec: CodecSpec
    let corpus: Corpus
    /// The corpus end to end: what a throughput pass's output is compared with, and what the
    /// C reference reads.
    let flat: FlatCorpus
    var output = MessageBuffer(capacity: 1 << 16)
    var roundTrip = MessageBuffer(capacity: 1 << 16)
    /// What the throughput passes write, the C reference's too.
    var buffers: PassBuffers
    /// The C implementations and Swift peers timed beside the spec, if asked for.
    var references: [ReferenceCell] = []
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
        flat = FlatCorpus(corpus)
        isCompressed = Array(repeating: true, count: corpus.messages.count)
        let largest = corpus.messages.map(\.count).max() ?? 0
        output.reserveCapacity(largest + largest / 8 + 1024)
        roundTrip.reserveCapacity(largest + 1024)
        buffers = PassBuffers(flat)
        // Room for every latency sample, so that appending one never grows the array between
        // two timed messages.
        let latencySamples = corpus.messages.count * Swift.max(Measurer.latencySamples / Swift.max(corpus.messages.count, 1) + 1, 1)
        compressLatencies.reserveCapacity(latencySamples)
        decompressLatencies.reserveCapacity(latencySamples)
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

    /// Pass 3, throughput: a fresh sender compresses every message, then a fresh receiver
    /// decompresses every payload, each loop timed as a whole; the messages are compared after.
    /// - Returns: Timed nanoseconds of compression and of decompression.
    mutating func throughputPass(sender: any PerMessageCodec, receiver: any PerMessageCodec) throws(BenchmarkError) -> (UInt64, UInt64) {
        buffers.payloads.removeAll()
        let ends = flat.ends
        let compressStart = MonotonicClock.nanoseconds()
        try flat.bytes.withUnsafeReadableBytes { (all) throws(BenchmarkError) in
            for index in ends.indices {
                let message = UnsafeRawBufferPointer(rebasing: all[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
                _ = try Self.guarded(spec, corpus) { () throws(CodecError) in try Self.send(message, sender, spec.sendPolicy, &buffers.payloads) }
                buffers.payloadEnds[index] = buffers.payloads.count
            }
        }
        let compress = MonotonicClock.nanoseconds() &- compressStart
        buffers.received.removeAll()
        // The payloads are only read while `buffers.received` is written: a second reference
        // to their storage lets one `withUnsafeReadableBytes` span the loop, as the compress
        // loop's does, instead of one per message.
        let payloads = buffers.payloads
        let payloadEnds = buffers.payloadEnds
        let decompressStart = MonotonicClock.nanoseconds()
        try payloads.withUnsafeReadableBytes { (all) throws(BenchmarkError) in
            for index in ends.indices {
                let start = index == 0 ? 0 : payloadEnds[index - 1]
                let payload = UnsafeRawBufferPointer(rebasing: all[start..<payloadEnds[index]])
                let compressed = isCompressed[index]
                try Self.guarded(spec, corpus) { () throws(CodecError) in try Self.receive(payload, compressed, receiver, &buffers.received) }
                buffers.receivedEnds[index] = buffers.received.count
            }
        }
        let decompress = MonotonicClock.nanoseconds() &- decompressStart
        try buffers.checkReceived(flat, label: spec.label)
        return (compress, decompress)
    }

    /// One pass of each reference implementation, on this cell's buffers.
    mutating func timeReferences(record: Bool) throws(BenchmarkError) {
        for index in references.indices {
            try references[index].timedPass(flat, &buffers, record: record)
        }
    }

    /// Pass 4, latency: a fresh sender and receiver; each message is compressed and then
    /// decompressed, each call timed on its own, and compared.
    mutating func latencyPass(sender: any PerMessageCodec, receiver: any PerMessageCodec) throws(BenchmarkError) {
        for (index, message) in corpus.messages.enumerated() {
            output.removeAll()
            let compressStart = MonotonicClock.nanoseconds()
            let compressed = try Self.guarded(spec, corpus) { () throws(CodecError) in try Self.send(message, sender, spec.sendPolicy, &output) }
            compressLatencies.append(MonotonicClock.nanoseconds() &- compressStart)
            roundTrip.removeAll()
            let decompressStart = MonotonicClock.nanoseconds()
            try Self.guarded(spec, corpus) { () throws(CodecError) in
                try output.withUnsafeReadableBytes { (bytes) throws(CodecError) in try Self.receive(bytes, compressed, receiver, &roundTrip) }
            }
            decompressLatencies.append(MonotonicClock.nanoseconds() &- decompressStart)
            try compare(index)
        }
    }

    /// Sends one message as the spec's send policy says: its compressed payload, or the message
    /// itself, into `output`.
    /// - Returns: Whether the payload is compressed.
    @inline(__always)
    static func send(_ message: [UInt8], _ codec: any PerMessageCodec, _ policy: SendPolicy, _ output: inout MessageBuffer) throws(CodecError) -> Bool {
        try message.withUnsafeBufferPointer { (bytes) throws(CodecError) in try send(UnsafeRawBufferPointer(bytes), codec, policy, &output) }
    }

    /// Sends one message that lies in a larger buffer, as the other `send` does.
    @inline(__always)
    static func send(_ message: UnsafeRawBufferPointer, _ codec: any PerMessageCodec, _ policy: SendPolicy, _ output: inout MessageBuffer) throws(CodecError) -> Bool {
        let compressed = try codec.compressMessage(message, policy: policy, into: &output)
        if !compressed { output.append(message) }
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
        let mismatch = corpus.messages[index].withUnsafeBytes { expected in
            roundTrip.withUnsafeReadableBytes { actual in
                BenchmarkError.mismatch(spec: spec.label, corpus: corpus.name, messageIndex: index, expected: expected, actual: actual)
            }
        }
        if let mismatch { throw mismatch }
    }

    /// Compressed ÷ raw bytes of the corpus, known after step 1.
    var ratio: Double { corpus.rawBytes > 0 ? Double(compressedBytes) / Double(corpus.rawBytes) : 1 }

    func result() -> BenchmarkResult {
        BenchmarkResult(
            spec: spec, corpus: corpus.name, messages: corpus.messages.count, rawBytes: corpus.rawBytes,
            compressedBytes: compressedBytes, meanMessageRatio: meanMessageRatio, rawMessages: rawMessages,
            compressNanoseconds: compressPasses, decompressNanoseconds: decompressPasses,
            compressLatency: LatencyPercentiles(nanoseconds: compressLatencies),
            decompressLatency: LatencyPercentiles(nanoseconds: decompressLatencies),
            memory: memory, peakMemoryBytes: peakMemoryBytes,
            compressAllocations: compressAllocations, decompressAllocations: decompressAllocations,
            references: references.filter(\.implementation.isPlainC).map { ($0.result(rawBytes: corpus.rawBytes), $0.compressPasses, $0.decompressPasses) },
            peers: references.filter { !$0.implementation.isPlainC }.map { $0.result(rawBytes: corpus.rawBytes) })
    }
}

extension BenchmarkError {
    /// The error with the corpus name filled in where it was not known.
    func naming(corpus: String) -> BenchmarkError {
        if case .codec(let spec, "", let error) = self { return .codec(spec: spec, corpus: corpus, error: error) }
        return self
    }
}
