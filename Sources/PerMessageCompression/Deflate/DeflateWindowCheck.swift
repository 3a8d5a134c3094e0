/// Refuses a back-reference that reaches further back than the window the peer agreed to send
/// with (`server_max_window_bits` / `client_max_window_bits`, RFC 7692 §7.1.2), which zlib
/// alone lets through.
///
/// zlib checks a distance against its window only where it reaches before what the same
/// `inflate` call has written, so a call with room for a whole message accepts a reference up
/// to that call's output, whatever the window (`Fuzz/README.md`, finding 5). This check reads
/// the same bytes zlib took, after it, and parses the deflate stream without decoding it: block
/// headers, code lengths and symbols, no output. A distance code of `2 × windowBits` or more
/// stands for distances past `2^windowBits` only, so the check compares the code and skips its
/// extra bits.
///
/// Active only with ``ReceiveWindowCheck/exact``, and for zlib's input only with a receive
/// window under 15 bits: at 15 the window is deflate's largest distance and zlib's check is
/// exact. libdeflate, which checks less than zlib, has every payload it decodes read here, at
/// any window: what stops the check there is decoded again by zlib, which refuses it. Anything else malformed it leaves to zlib, which refuses
/// it in the same call: on a construct zlib refuses (an invalid code, a bad stored length) the
/// check stops until ``reset()``.
struct DeflateWindowCheck: ~Copyable {
    /// Where the parse is between calls.
    private enum State {
        /// Before a block's three header bits.
        case header
        /// Before a stored block's `LEN` and `NLEN`.
        case storedLengths
        /// Inside a stored block with this many bytes to skip.
        case stored(remaining: Int)
        /// Before a dynamic block's `HLIT`, `HDIST` and `HCLEN`.
        case dynamicCounts
        /// Reading the code length code's lengths.
        case codeLengthCodes
        /// Reading the literal/length and distance code lengths.
        case codeLengths
        /// Reading a block's symbols.
        case codes
        /// After the block with BFINAL set: nothing more belongs to the stream.
        case ended
        /// zlib refuses what came: nothing is checked until ``reset()``.
        case unchecked
    }

    /// The window in bytes: `2^windowBits`, at least 512 (a window of 8 is inflated with 9).
    let windowBytes: Int
    /// The first distance code beyond the window: code `2k + 2` starts at `2^(k+1) + 1`.
    private let firstCodeBeyondWindow: Int
    /// Whether anything is checked (the decompressor's choice).
    let isActive: Bool
    private var state = State.header
    private var isFinalBlock = false
    private var hold: UInt64 = 0
    private var bitCount = 0
    /// `HLIT + 257`, `HDIST + 1`, `HCLEN + 4` of the dynamic block being read.
    private var literalCount = 0
    private var distanceCount = 0
    private var codeLengthCount = 0
    /// The next code length to read.
    private var index = 0
    /// Whether ``tables`` hold the fixed codes, so a run of fixed blocks builds them once.
    private var tablesHoldFixedCodes = false
    /// The decoding tables, allocated on the first check (``Layout``).
    private var tables: UnsafeMutablePointer<UInt16>?

    /// Offsets into ``tables``, in `UInt16`s.
    private enum Layout {
        static let literalFastBits = 9
        static let distanceFastBits = 7
        static let codeLengthFastBits = 7
        static let literalFast = 0
        static let distanceFast = literalFast + 1 << literalFastBits
        static let codeLengthFast = distanceFast + 1 << distanceFastBits
        static let codeLengthCounts = codeLengthFast + 1 << codeLengthFastBits
        static let codeLengthSymbols = codeLengthCounts + 16
        static let literalCounts = codeLengthSymbols + 19
        static let literalSymbols = literalCounts + 16
        static let distanceCounts = literalSymbols + 288
        static let distanceSymbols = distanceCounts + 16
        static let lengths = distanceSymbols + 32
        static let count = lengths + 320
    }

    /// - Parameters:
    ///   - windowBits: The window the peer agreed to send with.
    ///   - isActive: Whether to check (``ReceiveWindowCheck/exact``).
    init(windowBits: WindowBits, isActive: Bool) {
        let bits = Swift.max(windowBits.rawValue, WindowBits.minCompressible.rawValue)
        windowBytes = 1 << bits
        firstCodeBeyondWindow = 2 * bits
        self.isActive = isActive
    }

