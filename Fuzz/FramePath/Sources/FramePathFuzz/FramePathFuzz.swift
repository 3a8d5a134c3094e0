// libFuzzer target: the frame path of the WebSocket integration, the receiving side of one
// connection frame by frame as swift-websocket drives it: `processReceivedFrame` of the extension
// `WebSocketExtensionFactory.perMessageCompression` (client) or `WebSocketCompressionNegotiator`
// (server) builds, which runs `ReceiveDirection.decompress` (RSV1 on a message's first frame
// only, continuation frames carrying the codec's message state, borrowed pool codecs for whole
// messages without context takeover, `maxMessageSize`; Sources/PerMessageCompressionNIO/
// FrameCompression.swift, shared with the SwiftNIO handler) and maps its `ReceiveError` to a
// close reason.
//
// Input: byte 0 chooses the extension and its receiver's deflate backend (bits 0-1), context
// takeover (bit 2), the end that receives (bit 3: the server, which receives masked frames),
// the size limit (bits 4-5) and the mode (bit 6); byte 1 the sender's parameters. The
// connection is agreed by the library's own negotiation, the peer's codec from the same
// handshake. Then one of two modes:
// - frames (bit 6 clear): one byte whose low 4 bits give 1-16 frames, per frame a byte of flags
//   (bits 0-1: continuation, text, binary, or the opcode in bits 4-7, control and reserved ones
//   too; bit 2 FIN; bit 3 RSV1) and two little-endian bytes of cut position (modulo the
//   payload's length + 1; the last frame's is unused), then the payload, cut there into the
//   frames' payloads;
// - messages (bit 6 set): one byte of framing (bits 0-2: 0-7 frame cuts, each a byte of
//   position in 255ths of a message's wire payload; bit 3: binary, not text; bit 4: a ping after
//   a fragmented message's first frame; bit 5: every second message sent uncompressed), then
//   FuzzInput.payloadAndCuts splits the rest into messages and the pieces the peer compresses
//   them in; each message's wire payload is cut into frames, RSV1 on the first.
// Frames are masked whenever the server receives; the mask is applied here, so the extension
// unmasks the fuzzer's own bytes. Frames go to the extension in order, and the first error ends
// the connection, as swift-websocket closes it.
// Checks: every error is the close reason of a `ReceiveError` (`NIOWebSocketError`'s
// `fragmentedControlFrame`, 1002, or `invalidFrameLength`, 1009), logged with its description;
// never a `CodecError` (1011, our own failure) for anything a peer sends; RSV1 on a continuation
// frame, and a data frame out of order (a text or binary frame inside a fragmented message, a
// continuation frame outside one), always fail with 1002; control frames, reserved opcodes and the frames of uncompressed
// messages pass unchanged; a decompressed frame has RSV1 and its mask cleared, its opcode and
// FIN kept; no message decompresses past `maxMessageSize`. In message mode, every message comes
// back byte for byte, and one larger than `maxMessageSize` fails with 1009, nothing else;
// otherwise it traps naming the connection, the message and what differed.
//
// Public API only, and the library built as users build it: `swift build -c release` without
// `-enable-testing`, under which the library once lost a `deinit` (Fuzz/README.md, finding 2).
// `@testable import` would need that flag for every module. The one thing public API does not
// offer is a `WebSocketExtensionContext` (its initializer is internal to WSCore): it is a struct
// whose only stored property is a `Logger`, so the target makes one from a `Logger` with
// `unsafeBitCast`, after checking that the two have the same layout. `processReceivedFrame` is
// `async` and suspends only for a frame that needs more than 64 KiB of output, which the
// extension finishes on its background threads: one `Task.immediate` per input runs the
// connection on the fuzzer's thread until then, and the fuzzer's thread waits for the task. With FRAME_PATH_TRACE=1 in the environment, it prints every frame and
// what came back (to read a replayed input).
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Logging
import NIOCore
import NIOWebSocket
import PerMessageCompression
import PerMessageCompressionWebSocket
import WSCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let parameters = input.byte()
    let connection = Connection(choice: choice, parameters: parameters)
    let steps = choice & 0x40 != 0 ? messageSteps(&input, connection) : frameSteps(&input, connection)
    let done = DispatchSemaphore(value: 0)
    Task.immediate {
        await receive(steps, on: connection)
        done.signal()
    }
    done.wait()
    return 0
}

/// One connection's two ends, agreed by the library's own negotiation: the extension under test,
/// as swift-websocket builds it for the receiving end, and the codec of the peer that sends.
struct Connection: Sendable {
    /// The receiving end's extension.
    let receiver: any WSCore.WebSocketExtension
    /// The sending end's codec (used before the connection runs, on this thread only).
    nonisolated(unsafe) let sender: any PerMessageCodec
    /// The receiver's `maxMessageSize`.
    let limit: Int
    /// Whether the server receives (and so every frame is masked).
    let serverReceives: Bool
    /// What was agreed, for messages.
    let agreed: String

