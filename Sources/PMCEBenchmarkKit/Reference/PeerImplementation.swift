public import PerMessageCompression

/// Another Swift implementation of a spec's per-message work, timed beside the spec as the C
/// reference is (`pmce bench --peer compress-nio`), so that the kit runs it without depending on
/// it: the host (`pmce`) hands the runner its peers.
///
/// Each pass hands a fresh ``PeerCoder`` its input before the clock starts, times
/// ``PeerCoder/run()`` alone, and takes the output after the clock stops, checking it like the
/// Swift codec's.
///
/// ```swift
/// let runner = BenchmarkRunner(settings: .default, peers: [CompressNIOPeer()])
/// ```
public protocol PeerImplementation: Sendable {
    /// The name in reports, such as `compress-nio 1.5 (as swift-websocket drives it)`.
    var label: String { get }

    /// Whether the peer implements `spec`'s per-message work (extension, parameters and send
    /// policy) exactly.
    /// - Parameter spec: A spec of the run.
    func implements(_ spec: CodecSpec) -> Bool

    /// A fresh coder for one pass: the sending endpoint's compressor, or the receiving endpoint's
    /// decompressor, with `spec`'s parameters.
    /// - Parameters:
    ///   - spec: A spec the peer ``implements(_:)``.
    ///   - compressing: Whether to compress (else decompress).
    /// - Throws: ``CodecError`` when the peer cannot make one.
    func makeCoder(for spec: CodecSpec, compressing: Bool) throws(CodecError) -> any PeerCoder
}

/// One direction of a peer on one pass over a corpus: its input handed over before the clock
/// starts, its output taken after it stops, so that only ``run()`` is timed.
public protocol PeerCoder: AnyObject {
    /// Takes a pass's input, untimed: item `i` is `input[ends[i - 1]..<ends[i]]` (from 0 for the
    /// first), a message when compressing, a payload when decompressing.
    /// - Throws: ``CodecError`` when the input cannot be taken.
    func prepare(_ input: UnsafeRawBufferPointer, ends: [Int]) throws(CodecError)

    /// Codes every prepared item in order, as the peer does in use: the timed part.
    /// - Throws: ``CodecError`` naming what failed.
    func run() throws(CodecError)

    /// Writes what ``run()`` produced, untimed: every item end to end into `output` (emptied
    /// first), where each ends into `ends[i]`.
    func collect(into output: inout MessageBuffer, ends: inout [Int])
}
