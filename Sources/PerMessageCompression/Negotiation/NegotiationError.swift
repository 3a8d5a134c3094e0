/// An error from parsing or negotiating WebSocket extensions: a malformed header, an offer or
/// response that breaks an extension's rules, or settings that contradict what the peer allowed.
///
/// Every case names the extension and, where there is one, the parameter and its value as sent.
public enum NegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The header does not follow RFC 6455 §9.1; `offset` is the UTF-8 offset of the first
    /// byte that breaks the grammar.
    case malformedHeader(header: String, offset: Int, problem: String)
    /// An element of another extension was given to a parser for `expected`.
    case unexpectedExtension(expected: String, found: String)
    /// A parameter occurs more than once in one extension element.
    case duplicateParameter(extension: String, parameter: String)
    /// A parameter the extension does not define (for this side of the handshake).
    case unknownParameter(extension: String, parameter: String)
    /// A parameter's value is missing (`nil`) or outside what is allowed.
    case invalidValue(extension: String, parameter: String, value: String?, allowed: String)
    /// A parameter that takes no value was given one.
    case unexpectedValue(extension: String, parameter: String, value: String)
    /// A setting the other side did not allow, or one contradicting what it requested.
    case notAllowedByPeer(extension: String, parameter: String, value: String, reason: String)
    /// A setting our own compressor cannot honour (a window of 8 for zlib), so the offer or
    /// response must be declined.
    case unsupportedByCompressor(extension: String, parameter: String, value: String, reason: String)
    /// The server answered with an extension the client never offered.
    case unofferedExtension(extension: String)
    /// The server answered with more than one per-message compression extension.
    case multipleCompressionExtensions([String])

    /// The extension the error is about, if any.
    public var extensionName: String? {
        switch self {
        case .malformedHeader, .multipleCompressionExtensions: return nil
        case .unexpectedExtension(let expected, _): return expected
        case .duplicateParameter(let name, _), .unknownParameter(let name, _), .invalidValue(let name, _, _, _),
            .unexpectedValue(let name, _, _), .notAllowedByPeer(let name, _, _, _), .unsupportedByCompressor(let name, _, _, _),
            .unofferedExtension(let name):
            return name
        }
    }

    /// The parameter the error is about, if any.
    public var parameter: String? {
        switch self {
        case .duplicateParameter(_, let parameter), .unknownParameter(_, let parameter), .invalidValue(_, let parameter, _, _),
            .unexpectedValue(_, let parameter, _), .notAllowedByPeer(_, let parameter, _, _),
            .unsupportedByCompressor(_, let parameter, _, _):
            return parameter
        default:
            return nil
        }
    }

    /// A sentence saying what was wrong, naming extension, parameter and value.
    public var description: String {
        switch self {
        case .malformedHeader(let header, let offset, let problem):
            return "malformed Sec-WebSocket-Extensions header at offset \(offset): \(problem) in \(HeaderSyntax.quoted(header))"
        case .unexpectedExtension(let expected, let found):
            return "expected an element of extension '\(expected)', got '\(found)'"
        case .duplicateParameter(let name, let parameter):
            return "parameter '\(parameter)' occurs more than once for extension '\(name)'"
        case .unknownParameter(let name, let parameter):
            return "unknown parameter '\(parameter)' for extension '\(name)'"
        case .invalidValue(let name, let parameter, let value, let allowed):
            let shown = value.map { "value '\($0)'" } ?? "missing value"
            return "\(shown) for parameter '\(parameter)' of extension '\(name)' (allowed: \(allowed))"
        case .unexpectedValue(let name, let parameter, let value):
            return "parameter '\(parameter)' of extension '\(name)' takes no value, got '\(value)'"
        case .notAllowedByPeer(let name, let parameter, let value, let reason):
            return "\(parameter) = \(value) for extension '\(name)' is not allowed: \(reason)"
        case .unsupportedByCompressor(let name, let parameter, let value, let reason):
            return "\(parameter) = \(value) for extension '\(name)' cannot be honoured: \(reason)"
        case .unofferedExtension(let name):
            return "the server accepted extension '\(name)', which the client did not offer"
        case .multipleCompressionExtensions(let names):
            return "the server accepted more than one per-message compression extension: \(names.joined(separator: ", "))"
        }
    }
}