    /// Negotiates as a client and a server do: byte 0's bits 0-1 give the extension (3: deflate,
    /// the receiver's whole messages through libdeflate), bit 2 asks the sender for no context
    /// takeover, bit 3 makes the server the receiver, bits 4-5 the receiver's size limit.
    /// `parameters`: for deflate, bits 0-2 the sender's window 9...15 (8 → 9) and bits 3-6 its
    /// level −1...9 (clamped); for bzip2, the level 1...9.
    init(choice: UInt8, parameters: UInt8) {
        let noContextTakeover = choice & 4 != 0
        serverReceives = choice & 8 != 0
        limit = messageSizeLimit(choice >> 4)
        let backend: DeflateBackend = choice & 3 == 3 ? .libdeflate : .zlib
        // The receiver's offer or policy asks for what the sender then does.
        let offer: ClientExtensionOffer
        let policy: ServerExtensionPolicy
        switch choice & 3 {
        case 0, 3:
            let windowBits = WindowBits(rawValue: Swift.max(9, 8 + Int(parameters & 7)))!
            let level = CompressionLevel(rawValue: Swift.min(Int(parameters >> 3 & 15) - 1, 9))!
            if serverReceives {
                offer = .perMessageDeflate(compressionLevel: level)
                policy = .perMessageDeflate(requestNoContextTakeover: noContextTakeover, requestMaxWindowBits: windowBits, maxMessageSize: limit)
            } else {
                offer = .perMessageDeflate(
                    .init(requestNoContextTakeover: noContextTakeover, requestMaxWindowBits: windowBits), maxMessageSize: limit)
                policy = .perMessageDeflate(compressionLevel: level)
            }
        case 1:
            let level = Bzip2Level(rawValue: 1 + Int(parameters) % 9)!
            offer = serverReceives ? .perMessageBzip2(compressLevel: level) : .perMessageBzip2(maxMessageSize: limit)
            policy = serverReceives ? .perMessageBzip2(maxMessageSize: limit) : .perMessageBzip2(compressLevel: level)
        default:
            if serverReceives {
                offer = .perMessageSnappy()
                policy = .perMessageSnappy(requestNoContextTakeover: noContextTakeover, maxMessageSize: limit)
            } else {
                offer = .perMessageSnappy(.init(requestNoContextTakeover: noContextTakeover), maxMessageSize: limit)
                policy = .perMessageSnappy()
            }
        }
        do {
            if serverReceives {
                // As Hummingbird does: the upgrade step negotiates, then swift-websocket builds the
                // server's extensions for the same handshake (on this thread).
                let compression = WebSocketCompressionNegotiator(ServerNegotiator([policy]), deflateBackend: backend)
                let request: HTTPFields = [.secWebSocketExtensions: offer.element.description]
                let response = try compression.responseHeaders(for: request)
                let (_, extensions) = try [compression.extensionFactory.build()].serverExtensionNegotiation(requestHeaders: request)
                guard let receiver = extensions.first, let peer = try ClientNegotiator([offer]).negotiate(responseHeaders: response[values: .secWebSocketExtensions]) else {
                    fatalError("no agreement for \(offer.element) with \(policy)")
                }
                self.receiver = receiver
                sender = peer.makeCodec()
                agreed = "server receives, \(response[values: .secWebSocketExtensions]), limit \(limit), \(backend), client sends \(peer.configuration)"
            } else {
                let builder = WebSocketExtensionFactory.perMessageCompression(client: offer, deflateBackend: backend).build()
                guard let peer = try ServerNegotiator([policy]).negotiate(offerHeaders: [builder.clientRequestHeader()]).accepted else {
                    fatalError("no agreement for \(offer.element) with \(policy)")
                }
                let response: HTTPFields = [.secWebSocketExtensions: peer.responseHeader]
                guard let receiver = try [builder].buildClientExtensions(from: response).first else {
                    fatalError("the client does not accept \(peer.responseHeader)")
                }
                self.receiver = receiver
                sender = peer.makeCodec()
                agreed = "client receives, \(peer.responseHeader), limit \(limit), \(backend), server sends \(peer.configuration)"
            }
        } catch {
            fatalError("negotiating \(offer.element) with \(policy) failed: \(error)")
        }
    }

    /// The frame swift-websocket hands the extension: masked (with `key`) when the server
    /// receives, so that its unmasked payload is `payload`.
    func frame(fin: Bool, rsv1: Bool, opcode: WebSocketOpcode, _ payload: some Collection<UInt8>, key: [UInt8]) -> WebSocketFrame {
        var data = ByteBuffer(bytes: payload)
        let maskKey = serverReceives ? WebSocketMaskingKey(key) : nil
        if let maskKey { data.webSocketMask(maskKey) }
        return WebSocketFrame(fin: fin, rsv1: rsv1, opcode: opcode, maskKey: maskKey, data: data)
    }
}

