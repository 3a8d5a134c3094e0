import CompressNIO
import NIOCore
public import PMCEBenchmarkKit
public import PerMessageCompression

/// compress-nio's zlib, driven per message exactly as swift-websocket's permessage-deflate
/// (`WSCompression`) drives it per frame: the codec runner's Swift peer for deflate
/// (`pmce bench --peer compress-nio`).
///
/// Each message is one final frame. Compressing: the message's `ByteBuffer` goes through
/// `compressStream(with:flush: .sync, allocator:)` into a new buffer, sliced to drop the
/// `00 00 ff ff` trailer, and the compressor is reset after the message when the sender keeps no
/// context. Decompressing: the trailer is written back onto the payload's buffer, which goes
/// through `decompressStream(with:maxSize:allocator:)` into a new buffer, and the decompressor
/// is reset after the message when the receiver keeps no context. The messages and payloads
/// are in `ByteBuffer`s before the clock starts, as frames arrive in them.
///
/// An empty message is sent uncompressed (RSV1 clear, an empty payload), as swift-websocket does
/// at any `minFrameSizeToCompress` of 1 or more (its default is 256): at 0 it would fail an
/// empty message that follows another with context takeover, because two sync flushes in a row
/// make zlib return `Z_BUF_ERROR`, which compress-nio reports as `bufferOverflow`. The receiver
/// passes an empty payload through, as swift-websocket passes a frame without RSV1.
///
/// It implements specs of permessage-deflate on zlib that compress every message.
public struct CompressNIOPeer: PeerImplementation {
    /// Creates the peer.
    public init() {}

    /// `compress-nio (swift-websocket)`.
    public var label: String { "compress-nio (swift-websocket)" }

    /// Whether `spec` is permessage-deflate on zlib, compressing every message.
    /// - Parameter spec: A spec of the run.
    public func implements(_ spec: CodecSpec) -> Bool {
        guard spec.sendPolicy == .always, case .deflate(let configuration) = spec.configuration else { return false }
        return configuration.backend == .zlib
    }

    /// A fresh compressor or decompressor with `spec`'s deflate parameters.
    /// - Parameters:
    ///   - spec: A permessage-deflate spec.
    ///   - compressing: Whether to compress (else decompress).
    /// - Throws: ``CodecError`` when `spec` is not deflate or zlib cannot start.
    public func makeCoder(for spec: CodecSpec, compressing: Bool) throws(CodecError) -> any PeerCoder {
        guard case .deflate(let configuration) = spec.configuration else {
            throw CodecError(.corruptData("compress-nio codes permessage-deflate only, not \(spec.label)"), extensionName: spec.compressionExtension.extensionName)
        }
        do {
            return compressing ? try CompressNIOCompressor(configuration) : try CompressNIODecompressor(configuration)
        } catch {
            throw CodecError(
                .library(function: compressing ? "ZlibCompressor.init" : "ZlibDecompressor.init", code: 0, message: "\(error)"),
                extensionName: spec.compressionExtension.extensionName, direction: compressing ? .compress : .decompress)
        }
    }
}

/// A pass's items as `ByteBuffer`s, and what coding them produced.
private struct FrameBuffers {
    var inputs: [ByteBuffer] = []
    var outputs: [ByteBuffer] = []

