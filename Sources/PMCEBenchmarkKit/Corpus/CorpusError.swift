/// Why a corpus could not be read, written or generated.
///
/// Every case names the file, and where it can the line or the HAR location
/// (`log.entries[2]._webSocketMessages[5]`), so the user can find and fix the input.
public enum CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path`.
    case pathNotFound(path: String)
    /// The file or directory exists but could not be read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The input holds no messages; `detail` says what was looked for.
    case emptyCorpus(path: String, detail: String)
    /// A directory corpus holds a subdirectory, which is not a message.
    case unexpectedDirectory(path: String)
    /// A line of a hex-lines file is not an even number of hexadecimal digits.
    case invalidHexLine(path: String, line: Int, column: Int, reason: String)
    /// A HAR file is not valid JSON or lacks the HAR structure; `location` is a JSON path.
    case malformedHAR(path: String, location: String, reason: String)
    /// A binary WebSocket frame in a HAR file carries data that is not valid base64.
    case invalidBase64(path: String, location: String)
    /// A message cannot be stored in the chosen file format (for example a newline in a lines file).
    case unrepresentableMessage(path: String, messageIndex: Int, reason: String)
    /// Writing a file or creating a directory failed; `reason` is the system's explanation.
    case writeFailed(path: String, reason: String)
    /// A datasets directory holds no `.ndjson` or `.hexlines` corpus.
    case noShippedCorpora(directory: String)

    /// A sentence naming the file, the place in it and what was wrong.
    public var description: String {
        switch self {
        case .pathNotFound(let path):
            return "\(path): no such file or directory"
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .emptyCorpus(let path, let detail):
            return "\(path): empty corpus: \(detail)"
        case .unexpectedDirectory(let path):
            return "\(path): is a directory; a directory corpus holds one file per message and no subdirectories"
        case .invalidHexLine(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): invalid hex line: \(reason)"
        case .malformedHAR(let path, let location, let reason):
            return "\(path): malformed HAR at \(location): \(reason)"
        case .invalidBase64(let path, let location):
            return "\(path): invalid base64 in the binary frame at \(location)"
        case .unrepresentableMessage(let path, let index, let reason):
            return "\(path): message \(index) cannot be stored: \(reason)"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .noShippedCorpora(let directory):
            return "\(directory): no .ndjson or .hexlines corpus found (run `pmce datasets generate`)"
        }
    }
}
