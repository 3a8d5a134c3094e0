/// Finds the first JSON syntax error in a document and says where it is, by line and column.
///
/// Foundation's JSON parsers report a malformed document without a position (or as a character
/// offset), so a HAR file that fails to parse is scanned again here to tell the user which line
/// to look at. This only checks syntax (RFC 8259); it builds no values.
struct JSONSyntaxCheck {
    /// Where and why a document is not valid JSON.
    struct Failure: Equatable {
        /// The 1-based line.
        var line: Int
        /// The 1-based column, counted in bytes.
        var column: Int
        /// What was wrong, such as `expected ',' or ']' but found '}'`.
        var reason: String
    }

    static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0

    /// The first syntax error in `bytes`, or `nil` if it is one valid JSON value with only whitespace around it.
    static func firstFailure(in bytes: [UInt8]) -> Failure? {
        var check = JSONSyntaxCheck(bytes: bytes)
        do throws(Failure) {
            check.skipWhitespace()
            try check.value(depth: 0)
            check.skipWhitespace()
            if check.index < bytes.count { throw check.failure("unexpected \(check.shown) after the end of the document") }
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var shown: String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        return byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private func failure(_ reason: String) -> Failure {
        var line = 1
        var lineStart = 0
        for position in 0..<Swift.min(index, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return Failure(line: line, column: index - lineStart + 1, reason: reason)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(what) but found \(shown)") }
        index += 1
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth) levels") }
        guard index < bytes.count else { throw failure("expected a value but found end of file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), isObject: true, depth: depth)
        case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), isObject: false, depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("expected a value but found \(shown)")
        }
    }

    private mutating func container(close: UInt8, isObject: Bool, depth: Int) throws(Failure) {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == close {
            index += 1
            return
        }
        let closing = isObject ? "'}'" : "']'"
        while true {
            if isObject {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string key but found \(shown)") }
                try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':'")
                skipWhitespace()
            }
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected ',' or \(closing) but found end of file") }
            if bytes[index] == close {
                index += 1
                return
            }
            try expect(UInt8(ascii: ","), "',' or \(closing)")
            skipWhitespace()
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard index < bytes.count, isHexDigit(bytes[index]) else { throw failure("expected four hex digits after \\u") }
                    }
                } else if !Array(#""\/bfnrt"#.utf8).contains(bytes[index]) {
                    throw failure("invalid escape \\\(shown)")
                }
                index += 1
            case 0..<0x20:
                throw failure("control character \(shown) inside a string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else { throw failure("expected '\(word)' but found \(shown)") }
            index += 1
        }
    }

    private mutating func number() throws(Failure) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw failure("expected a digit but found \(shown)") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw failure("expected a digit after '.' but found \(shown)") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw failure("expected an exponent digit but found \(shown)") }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}

extension JSONSyntaxCheck.Failure: Error {}