    deinit { tables?.deallocate() }

    /// Whether it still checks: `false` after a construct zlib refuses, until ``reset()``.
    var isChecking: Bool {
        if case .unchecked = state { return false }
        return true
    }

    /// Bytes held: the tables once allocated.
    var heldBytes: Int { tables == nil ? 0 : Layout.count * MemoryLayout<UInt16>.stride }

    /// Starts a new deflate stream, as `inflateReset` does.
    @inline(__always)
    mutating func reset() {
        state = .header
        hold = 0
        bitCount = 0
    }

    /// Parses `bytes`, the next bytes zlib took from the stream.
    /// - Throws: `corruptData` naming the distance code, when a back-reference reaches past the window.
    @inline(__always)
    mutating func check(_ bytes: UnsafeRawBufferPointer) throws(CodecError) {
        guard isActive else { return }
        try parse(bytes)
    }

    private mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(CodecError) {
        if case .ended = state { return }
        if case .unchecked = state { return }
        if tables == nil {
            tables = .allocate(capacity: Layout.count)
            tables!.initialize(repeating: 0, count: Layout.count)
        }
        let t = tables!
        var input = BitInput(bytes, hold: hold, bitCount: bitCount)
        defer {
            hold = input.hold
            bitCount = input.bitCount
        }
        while true {
            switch state {
            case .header:
                input.refill()
                guard input.bitCount >= 3 else { return }
                isFinalBlock = input.hold & 1 != 0
                let type = Int(input.hold >> 1 & 3)
                input.consume(3)
                switch type {
                case 0: state = .storedLengths
                case 1:
                    if !tablesHoldFixedCodes { Self.buildFixedCodes(t) }
                    tablesHoldFixedCodes = true
                    state = .codes
                case 2: state = .dynamicCounts
                default: state = .unchecked  // zlib: "invalid block type"
                }
            case .storedLengths:
                input.consume(input.bitCount & 7)
                input.refill()
                guard input.bitCount >= 32 else { return }
                let length = Int(input.hold & 0xFFFF)
                let complement = Int(input.hold >> 16 & 0xFFFF)
                input.consume(32)
                state = length == complement ^ 0xFFFF ? .stored(remaining: length) : .unchecked
            case .stored(let remaining):
                let left = input.skip(remaining)
                guard left == 0 else {
                    state = .stored(remaining: left)
                    return
                }
                state = isFinalBlock ? .ended : .header
            case .dynamicCounts:
                input.refill()
                guard input.bitCount >= 14 else { return }
                literalCount = 257 + Int(input.hold & 31)
                distanceCount = 1 + Int(input.hold >> 5 & 31)
                codeLengthCount = 4 + Int(input.hold >> 10 & 15)
                input.consume(14)
                // zlib: "too many length or distance symbols".
                guard literalCount <= 286 && distanceCount <= 30 else {
                    state = .unchecked
                    return
                }
                (t + Layout.lengths).update(repeating: 0, count: 19)
                index = 0
                state = .codeLengthCodes
            case .codeLengthCodes:
                while index < codeLengthCount {
                    input.refill()
                    guard input.bitCount >= 3 else { return }
                    t[Layout.lengths + Self.codeLengthOrder(index)] = UInt16(input.hold & 7)
                    input.consume(3)
                    index += 1
                }
                tablesHoldFixedCodes = false
                Self.count(t, lengths: Layout.lengths, count: 19, into: Layout.codeLengthCounts)
                guard Self.build(t, lengths: Layout.lengths, count: 19, fast: Layout.codeLengthFast, fastBits: Layout.codeLengthFastBits,
                                 counts: Layout.codeLengthCounts, symbols: Layout.codeLengthSymbols, allowsIncomplete: false) else {
                    state = .unchecked  // zlib: "invalid code lengths set"
                    return
                }
                // ``readCodeLengths(_:_:)`` counts the lengths as it reads them.
                (t + Layout.literalCounts).update(repeating: 0, count: 16)
                (t + Layout.distanceCounts).update(repeating: 0, count: 16)
                index = 0
                state = .codeLengths
            case .codeLengths:
                guard try readCodeLengths(&input, t) else { return }
            case .codes:
                guard try readSymbols(&input, t) else { return }
            case .ended, .unchecked:
                return
            }
        }
    }

