/// The single-file formats a corpus is stored in, one message per line.
///
/// - ``lines``: each line is one message's raw bytes (NDJSON, JSON Lines, log files). Lines end
///   with `\n`; one `\r` before it is removed; empty lines are skipped, so this format cannot hold
///   an empty message or one containing `\n`. The bytes need not be JSON or even UTF-8.
/// - ``hexLines``: each line is one message as lowercase or uppercase hexadecimal digits, so it
///   holds any bytes; an empty line is an empty message. Used for the binary shipped corpora.
///
/// ```swift
/// let bytes = try CorpusFileFormat.hexLines.encode(corpus, path: "out.hexlines")
/// ```
public enum CorpusFileFormat: String, Sendable, Hashable, CaseIterable {
    /// One message per line, raw bytes (`.ndjson`, `.jsonl` and any other extension).
    case lines
    /// One message per line in hexadecimal (`.hexlines`).
    case hexLines

    /// The file extension the shipped corpora use for this format, without the dot.
    public var fileExtension: String {
        switch self {
        case .lines: return "ndjson"
        case .hexLines: return "hexlines"
        }
    }

    /// The format a file's extension selects: `hexlines` for ``hexLines``, anything else ``lines``.
    /// - Parameter fileExtension: The extension without the dot, in any case.
    /// - Returns: The format to read the file with.
    public static func forExtension(_ fileExtension: String) -> CorpusFileFormat {
        fileExtension.lowercased() == CorpusFileFormat.hexLines.fileExtension ? .hexLines : .lines
    }

    /// Encodes a corpus's messages as the file's bytes, each line ending in `\n`.
    /// - Parameters:
    ///   - corpus: The messages to store.
    ///   - path: The file's path, named in errors.
    /// - Returns: The file's contents.
    /// - Throws: ``CorpusError/unrepresentableMessage(path:messageIndex:reason:)`` when a message
    ///   cannot be stored as a line (empty, containing `\n`, or ending in `\r`).
    public func encode(_ corpus: Corpus, path: String) throws(CorpusError) -> [UInt8] {
        var output: [UInt8] = []
        switch self {
        case .lines:
            output.reserveCapacity(corpus.rawBytes + corpus.messages.count)
            for (index, message) in corpus.messages.enumerated() {
                if message.isEmpty {
                    throw .unrepresentableMessage(path: path, messageIndex: index, reason: "an empty message reads back as a skipped blank line")
                }
                if message.contains(Self.newline) {
                    throw .unrepresentableMessage(path: path, messageIndex: index, reason: "it contains a newline byte")
                }
                if message.last == Self.carriageReturn {
                    throw .unrepresentableMessage(path: path, messageIndex: index, reason: "it ends in a carriage return")
                }
                output.append(contentsOf: message)
                output.append(Self.newline)
            }
        case .hexLines:
            output.reserveCapacity(2 * corpus.rawBytes + corpus.messages.count)
            for message in corpus.messages {
                for byte in message {
                    output.append(Self.hexDigits[Int(byte >> 4)])
                    output.append(Self.hexDigits[Int(byte & 0x0F)])
                }
                output.append(Self.newline)
            }
        }
        return output
    }

    /// Decodes a file's bytes into messages.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: The file's path, named in errors.
    /// - Returns: The messages in file order (possibly none).
    /// - Throws: ``CorpusError/invalidHexLine(path:line:column:reason:)`` for a bad hex line.
    public func decode(_ bytes: [UInt8], path: String) throws(CorpusError) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var lineNumber = 0
        for var line in bytes.split(separator: Self.newline, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == Self.carriageReturn { line = line.dropLast() }
            switch self {
            case .lines:
                if !line.isEmpty { messages.append(Array(line)) }
            case .hexLines:
                messages.append(try Self.decodeHex(line, path: path, line: lineNumber))
            }
        }
        // A final "\n" leaves one empty piece after it, which is not a message.
        if self == .hexLines, bytes.last == Self.newline || bytes.isEmpty { messages.removeLast() }
        return messages
    }

    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let hexDigits = Array("0123456789abcdef".utf8)

    private static func decodeHex(_ line: ArraySlice<UInt8>, path: String, line lineNumber: Int) throws(CorpusError) -> [UInt8] {
        guard line.count % 2 == 0 else {
            throw .invalidHexLine(path: path, line: lineNumber, column: line.count, reason: "odd number of hex digits (\(line.count))")
        }
        var message: [UInt8] = []
        message.reserveCapacity(line.count / 2)
        var high: UInt8 = 0
        for (offset, character) in line.enumerated() {
            guard let value = hexValue(character) else {
                let shown = character >= 0x20 && character < 0x7F ? "'\(Character(Unicode.Scalar(character)))'" : "byte 0x\(String(character, radix: 16))"
                throw .invalidHexLine(path: path, line: lineNumber, column: offset + 1, reason: "\(shown) is not a hex digit")
            }
            if offset % 2 == 0 { high = value } else { message.append(high << 4 | value) }
        }
        return message
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
