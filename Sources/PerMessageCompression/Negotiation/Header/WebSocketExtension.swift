/// One element of a `Sec-WebSocket-Extensions` header (RFC 6455 §9.1): an extension name
/// and its parameters, in the order they were written.
///
/// Names are case-insensitive tokens and are stored in lower case, as Autobahn|Python does.
/// A parameter's value is `nil` when it has none (`client_no_context_takeover`); a value sent as
/// a quoted string is stored unquoted.
///
/// ```swift
/// let offers = try WebSocketExtension.parse(header: "permessage-deflate; client_max_window_bits, permessage-snappy")
/// offers[0].name                  // "permessage-deflate"
/// offers[0].description           // "permessage-deflate; client_max_window_bits"
/// ```
public struct WebSocketExtension: Hashable, Sendable, CustomStringConvertible {
    /// One `name[=value]` parameter of an extension.
    public struct Parameter: Hashable, Sendable, CustomStringConvertible {
        /// The parameter's name, in lower case.
        public var name: String
        /// The parameter's value, unquoted; `nil` when the parameter has no value.
        public var value: String?

        /// Creates a parameter.
        /// - Parameters:
        ///   - name: The parameter's name (a token; stored in lower case).
        ///   - value: The value, or `nil` for a parameter without one.
        public init(_ name: String, _ value: String? = nil) {
            self.name = name.lowercased()
            self.value = value
        }

        /// `name` or `name=value`, quoting the value when it is not a token.
        public var description: String {
            guard let value else { return name }
            return "\(name)=\(HeaderSyntax.isToken(value) ? value : HeaderSyntax.quoted(value))"
        }
    }

    /// The extension's name, in lower case (`permessage-deflate`).
    public var name: String
    /// The parameters, in header order; a name may occur more than once.
    public var parameters: [Parameter]

    /// Creates an extension element.
    /// - Parameters:
    ///   - name: The extension's name (a token; stored in lower case).
    ///   - parameters: Its parameters, in order.
    public init(name: String, parameters: [Parameter] = []) {
        self.name = name.lowercased()
        self.parameters = parameters
    }

    /// The element as it appears in a header: `name; param; param=value`.
    public var description: String {
        ([name] + parameters.map(\.description)).joined(separator: "; ")
    }

    /// Joins extension elements into one `Sec-WebSocket-Extensions` header value.
    /// - Parameter extensions: The elements, in order of preference.
    /// - Returns: The elements separated by `", "`; empty for no elements.
    public static func header(_ extensions: [WebSocketExtension]) -> String {
        extensions.map(\.description).joined(separator: ", ")
    }
}

/// RFC 7230 token and quoted-string rules shared by the parser and the serializer.
@usableFromInline
enum HeaderSyntax {
    /// Whether `byte` is a `tchar`: ALPHA, DIGIT or one of ``!#$%&'*+-.^_`|~``.
    @inlinable
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Whether `text` is a non-empty token.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenCharacter)
    }

    /// `text` as a quoted-string, escaping `"` and `\`.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