    /// Reads the literal/length and distance code lengths and builds their tables.
    /// - Returns: `false` when it needs more input or stopped checking.
    private mutating func readCodeLengths(_ bits: inout BitInput, _ t: UnsafeMutablePointer<UInt16>) throws(CodecError) -> Bool {
        var input = bits
        defer { bits = input }
        let total = literalCount + distanceCount
        while index < total {
            input.refill()
            let entry = Self.decode(input.hold, available: input.bitCount, t, fast: Layout.codeLengthFast, fastBits: Layout.codeLengthFastBits,
                                    counts: Layout.codeLengthCounts, symbols: Layout.codeLengthSymbols)
            if entry <= 0 { return stop(entry) }
            let symbol = entry >> 4
            let length = entry & 15
            if symbol < 16 {
                t[Layout.lengths + index] = UInt16(symbol)
                t[(index < literalCount ? Layout.literalCounts : Layout.distanceCounts) + symbol] &+= 1
                index += 1
                input.consume(length)
                continue
            }
            let extraBits = symbol == 16 ? 2 : symbol == 17 ? 3 : 7
            guard length + extraBits <= input.bitCount else { return false }
            let repeats = (symbol == 18 ? 11 : 3) + Int(input.hold >> UInt64(length)) & (1 << extraBits - 1)
            // zlib: "invalid bit length repeat".
            guard symbol != 16 || index > 0, index + repeats <= total else { return stop(-1) }
            let value = symbol == 16 ? t[Layout.lengths + index - 1] : 0
            (t + Layout.lengths + index).update(repeating: value, count: repeats)
            let literalRepeats = Swift.max(0, Swift.min(repeats, literalCount - index))
            t[Layout.literalCounts + Int(value)] &+= UInt16(literalRepeats)
            t[Layout.distanceCounts + Int(value)] &+= UInt16(repeats - literalRepeats)
            index += repeats
            input.consume(length + extraBits)
        }
        // zlib: "invalid code -- missing end-of-block", then "invalid literal/lengths set" or
        // "invalid distances set".
        guard t[Layout.lengths + 256] != 0,
            Self.build(t, lengths: Layout.lengths, count: literalCount, fast: Layout.literalFast, fastBits: Layout.literalFastBits,
                       counts: Layout.literalCounts, symbols: Layout.literalSymbols, allowsIncomplete: true),
            Self.build(t, lengths: Layout.lengths + literalCount, count: distanceCount, fast: Layout.distanceFast,
                       fastBits: Layout.distanceFastBits, counts: Layout.distanceCounts, symbols: Layout.distanceSymbols, allowsIncomplete: true)
        else { return stop(-1) }
        state = .codes
        return true
    }

    /// Reads a block's symbols up to its end-of-block code, checking each distance code.
    /// - Returns: `false` when it needs more input or stopped checking.
    @inline(__always)
    private mutating func readSymbols(_ bits: inout BitInput, _ t: UnsafeMutablePointer<UInt16>) throws(CodecError) -> Bool {
        // A copy of its own, which stays in registers: the caller's lives in memory.
        var input = bits
        defer { bits = input }
        while true {
            if input.bitCount < 48 { input.refill() }
            let literal = Self.decode(input.hold, available: input.bitCount, t, fast: Layout.literalFast, fastBits: Layout.literalFastBits,
                                      counts: Layout.literalCounts, symbols: Layout.literalSymbols)
            if literal <= 0 { return stop(literal) }
            let symbol = literal >> 4
            if symbol < 256 {
                input.consume(literal & 15)
                continue
            }
            if symbol == 256 {
                input.consume(literal & 15)
                state = isFinalBlock ? .ended : .header
                return true
            }
            // zlib: "invalid literal/length code" for 286 and 287.
            guard symbol <= 285 else { return stop(-1) }
            let distanceAt = (literal & 15) + (symbol < 265 || symbol == 285 ? 0 : (symbol - 261) >> 2)
            guard distanceAt < input.bitCount else { return false }
            let distance = Self.decode(input.hold >> UInt64(distanceAt), available: input.bitCount - distanceAt, t,
                                       fast: Layout.distanceFast, fastBits: Layout.distanceFastBits,
                                       counts: Layout.distanceCounts, symbols: Layout.distanceSymbols)
            if distance <= 0 { return stop(distance) }
            let code = distance >> 4
            // zlib: "invalid distance code" for 30 and 31.
            guard code < 30 else { return stop(-1) }
            let end = distanceAt + (distance & 15) + (code < 4 ? 0 : (code - 2) >> 1)
            guard end <= input.bitCount else { return false }
            if code >= firstCodeBeyondWindow { throw Self.beyondWindow(code: code, windowBytes: windowBytes) }
            input.consume(end)
        }
    }

