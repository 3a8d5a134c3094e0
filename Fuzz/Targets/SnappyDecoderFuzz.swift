// libFuzzer target: PerMessageSnappyCodec's decoder (the snappy framing format) on arbitrary
// payloads.
//
// Input: byte 0 chooses the configuration, then FuzzInput.payloadAndCuts splits the rest into
// pieces and messages. Checks (Fuzz/Support/FuzzInput.swift, decodeChecked): every failure is a
// thrown CodecError, no message decodes past maxMessageSize, a failed codec keeps failing, and
// decoding in slices of output (decompress(_:isFinal:into:outputLimit:)) gives the same messages.
import PerMessageCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    // bit 0: no context takeover; bits 1-2: the size limit.
    let choice = input.byte()
    let limit = messageSizeLimit(choice >> 1)
    let configuration = try! PerMessageSnappyCodec.Configuration(receiveNoContextTakeover: choice & 1 != 0, maxMessageSize: limit)
    let (payload, cuts) = input.payloadAndCuts()
    decodeCheckedWholeAndSliced({ PerMessageSnappyCodec(configuration) }, payload, cuts: cuts, limit: limit)
    return 0
}
