extension WebSocketExtension {
    /// Parses one `Sec-WebSocket-Extensions` header value (RFC 6455 §9.1).
    ///
    /// Accepts several extensions, several elements of the same extension, optional whitespace
    /// around `,` `;` and `=`, empty list elements (RFC 7230 §7), and quoted-string values, which
    /// are unescaped and must then be tokens (RFC 6455 §9.1). Names are lower-cased.
    ///
    /// - Parameter header: The header's value, without the field name.
    /// - Returns: The extension elements in header order; empty for an empty header.
    /// - Throws: ``NegotiationError/malformedHeader(header:offset:problem:)`` naming the UTF-8
    ///   offset of the first byte that breaks the grammar and what was expected there.
    public static func parse(header: String) throws(NegotiationError) -> [WebSocketExtension] {
        var scanner = HeaderScanner(header)
        return try scanner.extensionList()
    }

    /// Parses repeated `Sec-WebSocket-Extensions` headers, which together form one list
    /// (RFC 7230 §3.2.2).
    /// - Parameter headers: The values of every `Sec-WebSocket-Extensions` field, in order.
    /// - Returns: The extension elements of all headers, in order.
    /// - Throws: ``NegotiationError/malformedHeader(header:offset:problem:)`` for the first
    ///   malformed header.
    public static func parse(headers: some Sequence<String>) throws(NegotiationError) -> [WebSocketExtension] {
        var result: [WebSocketExtension] = []
        for header in headers {
            result += try parse(header: header)
        }
        return result
    }
}

/// A cursor over a header's UTF-8 bytes implementing the RFC 6455 §9.1 grammar:
///
///     extension-list  = 1#extension
///     extension       = extension-token *( OWS ";" OWS extension-param )
///     extension-param = token [ OWS "=" OWS ( token / quoted-string ) ]
struct HeaderScanner {
    private let header: String
    private let bytes: [UInt8]
    private var offset = 0

    init(_ header: String) {
        self.header = header
        self.bytes = Array(header.utf8)
    }

    mutating func extensionList() throws(NegotiationError) -> [WebSocketExtension] {
        var extensions: [WebSocketExtension] = []
        while true {
            skipWhitespace()
            guard let byte = peek() else { return extensions }
            if byte == UInt8(ascii: ",") {  // an empty list element
                offset += 1
                continue
            }
            extensions.append(try extensionElement())
            skipWhitespace()
            guard let next = peek() else { return extensions }
            guard next == UInt8(ascii: ",") else { throw failure("',' or ';' after an extension") }
            offset += 1
        }
    }

    private mutating func extensionElement() throws(NegotiationError) -> WebSocketExtension {
        let name = try token(what: "an extension name")
        var parameters: [WebSocketExtension.Parameter] = []
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: ";") else { break }
            offset += 1
            skipWhitespace()
            let parameterName = try token(what: "a parameter name after ';'")
            skipWhitespace()
            var value: String?
            if peek() == UInt8(ascii: "=") {
                offset += 1
                skipWhitespace()
                value = peek() == UInt8(ascii: "\"") ? try quotedToken() : try token(what: "a parameter value after '='")
            }
            parameters.append(.init(parameterName, value))
        }
        return WebSocketExtension(name: name, parameters: parameters)
    }

    private mutating func token(what: String) throws(NegotiationError) -> String {
        let start = offset
        while let byte = peek(), HeaderSyntax.isTokenCharacter(byte) { offset += 1 }
        guard offset > start else { throw failure(what) }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// A quoted-string whose unescaped content must be a token (RFC 6455 §9.1).
    private mutating func quotedToken() throws(NegotiationError) -> String {
        let open = offset
        offset += 1
        var content: [UInt8] = []
        while true {
            guard let byte = peek() else {
                offset = open
                throw failure(problem: "the quoted string starting here is not closed")
            }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                let value = String(decoding: content, as: UTF8.self)
                guard HeaderSyntax.isToken(value) else {
                    offset = open
                    throw failure(problem: "the quoted value \(HeaderSyntax.quoted(value)) is not a token (RFC 6455 §9.1)")
                }
                return value
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { throw failure("a character after '\\'") }
                content.append(escaped)
                offset += 1
            default:
                content.append(byte)
            }
        }
    }

    private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { offset += 1 }
    }

    private func failure(_ expected: String) -> NegotiationError {
        let found = peek().map { byte in
            (0x21...0x7e).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        } ?? "the end of the header"
        return failure(problem: "expected \(expected), found \(found)")
    }

    private func failure(problem: String) -> NegotiationError {
        .malformedHeader(header: header, offset: offset, problem: problem)
    }
}
