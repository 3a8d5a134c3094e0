/// An error from the benchmark kit: a bad option or parameter, a codec failure, a message that
/// did not round-trip, or a report that could not be written. Each case names what was wrong.
public enum BenchmarkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A parameter outside what the extension accepts.
    case invalidParameter(extension: CompressionExtension, name: String, value: Int, allowed: ClosedRange<Int>, note: String?)
    /// A parameter the extension does not have, such as window bits for snappy.
    case parameterNotApplicable(extension: CompressionExtension, name: String)
    /// An option's value could not be parsed, such as a malformed integer list.
    case invalidOption(option: String, value: String, reason: String)
    /// A codec could not be made or failed during the run.
    case codec(spec: String, corpus: String, error: CodecError)
    /// A message came back different after compressing and decompressing.
    case roundTripMismatch(spec: String, corpus: String, messageIndex: Int, expectedBytes: Int, actualBytes: Int, firstDifference: Int)
    /// A corpus with no messages cannot be measured.
    case emptyCorpus(name: String)
    /// A report file could not be written or read.
    case file(path: String, reason: String)
    /// No measurements match what was asked for (for example an unknown corpus name).
    case nothingToReport(String)

    /// A sentence saying what went wrong.
    public var description: String {
        switch self {
        case .invalidParameter(let ext, let name, let value, let allowed, let note):
            return "\(ext) \(name) = \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)" + (note.map { " (\($0))" } ?? "")
        case .parameterNotApplicable(let ext, let name):
            return "\(ext) has no \(name) parameter"
        case .invalidOption(let option, let value, let reason):
            return "invalid value '\(value)' for \(option): \(reason)"
        case .codec(let spec, let corpus, let error):
            return "\(spec) on corpus '\(corpus)': \(error)"
        case .roundTripMismatch(let spec, let corpus, let index, let expected, let actual, let difference):
            return "\(spec) on corpus '\(corpus)': message \(index) did not round-trip "
                + "(\(expected) bytes sent, \(actual) bytes received, first difference at byte \(difference))"
        case .emptyCorpus(let name):
            return "corpus '\(name)' has no messages"
        case .file(let path, let reason):
            return "\(path): \(reason)"
        case .nothingToReport(let detail):
            return "nothing to report: \(detail)"
        }
    }
}