    /// For a decode result of 0 (more input needed) returns `false`; for -1 (a code zlib refuses)
    /// stops checking and returns `false`.
    @inline(__always)
    private mutating func stop(_ result: Int) -> Bool {
        if result < 0 { state = .unchecked }
        return false
    }

    @inline(never)
    private static func beyondWindow(code: Int, windowBytes: Int) -> CodecError {
        let extraBits = (code - 2) >> 1
        let first = (2 + code & 1) << extraBits + 1
        return CodecError(.corruptData(
            "a back-reference reaches \(first)–\(first + 1 << extraBits - 1) bytes back (distance code \(code)), beyond the agreed window of \(windowBytes) bytes"))
    }

    /// The order in which a dynamic block sends the code length code's lengths (RFC 1951
    /// §3.2.7): 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15.
    @inline(__always)
    private static func codeLengthOrder(_ i: Int) -> Int {
        switch i {
        case 0...2: 16 + i
        case 3: 0
        default: i & 1 == 0 ? 8 + (i - 4) >> 1 : 7 - (i - 5) >> 1
        }
    }

    /// Decodes one Huffman code from the low bits of `bits`, of which `available` are input.
    /// - Returns: `symbol << 4 | length`; 0 when `available` bits are too few; -1 for bits that
    ///   are no code.
    @inline(__always)
    private static func decode(
        _ bits: UInt64, available: Int, _ t: UnsafeMutablePointer<UInt16>, fast: Int, fastBits: Int, counts: Int, symbols: Int
    ) -> Int {
        let entry = Int(t[fast + Int(truncatingIfNeeded: bits) & (1 << fastBits - 1)])
        if entry != 0 { return entry & 15 <= available ? entry : 0 }
        return slowDecode(bits, available: available, t, counts: counts, symbols: symbols)
    }