/// A frame to receive, and in message mode which message it carries.
struct Step: Sendable {
    let frame: WebSocketFrame
    /// The message's bytes and index when this frame ends it (message mode).
    let ends: (message: [UInt8], index: Int)?
    /// Whether the frame belongs to a message larger than `maxMessageSize` (message mode).
    let tooLarge: Bool
    /// Whether this is message mode, where every frame is valid.
    let valid: Bool
}

/// Frame mode: the fuzzer's frames as they are.
func frameSteps(_ input: inout FuzzInput, _ connection: Connection) -> [Step] {
    let count = 1 + Int(input.byte() & 15)
    let specs = (0..<count).map { _ in (flags: input.byte(), cut: input.uint16()) }
    let payload = input.rest()
    let ends = specs.dropLast().map { $0.cut % (payload.count + 1) }.sorted() + [payload.count]
    var start = 0
    return zip(specs, ends).map { spec, end in
        defer { start = end }
        let opcode: WebSocketOpcode
        switch spec.flags & 3 {
        case 0: opcode = .continuation
        case 1: opcode = .text
        case 2: opcode = .binary
        default: opcode = WebSocketOpcode(encodedWebSocketOpcode: spec.flags >> 4)!
        }
        let key = [spec.flags, UInt8(truncatingIfNeeded: spec.cut), UInt8(truncatingIfNeeded: spec.cut >> 8), 0x5a]
        let frame = connection.frame(fin: spec.flags & 4 != 0, rsv1: spec.flags & 8 != 0, opcode: opcode, payload[start..<end], key: key)
        return Step(frame: frame, ends: nil, tooLarge: false, valid: false)
    }
}

/// Message mode: messages compressed by the peer's codec in the fuzzer's pieces, each wire
/// payload cut into frames at the same fractions.
func messageSteps(_ input: inout FuzzInput, _ connection: Connection) -> [Step] {
    let framing = input.byte()
    let fractions = (0..<Int(framing & 7)).map { _ in Int(input.byte()) }.sorted()
    let (payload, cuts) = input.payloadAndCuts()
    let opcode: WebSocketOpcode = framing & 8 != 0 ? .binary : .text
    var steps: [Step] = []
    var wire = MessageBuffer()
    var messageStart = 0
    var index = 0
    for (piece, isFinal, messageEnd) in pieces(of: payload, at: cuts) {
        let compressed = framing & 0x20 == 0 || index % 2 == 0
        if compressed {
            do throws(CodecError) {
                try connection.sender.compress(piece, isFinal: isFinal, into: &wire)
            } catch {
                fatalError("\(connection.agreed): compressing message \(index) failed: \(error)")
            }
        }
        guard isFinal else { continue }
        let message = Array(payload[messageStart..<messageEnd])
        let bytes = compressed ? wire.bytes : message
        let ends = fractions.map { bytes.count * $0 / 255 } + [bytes.count]
        var start = 0
        for (number, end) in ends.enumerated() {
            let first = number == 0, last = number == ends.count - 1
            let key = [UInt8(truncatingIfNeeded: index), UInt8(number), framing, 0xa5]
            let frame = connection.frame(fin: last, rsv1: first && compressed, opcode: first ? opcode : .continuation, bytes[start..<end], key: key)
            steps.append(Step(frame: frame, ends: last ? (message, index) : nil, tooLarge: compressed && message.count > connection.limit, valid: true))
            if first, !last, framing & 0x10 != 0 {
                // Control frames may come between a message's frames (RFC 6455 §5.4).
                let ping = connection.frame(fin: true, rsv1: false, opcode: .ping, Array("ping \(index)".utf8), key: key)
                steps.append(Step(frame: ping, ends: nil, tooLarge: false, valid: true))
            }
            start = end
        }
        wire.removeAll()
        messageStart = messageEnd
        index += 1
    }
    return steps
}

