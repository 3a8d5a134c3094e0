#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from the benchmark kit: a bad option or parameter, a codec failure, a message that
/// did not round-trip, or a report that could not be written. Each case names what was wrong.
public enum BenchmarkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A setting outside what its extension or library accepts.
    case configuration(ConfigurationError)
    /// A parameter the extension does not have, such as window bits for snappy in a report.
    case parameterNotApplicable(extension: CompressionExtension, name: String)
    /// A value the kit cannot use, such as a malformed integer list or fewer than 3
    /// repetitions; `name` is what it was given for.
    case invalidValue(name: String, value: String, reason: String)
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
        case .configuration(let error):
            return error.description
        case .parameterNotApplicable(let ext, let name):
            return "\(ext) has no \(name) parameter"
        case .invalidValue(let name, let value, let reason):
            return "invalid value '\(value)' for \(name): \(reason)"
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

extension BenchmarkError {
    /// ``roundTripMismatch(spec:corpus:messageIndex:expectedBytes:actualBytes:firstDifference:)``
    /// when `actual` differs from `expected` (one `memcmp` when they are equal), else `nil`.
    static func mismatch(
        spec: String, corpus: String, messageIndex: Int, expected: UnsafeRawBufferPointer, actual: UnsafeRawBufferPointer
    ) -> BenchmarkError? {
        let equal = expected.count == actual.count && (expected.isEmpty || memcmp(expected.baseAddress!, actual.baseAddress!, expected.count) == 0)
        guard !equal else { return nil }
        let firstDifference = zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? Swift.min(expected.count, actual.count)
        return .roundTripMismatch(
            spec: spec, corpus: corpus, messageIndex: messageIndex, expectedBytes: expected.count, actualBytes: actual.count,
            firstDifference: firstDifference)
    }
}
