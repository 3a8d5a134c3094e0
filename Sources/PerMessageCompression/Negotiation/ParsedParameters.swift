/// How one parameter of an extension may be written.
enum ParameterRule: Sendable {
    /// Present without a value (`server_no_context_takeover`).
    case flag
    /// Present with a decimal value in the range (`server_max_window_bits=10`).
    case integer(ClosedRange<Int>)
    /// Present with or without a decimal value in the range (`client_max_window_bits` in an offer).
    case optionalInteger(ClosedRange<Int>)

    /// Present with a value in `Setting`'s range.
    static func setting(_ type: (some BoundedSetting).Type) -> Self { .integer(type.allowed) }
    /// Present with or without a value in `Setting`'s range.
    static func optionalSetting(_ type: (some BoundedSetting).Type) -> Self { .optionalInteger(type.allowed) }
}

/// The parameter names of one extension, as an enum whose raw values are the wire names: a
/// misspelt parameter does not compile.
public protocol ExtensionParameterName: RawRepresentable<String>, Hashable, CaseIterable, Sendable {}

extension WebSocketExtension.Parameter {
    /// Creates a parameter of one of this package's extensions.
    /// - Parameters:
    ///   - name: The parameter.
    ///   - value: Its value, or `nil` for a parameter without one.
    init(_ name: some ExtensionParameterName, _ value: (some CustomStringConvertible)? = String?.none) {
        self.init(name.rawValue, value?.description)
    }
}

/// The parameters of one extension element, checked against the extension's rules: the one
/// place that rejects duplicates, unknown names, missing values, unexpected values and
/// out-of-range numbers, in the order Autobahn|Python checks them.
struct ParsedParameters<Name: ExtensionParameterName> {
    /// What a present parameter held.
    enum Value: Equatable {
        case present
        case integer(Int)
    }

    let extensionName: String
    private var values: [Name: Value] = [:]

    /// Checks `element` against `rules`.
    ///
    /// Parameters are visited in order of first occurrence; for each, a repeat is reported
    /// before anything else, then an unknown name, then its value, so the first error is the one
    /// Autobahn|Python reports for the same element.
    /// - Throws: ``NegotiationError`` naming the extension, parameter and value.
    init(_ element: WebSocketExtension, of compressionExtension: CompressionExtension, rules: [Name: ParameterRule]) throws(NegotiationError) {
        let extensionName = compressionExtension.extensionName
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
            guard let typed = Name(rawValue: name), let rule = rules[typed] else {
                throw .unknownParameter(extension: extensionName, parameter: name)
            }
            values[typed] = try Self.check(parameter, rule, extensionName: extensionName)
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
    func contains(_ name: Name) -> Bool { values[name] != nil }

    /// The parameter's setting, or `nil` when absent or written without a value. The rule
    /// checked the number against the setting's range.
    func setting<Setting: BoundedSetting>(_ name: Name, as type: Setting.Type = Setting.self) -> Setting? {
        if case .integer(let number)? = values[name] { return Setting(rawValue: number) }
        return nil
    }
}

extension ClosedRange<Int> {
    /// `9...15`, for error messages.
    var allowedText: String { "\(lowerBound)...\(upperBound)" }
}