    /// Each item of `input` in a `ByteBuffer` of its own, as a frame's data arrives, with room
    /// for `extra` more bytes.
    mutating func take(_ input: UnsafeRawBufferPointer, ends: [Int], extra: Int) {
        let allocator = ByteBufferAllocator()
        inputs = ends.indices.map { index in
            let item = UnsafeRawBufferPointer(rebasing: input[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
            var buffer = allocator.buffer(capacity: item.count + extra)
            buffer.writeBytes(item)
            return buffer
        }
        outputs.removeAll(keepingCapacity: true)
        outputs.reserveCapacity(inputs.count)
    }

    /// Codes each input in order into the outputs; an empty one goes through as it is, as
    /// swift-websocket sends and receives an empty message without RSV1.
    mutating func codeEach(_ body: (inout ByteBuffer) throws -> ByteBuffer) rethrows {
        for index in inputs.indices {
            var data = inputs[index]
            outputs.append(data.readableBytes > 0 ? try body(&data) : data)
        }
    }

    /// The outputs end to end into `output`, where each ends into `ends`.
    func collect(into output: inout MessageBuffer, ends: inout [Int]) {
        output.removeAll()
        for (index, buffer) in outputs.enumerated() {
            buffer.withUnsafeReadableBytes { output.append($0) }
            ends[index] = output.count
        }
    }
}

/// The sending endpoint's compressor, as `WSCompression`'s `Compressor.compress`.
private final class CompressNIOCompressor: PeerCoder {
    private let compressor: ZlibCompressor
    private let resetsAfterMessage: Bool
    private var frames = FrameBuffers()

    init(_ configuration: PerMessageDeflateCodec.Configuration) throws {
        compressor = try ZlibCompressor(
            algorithm: .deflate,
            configuration: .init(
                windowSize: Int32(configuration.sendWindowBits.rawValue),
                compressionLevel: Int32(configuration.compressionLevel.rawValue),
                memoryLevel: Int32(configuration.memoryLevel.rawValue)))
        resetsAfterMessage = configuration.sendNoContextTakeover
    }

    func prepare(_ input: UnsafeRawBufferPointer, ends: [Int]) throws(CodecError) {
        frames.take(input, ends: ends, extra: 0)
    }

    func run() throws(CodecError) {
        do {
            try frames.codeEach { data in
                let compressed = try data.compressStream(with: compressor, flush: .sync, allocator: ByteBufferAllocator())
                if resetsAfterMessage { try compressor.reset() }
                return compressed.getSlice(at: compressed.readerIndex, length: compressed.readableBytes - 4) ?? compressed
            }
        } catch {
            throw CodecError(.library(function: "compressStream", code: 0, message: "\(error)"), extensionName: "permessage-deflate", direction: .compress)
        }
    }

    func collect(into output: inout MessageBuffer, ends: inout [Int]) {
        frames.collect(into: &output, ends: &ends)
    }
}

/// The receiving endpoint's decompressor, as `WSCompression`'s `Decompressor.decompress`.
private final class CompressNIODecompressor: PeerCoder {
    private static let trailer: [UInt8] = [0, 0, 255, 255]
    private let decompressor: ZlibDecompressor
    private let resetsAfterMessage: Bool
    private let maxSize: Int
    private var frames = FrameBuffers()

    init(_ configuration: PerMessageDeflateCodec.Configuration) throws {
        decompressor = try ZlibDecompressor(algorithm: .deflate, windowSize: Int32(configuration.receiveWindowBits.rawValue))
        resetsAfterMessage = configuration.receiveNoContextTakeover
        maxSize = configuration.maxMessageSize ?? .max
    }

    func prepare(_ input: UnsafeRawBufferPointer, ends: [Int]) throws(CodecError) {
        // Room for the trailer, as a frame read from the network usually has.
        frames.take(input, ends: ends, extra: Self.trailer.count)
    }

    func run() throws(CodecError) {
        do {
            try frames.codeEach { data in
                data.writeBytes(Self.trailer)
                let message = try data.decompressStream(with: decompressor, maxSize: maxSize, allocator: ByteBufferAllocator())
                if resetsAfterMessage { try decompressor.reset() }
                return message
            }
        } catch {
            throw CodecError(.library(function: "decompressStream", code: 0, message: "\(error)"), extensionName: "permessage-deflate", direction: .decompress)
        }
    }

    func collect(into output: inout MessageBuffer, ends: inout [Int]) {
        frames.collect(into: &output, ends: &ends)
    }
}
