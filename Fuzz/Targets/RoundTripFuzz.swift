// libFuzzer target: compress → decompress round trips of all three codecs with fuzzer-chosen
// parameters and splits.
//
// Input: byte 0 chooses the extension and context takeover, bytes 1-2 its parameters, byte 3
// how the wire payload of each message is re-cut for the receiver; then
// FuzzInput.payloadAndCuts splits the rest into messages and the pieces they are compressed in.
// The sender and the receiver are two codecs made with matching configurations (the receiver's
// deflate backend chosen on its own). Checks: compressing never fails, and every message
// decompresses to exactly what was sent; otherwise it traps with what differed.
import PerMessageCompression

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let parameters = input.byte()
    let more = input.byte()
    let receiverCut = input.byte()
    let (payload, cuts) = input.payloadAndCuts()
    let noContextTakeover = choice & 4 != 0
    switch choice & 3 {
    case 0, 3:
        // parameters: bits 0-2 window 9...15 (8 → 9), bits 3-6 level -1...9 (clamped); bit 7
        // the sender's backend. more: bits 0-3 memory level 1...9; bit 4 the receiver's backend;
        // bit 5 the receiver's exact window check (what a sender with the window makes passes it).
        let windowBits = WindowBits(rawValue: Swift.max(9, 8 + Int(parameters & 7)))!
        let level = CompressionLevel(rawValue: Swift.min(Int(parameters >> 3 & 15) - 1, 9))!
        let memoryLevel = MemoryLevel(rawValue: 1 + Int(more & 15) % 9)!
        let sender = try! PerMessageDeflateCodec.Configuration(
            sendWindowBits: windowBits, sendNoContextTakeover: noContextTakeover, memoryLevel: memoryLevel,
            compressionLevel: level, backend: parameters & 0x80 != 0 ? .libdeflate : .zlib)
        let receiver = try! PerMessageDeflateCodec.Configuration(
            receiveWindowBits: windowBits, receiveNoContextTakeover: noContextTakeover,
            backend: more & 0x10 != 0 ? .libdeflate : .zlib, receiveWindowCheck: more & 0x20 != 0 ? .exact : .zlib)
        roundTrip(from: sender.makeCodec(), to: receiver.makeCodec(), payload, cuts: cuts, receiverCut: receiverCut)
    case 1:
        // parameters: the level, 1...9.
        let sender = try! PerMessageBzip2Codec.Configuration(sendLevel: Bzip2Level(rawValue: 1 + Int(parameters) % 9)!)
        roundTrip(from: sender.makeCodec(), to: PerMessageBzip2Codec.Configuration.default.makeCodec(), payload, cuts: cuts, receiverCut: receiverCut)
    default:
        let sender = try! PerMessageSnappyCodec.Configuration(sendNoContextTakeover: noContextTakeover)
        let receiver = try! PerMessageSnappyCodec.Configuration(receiveNoContextTakeover: noContextTakeover)
        roundTrip(from: sender.makeCodec(), to: receiver.makeCodec(), payload, cuts: cuts, receiverCut: receiverCut)
    }
    return 0
}

/// Sends the messages `cuts` make of `payload` from `sender` to `receiver`, each compressed in
/// the pieces the cuts make and decompressed in two pieces cut at `receiverCut`/255 of its
/// wire payload (0: one piece).
func roundTrip(from sender: some PerMessageCodec, to receiver: some PerMessageCodec, _ payload: UnsafeRawBufferPointer, cuts: [Cut], receiverCut: UInt8) {
    var wire = MessageBuffer()
    var received = MessageBuffer()
    var messageStart = 0
    var messageIndex = 0
    for (piece, isFinal, messageEnd) in pieces(of: payload, at: cuts) {
        do throws(CodecError) {
            try sender.compress(piece, isFinal: isFinal, into: &wire)
        } catch {
            fatalError("\(sender.configuration): compressing message \(messageIndex) failed: \(error)")
        }
        guard isFinal else { continue }
        let message = UnsafeRawBufferPointer(rebasing: payload[messageStart..<messageEnd])
        wire.withUnsafeReadableBytes { bytes in
            let split = bytes.count * Int(receiverCut) / 255
            do throws(CodecError) {
                if receiverCut != 0 {
                    try receiver.decompress(UnsafeRawBufferPointer(rebasing: bytes[..<split]), isFinal: false, into: &received)
                }
                try receiver.decompress(UnsafeRawBufferPointer(rebasing: bytes[(receiverCut != 0 ? split : 0)...]), isFinal: true, into: &received)
            } catch {
                fatalError("\(sender.configuration) → \(receiver.configuration): message \(messageIndex) of \(message.count) bytes, wire \(wire), does not decompress: \(error)")
            }
        }
        let same = received.withUnsafeReadableBytes { $0.elementsEqual(message) }
        guard same else {
            fatalError("\(sender.configuration) → \(receiver.configuration): message \(messageIndex) of \(message.count) bytes came back as \(received) (wire \(wire))")
        }
        wire.removeAll()
        received.removeAll()
        messageStart = messageEnd
        messageIndex += 1
    }
}
