// libFuzzer target: PerMessageDeflateCodec's decoder on arbitrary payloads.
//
// Input: byte 0 chooses the configuration, then FuzzInput.payloadAndCuts splits the rest into
// pieces and messages. Checks (Fuzz/Support/FuzzInput.swift, decodeChecked): every failure is a
// thrown CodecError, no message decodes past maxMessageSize, a failed codec keeps failing, and
// decoding in slices of output (decompress(_:isFinal:into:outputLimit:)) gives the same messages.
// Without context takeover it also decodes with the other backend (zlib / libdeflate): what both
// decode must match, and what zlib decodes libdeflate must decode.
import PerMessageCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    // bit 0: no context takeover; bits 1-3: the peer's window, 8...15; bit 4: libdeflate for
    // whole payloads; bits 5-6: the size limit.
    let choice = input.byte()
    let limit = messageSizeLimit(choice >> 5)
    let configuration = try! PerMessageDeflateCodec.Configuration(
        receiveWindowBits: WindowBits(rawValue: 8 + Int(choice >> 1 & 7))!,
        receiveNoContextTakeover: choice & 1 != 0,
        maxMessageSize: limit,
        backend: choice & 0x10 != 0 ? .libdeflate : .zlib)
    let (payload, cuts) = input.payloadAndCuts()
    let decoded = decodeCheckedWholeAndSliced({ PerMessageDeflateCodec(configuration) }, payload, cuts: cuts, limit: limit)
    // Without context takeover, a payload in one piece goes to libdeflate when that is the
    // backend, and to zlib otherwise. What zlib decodes, libdeflate decodes the same; libdeflate
    // may accept more: a payload whose last block runs on through the trailer libdeflate's path
    // appends (`00 00 ff ff 03 00`) decodes there, while zlib refuses it as truncated
    // (FuzzRegressionTests.swift, a known issue).
    if configuration.receiveNoContextTakeover {
        let other = configuration.coding(with: configuration.backend == .zlib ? .libdeflate : .zlib)
        let again = decodeChecked(PerMessageDeflateCodec(other), payload, cuts: cuts, limit: limit)
        let (zlib, libdeflate) = configuration.backend == .zlib ? (decoded, again) : (again, decoded)
        let common = Swift.min(zlib.messages.count, libdeflate.messages.count)
        let agree =
            zlib.messages[..<common] == libdeflate.messages[..<common]
            && zlib.messages.count <= libdeflate.messages.count && (zlib.failed || !libdeflate.failed)
        guard agree else {
            fatalError("zlib and libdeflate disagree: \(configuration) gave \(decoded), \(other) gave \(again)")
        }
    }
    return 0
}
