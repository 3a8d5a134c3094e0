/// How one parameter of an extension may be written.
enum ParameterRule: Sendable {
    /// Present without a value (`server_no_context_takeover`).
    case flag
    /// Present with a decimal value in the range (`server_max_window_bits=10`).
    case integer(ClosedRange<Int>)
    /// Present with or without a decimal value in the range (`client_max_window_bits` in an offer).
    case optionalInteger(ClosedRange<Int>)
}

/// The parameters of one extension element, checked against the extension's rules: the one
/// place that rejects duplicates, unknown names, missing values, unexpected values and
/// out-of-range numbers, in the order Autobahn|Python checks them.
struct ParsedParameters {
    /// What a present parameter held.
    enum Value: Equatable {
        case present
        case integer(Int)
    }

    let extensionName: String
    private var values: [String: Value] = [:]

    /// Checks `element` against `rules`.
    ///
    /// Parameters are visited in order of first occurrence; for each, a repeat is reported
    /// before anything else, then an unknown name, then its value, so the first error is the one
    /// Autobahn|Python reports for the same element.
    /// - Throws: ``NegotiationError`` naming the extension, parameter and value.
    init(_ element: WebSocketExtension, extensionName: String, rules: [String: ParameterRule]) throws(NegotiationError) {
        guard element.name == extensionName else {
            throw .unexpectedExtension(expected: extensionName, found: element.name)
        }
        self.extensionName = extensionName
        var seen: Set<String> = []
        for parameter in element.parameters where seen.insert(parameter.name).inserted {
            let name = parameter.name
            guard element.parameters.lazy.filter({ $0.name == name }).count == 1 else {
                throw .duplicateParameter(extension: extensionName, parameter: name)
            }
            guard let rule = rules[name] else {
                throw .unknownParameter(extension: extensionName, parameter: name)
            }
            values[name] = try Self.check(parameter, rule, extensionName: extensionName)
        }
    }

    private static func check(
        _ parameter: WebSocketExtension.Parameter, _ rule: ParameterRule, extensionName: String
    ) throws(NegotiationError) -> Value {
        switch (rule, parameter.value) {
        case (.flag, nil), (.optionalInteger, nil):
            return .present
        case (.flag, let value?):
            throw .unexpectedValue(extension: extensionName, parameter: parameter.name, value: value)
        case (.integer(let range), nil):
            throw .invalidValue(extension: extensionName, parameter: parameter.name, value: nil, allowed: range.allowedText)
        case (.integer(let range), let value?), (.optionalInteger(let range), let value?):
            guard let number = decimal(value), range.contains(number) else {
                throw .invalidValue(extension: extensionName, parameter: parameter.name, value: value, allowed: range.allowedText)
            }
            return .integer(number)
        }
    }

    /// A decimal integer without sign or leading zeroes (RFC 7692 §7.1.2), or `nil`.
    private static func decimal(_ text: String) -> Int? {
        let digits = text.utf8
        guard let first = digits.first, digits.count <= 4, digits.allSatisfy({ (0x30...0x39).contains($0) }),
            first != 0x30 || digits.count == 1
        else { return nil }
        return Int(text)
    }

    /// Whether the parameter was present (with or without a value).
    func contains(_ name: String) -> Bool { values[name] != nil }

    /// The parameter's number, or `nil` when absent or written without a value.
    func integer(_ name: String) -> Int? {
        if case .integer(let number)? = values[name] { return number }
        return nil
    }
}

extension ClosedRange<Int> {
    /// `9...15`, for error messages.
    var allowedText: String { "\(lowerBound)...\(upperBound)" }
}

extension NegotiationError {
    /// The error for an integer setting outside `range`, as Autobahn's constructors report it.
    static func outOfRange(_ extensionName: String, _ parameter: String, _ value: Int, _ range: ClosedRange<Int>) -> Self {
        .invalidValue(extension: extensionName, parameter: parameter, value: String(value), allowed: range.allowedText)
    }
}
