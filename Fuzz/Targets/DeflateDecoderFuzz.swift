// libFuzzer target: PerMessageDeflateCodec's decoder on arbitrary payloads.
//
// Input: byte 0 chooses the configuration, then FuzzInput.payloadAndCuts splits the rest into
// pieces and messages. Checks (Fuzz/Support/FuzzInput.swift, decodeChecked): every failure is a
// thrown CodecError, no message decodes past maxMessageSize, a failed codec keeps failing, and
// decoding in slices of output (decompress(_:isFinal:into:outputLimit:)) gives the same messages,
// but for zlib's window check (finding 5) where the receive window check is zlib's. Without
// context takeover it also decodes with the other backend (zlib / libdeflate): both must decode
// the same messages and fail alike, but for what zlib refuses and libdeflate decodes: a
// back-reference beyond the agreed window (finding 5) and libdeflate's leniencies (finding 6),
// unless the check is exact: then they must agree exactly. With the exact check and a window
// under 15 bits, zlib's
// backend must decode what zlib with one byte of output room per call decodes: that zlib checks
// every distance against its window alone, so it is the oracle for the check.
import PerMessageCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    // bit 0: no context takeover; bits 1-3: the peer's window, 8...15; bit 4: libdeflate for
    // whole payloads; bits 5-6: the size limit; bit 7: the exact receive window check.
    let choice = input.byte()
    let limit = messageSizeLimit(choice >> 5)
    let configuration = try! PerMessageDeflateCodec.Configuration(
        receiveWindowBits: WindowBits(rawValue: 8 + Int(choice >> 1 & 7))!,
        receiveNoContextTakeover: choice & 1 != 0,
        maxMessageSize: limit,
        backend: choice & 0x10 != 0 ? .libdeflate : .zlib,
        receiveWindowCheck: choice & 0x80 != 0 ? .exact : .zlib)
    let (payload, cuts) = input.payloadAndCuts()
    let exact = configuration.receiveWindowCheck == .exact
    let decoded = decodeCheckedWholeAndSliced(
        { PerMessageDeflateCodec(configuration) }, payload, cuts: cuts, limit: limit, allowsWindowLeniency: !exact)
    if exact && configuration.receiveWindowBits.rawValue < 15 && configuration.backend == .zlib {
        let oracle = decodeChecked(
            PerMessageDeflateCodec(configuration.checking(receiveWindow: .zlib)), payload, cuts: cuts, limit: limit, outputLimit: 1)
        guard oracle.messages == decoded.messages && oracle.failed == decoded.failed else {
            fatalError("the exact window check and zlib one byte at a time disagree: \(configuration) gave \(decoded), zlib gave \(oracle)")
        }
    }
    // Without context takeover, a payload in one piece goes to libdeflate when that is the
    // backend, and to zlib otherwise; what libdeflate does not take, zlib decodes. The two must
    // agree: libdeflate's path appends a seal of secret bytes after the trailer so that it takes
    // no payload whose block runs on into the appended bytes (finding 1, fixed). Allowed: what
    // zlib refuses and libdeflate decodes, namely a reference beyond the agreed window, refused
    // "too far back" where it reaches before what one zlib call wrote (finding 5), and
    // libdeflate's leniencies (finding 6): literal/length symbols 286 and 287, the unused
    // codeword of a one-symbol code or a distance from an empty distance code, code lengths past
    // their count (before 1.16).
    if configuration.receiveNoContextTakeover {
        let other = configuration.coding(with: configuration.backend == .zlib ? .libdeflate : .zlib)
        let again = decodeChecked(PerMessageDeflateCodec(other), payload, cuts: cuts, limit: limit)
        let (zlib, libdeflate) = configuration.backend == .zlib ? (decoded, again) : (again, decoded)
        let same = zlib.messages == libdeflate.messages && zlib.failed == libdeflate.failed
        let leniencies = exact ? [] : ["invalid literal/length code", "invalid distance code", "invalid bit length repeat", "too far back"]
        let unchecked = leniencies.contains {
            zlib.failure?.contains($0) == true
        }
        let lenient =
            unchecked && zlib.messages.count <= libdeflate.messages.count
            && Array(libdeflate.messages.prefix(zlib.messages.count)) == zlib.messages
        guard same || lenient else {
            fatalError("zlib and libdeflate disagree: \(configuration) gave \(decoded), \(other) gave \(again)")
        }
    }
    return 0
}
