import PMCEBenchmarkKit
import PerMessageCompression

/// Runs every message of one invocation through one codec, in order, as on one connection,
/// and renders the results as hex lines. Nothing is written until every message succeeded.
enum MessagePipeline {
    /// Codes `input`'s messages.
    /// - Parameters:
    ///   - input: The messages (or compressed payloads) and where each came from.
    ///   - codec: The codec; its state carries from message to message.
    ///   - direction: Compress or decompress.
    /// - Returns: The results, one lowercase hex line each (an empty message is an empty line).
    /// - Throws: ``MessageFailure`` naming the input line or file of the first failing message.
    static func run(_ input: MessageInput, codec: any PerMessageCodec, direction: CodecError.Direction) throws(MessageFailure) -> [UInt8] {
        var results: [[UInt8]] = []
        results.reserveCapacity(input.messages.count)
        var output = MessageBuffer(capacity: 64 * 1024)
        for (index, message) in input.messages.enumerated() {
            output.removeAll()
            do {
                switch direction {
                case .compress: try codec.compressMessage(message, into: &output)
                case .decompress: try codec.decompressMessage(message, into: &output)
                }
            } catch {
                throw MessageFailure(location: input.location(index), messageNumber: index + 1, error: error)
            }
            results.append(output.bytes)
        }
        // Hex lines never fail to encode; the kit's encoder is the one `pmce bench` reads back.
        return (try? CorpusFileFormat.hexLines.encode(Corpus(name: "output", messages: results), path: "<stdout>")) ?? []
    }
}

/// A message the codec refused: where it came from and the codec's error.
struct MessageFailure: Error, CustomStringConvertible {
    /// The input line or file (`<stdin>:3`, `dir/0003.bin`).
    var location: String
    /// The message's 1-based position in the input.
    var messageNumber: Int
    /// What the codec said.
    var error: CodecError

    var description: String {
        let what = [error.extensionName, error.direction?.rawValue].compactMap { $0 }.joined(separator: " ")
        return "\(location): message \(messageNumber): \(what) failed: \(error.reason)"
    }
}
