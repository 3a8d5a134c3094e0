// libFuzzer target: PerMessageBzip2Codec's decoder on arbitrary payloads.
//
// Input: byte 0 chooses the size limit, then FuzzInput.payloadAndCuts splits the rest into
// pieces and messages (every bzip2 message is a stream of its own: there is no context
// takeover to choose). Checks (Fuzz/Support/FuzzInput.swift, decodeChecked): every failure is
// a thrown CodecError, no message decodes past maxMessageSize, a failed codec keeps failing, and
// decoding in slices of output (decompress(_:isFinal:into:outputLimit:)) gives the same messages.
import PerMessageCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let limit = messageSizeLimit(input.byte())
    let configuration = try! PerMessageBzip2Codec.Configuration(maxMessageSize: limit)
    let (payload, cuts) = input.payloadAndCuts()
    decodeCheckedWholeAndSliced({ PerMessageBzip2Codec(configuration) }, payload, cuts: cuts, limit: limit)
    return 0
}