/// Feeds `steps` to the connection's receiver in order, as swift-websocket does, and checks
/// every frame that comes back or error thrown; stops at the first error (the connection closes).
func receive(_ steps: [Step], on connection: Connection) async {
    let context = extensionContext
    if tracing { print(connection.agreed) }
    // What the receiver should think: whether the message under way is compressed (its first
    // frame had RSV1), the bytes it decompressed to so far, and (message mode) the bytes received.
    var compressed = false
    var decompressedBytes = 0
    var received: [UInt8] = []
    // Whether a fragmented message is under way: a text or binary frame then, or a continuation
    // frame without one, is out of order (RFC 6455 §5.4) and must close with 1002.
    var inFlight = false
    for (number, step) in steps.enumerated() {
        let frame = step.frame
        let isData = frame.opcode == .text || frame.opcode == .binary || frame.opcode == .continuation
        let outOfOrder = frame.opcode == .continuation ? !inFlight : (isData && inFlight)
        if isData { inFlight = !frame.fin }
        if frame.opcode == .text || frame.opcode == .binary {
            compressed = frame.rsv1
            decompressedBytes = 0
            received = []
        }
        let decompresses = isData && compressed && !(frame.opcode == .continuation && frame.rsv1)
        lastLog = nil
        let output: WebSocketFrame
        do {
            output = try await connection.receiver.processReceivedFrame(frame, context: context)
        } catch {
            if tracing { print("frame \(number): \(frame) threw \(error): \(lastLog ?? "nothing logged")") }
            check(error, of: step, number, decompresses: decompresses, outOfOrder: outOfOrder, connection)
            return
        }
        if tracing { print("frame \(number): \(frame) → \(output)") }
        func fail(_ problem: String) -> Never {
            fatalError("\(connection.agreed): frame \(number) (\(frame)) \(problem)")
        }
        if frame.opcode == .continuation && frame.rsv1 { fail("with RSV1 on a continuation frame was accepted") }
        if outOfOrder { fail("out of order (RFC 6455 §5.4) was accepted") }
        if decompresses {
            guard !output.rsv1, output.maskKey == nil, output.opcode == frame.opcode, output.fin == frame.fin, !output.rsv2, !output.rsv3 else {
                fail("came back as \(output)")
            }
            decompressedBytes += output.data.readableBytes
            guard decompressedBytes <= connection.limit else {
                fail("decompressed past maxMessageSize \(connection.limit): \(decompressedBytes) bytes")
            }
            if frame.fin { compressed = false }
        } else if output != frame {
            fail("should pass unchanged but came back as \(output)")
        }
        guard step.valid, isData else { continue }
        received += output.unmaskedData.readableBytesView
        if let (message, index) = step.ends {
            guard !step.tooLarge else {
                fail("ends message \(index) of \(message.count) bytes, past maxMessageSize \(connection.limit), without an error")
            }
            guard received == message else {
                fail("ends message \(index) of \(message.count) bytes, which came back as \(received.count) bytes: \(received.prefix(64))")
            }
        }
    }
}

/// Checks an error the receiver threw for `step`: the close reason of a `ReceiveError`, logged
/// with its description; 1002 for RSV1 on a continuation frame; in message mode, 1009 for a
/// message over the limit and nothing for any other.
func check(_ error: any Error, of step: Step, _ number: Int, decompresses: Bool, outOfOrder: Bool, _ connection: Connection) {
    let frame = step.frame
    func fail(_ problem: String) -> Never {
        fatalError("\(connection.agreed): frame \(number) (\(frame)) threw \(error) (\(String(reflecting: error))): \(problem)")
    }
    guard let message = lastLog, message.hasPrefix("closing: "), message.count > "closing: ".count else {
        fail("without logging the ReceiveError it closes for")
    }
    guard let reason = error as? NIOWebSocketError, reason == .fragmentedControlFrame || reason == .invalidFrameLength else {
        fail("not the close reason of a peer's fault (1002 or 1009) (\(message))")
    }
    if (frame.opcode == .continuation && frame.rsv1) || outOfOrder {
        guard reason == .fragmentedControlFrame else { fail("for RSV1 on a continuation frame or a frame out of order (\(message))") }
        return
    }
    guard decompresses else { fail("for a frame it should pass unchanged (\(message))") }
    if step.valid {
        guard step.tooLarge, reason == .invalidFrameLength else { fail("for a valid message (\(message))") }
    }
}

/// Whether to print every frame (FRAME_PATH_TRACE=1).
let tracing = getenv("FRAME_PATH_TRACE").map { String(cString: $0) == "1" } ?? false

/// The message of the last log record (the receiver logs the `ReceiveError` it closes for).
nonisolated(unsafe) var lastLog: String?

/// Keeps the message of every log record in ``lastLog``.
struct RecordingLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lastLog = event.message.description
    }
}

/// The context swift-websocket passes an extension: a `WebSocketExtensionContext` holds one
/// `Logger` and has an internal initializer, so it is made from a `Logger` of the same layout.
let extensionContext: WebSocketExtensionContext = {
    let logger = Logger(label: "FramePathFuzz") { _ in RecordingLogHandler() }
    guard MemoryLayout<WebSocketExtensionContext>.size == MemoryLayout<Logger>.size,
        MemoryLayout<WebSocketExtensionContext>.alignment == MemoryLayout<Logger>.alignment
    else {
        fatalError("WebSocketExtensionContext is no longer just a Logger: build it another way")
    }
    let context = unsafeBitCast(logger, to: WebSocketExtensionContext.self)
    precondition(context.logger.label == "FramePathFuzz")
    return context
}()