    /// Decodes a code longer than the fast table, or one not in it, a bit at a time (canonical
    /// decoding, as zlib's `puff.c`).
    @inline(never)
    private static func slowDecode(_ bits: UInt64, available: Int, _ t: UnsafeMutablePointer<UInt16>, counts: Int, symbols: Int) -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            guard length <= available else { return 0 }
            code |= Int(truncatingIfNeeded: bits >> UInt64(length - 1)) & 1
            let count = Int(t[counts + length])
            if code - count < first { return Int(t[symbols + index + code - first]) << 4 | length }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        return -1
    }

    /// Builds the fixed literal/length and distance codes (RFC 1951 §3.2.6).
    private static func buildFixedCodes(_ t: UnsafeMutablePointer<UInt16>) {
        let lengths = t + Layout.lengths
        lengths.update(repeating: 8, count: 144)
        (lengths + 144).update(repeating: 9, count: 112)
        (lengths + 256).update(repeating: 7, count: 24)
        (lengths + 280).update(repeating: 8, count: 8)
        count(t, lengths: Layout.lengths, count: 288, into: Layout.literalCounts)
        _ = build(t, lengths: Layout.lengths, count: 288, fast: Layout.literalFast, fastBits: Layout.literalFastBits,
                  counts: Layout.literalCounts, symbols: Layout.literalSymbols, allowsIncomplete: false)
        lengths.update(repeating: 5, count: 32)
        count(t, lengths: Layout.lengths, count: 32, into: Layout.distanceCounts)
        _ = build(t, lengths: Layout.lengths, count: 32, fast: Layout.distanceFast, fastBits: Layout.distanceFastBits,
                  counts: Layout.distanceCounts, symbols: Layout.distanceSymbols, allowsIncomplete: false)
    }

    /// Counts the codes of each length among `count` lengths at offset `lengths` (16 counts at
    /// offset `counts`; zero lengths counted in the first).
    private static func count(_ t: UnsafeMutablePointer<UInt16>, lengths: Int, count: Int, into counts: Int) {
        (t + counts).update(repeating: 0, count: 16)
        for symbol in 0..<count { t[counts + Int(t[lengths + symbol])] &+= 1 }
    }

    /// Builds a canonical code's tables from `count` lengths at offset `lengths` and their counts
    /// per length at offset `counts` (``count(_:lengths:count:into:)``): the symbols in code
    /// order, and a table of `2^fastBits` entries (`symbol << 4 | length`, 0 where the code is
    /// longer or absent) indexed by the next bits.
    /// - Returns: `false` where zlib's `inflate_table` refuses the lengths: an over-subscribed
    ///   code, or an incomplete one unless `allowsIncomplete` and its one code is 1 bit long.
    private static func build(
        _ t: UnsafeMutablePointer<UInt16>, lengths: Int, count: Int, fast: Int, fastBits: Int, counts: Int, symbols: Int, allowsIncomplete: Bool
    ) -> Bool {
        t[counts] = 0
        var left = 1
        var longest = 0
        for length in 1...15 {
            left = (left << 1) - Int(t[counts + length])
            if left < 0 { return false }
            if t[counts + length] != 0 { longest = length }
        }
        if left > 0 && longest > 0 && !(allowsIncomplete && longest == 1) { return false }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { offsets in
            offsets[1] = 0
            for length in 1..<15 { offsets[length + 1] = offsets[length] &+ Int(t[counts + length]) }
            // A branch, not a store for every symbol: runs of unused symbols then cost nothing,
            // where stores would wait on one another.
            for symbol in 0..<count {
                let length = Int(t[lengths + symbol])
                if length != 0 {
                    t[symbols + offsets[length]] = UInt16(truncatingIfNeeded: symbol)
                    offsets[length] &+= 1
                }
            }
            // A complete code of short codes writes every slot; otherwise the slots of longer
            // codes, or of none, must read 0.
            if left > 0 || longest > fastBits { (t + fast).update(repeating: 0, count: 1 << fastBits) }
            // `reversed` is the next code, bit-reversed, counted up as zlib's `inflate_table` does.
            var reversed = 0
            var index = 0
            let size = 1 << fastBits
            for length in 1...Swift.min(fastBits, 15) {
                for _ in 0..<Int(t[counts + length]) {
                    let entry = UInt16(Int(t[symbols + index]) << 4 | length)
                    var slot = reversed
                    while slot < size {
                        t[fast + slot] = entry
                        slot += 1 << length
                    }
                    index += 1
                    var increment = 1 << (length - 1)
                    while reversed & increment != 0 { increment >>= 1 }
                    reversed = increment == 0 ? 0 : reversed & (increment - 1) + increment
                }
            }
            return true
        }
    }
}

/// Bits of one piece of input, least significant first, as deflate packs them.
private struct BitInput {
    let base: UnsafeRawPointer?
    let count: Int
    var position = 0
    /// The next ``bitCount`` bits of the stream in the low bits; above them, perhaps some bits
    /// of the byte at ``position`` (the same bits a later refill puts there).
    var hold: UInt64
    var bitCount: Int

    init(_ bytes: UnsafeRawBufferPointer, hold: UInt64, bitCount: Int) {
        base = bytes.baseAddress
        count = bytes.count
        self.hold = hold
        self.bitCount = bitCount
    }

    /// Takes whole bytes until more than 56 bits are held or the input is used up.
    @inline(__always)
    mutating func refill() {
        if count - position >= 8 {
            hold |= UInt64(littleEndian: base!.loadUnaligned(fromByteOffset: position, as: UInt64.self)) << UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            while bitCount <= 56 && position < count {
                hold |= UInt64(base!.load(fromByteOffset: position, as: UInt8.self)) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    @inline(__always)
    mutating func consume(_ bits: Int) {
        hold >>= UInt64(bits)
        bitCount -= bits
    }

    /// Skips up to `bytes` whole bytes (at a byte boundary), held ones first.
    /// - Returns: How many are still to skip.
    @inline(__always)
    mutating func skip(_ bytes: Int) -> Int {
        let held = Swift.min(bytes, bitCount >> 3)
        consume(held << 3)
        var left = bytes - held
        guard left > 0 else { return 0 }
        hold = 0
        let taken = Swift.min(left, count - position)
        position += taken
        left -= taken
        return left
    }
}
