/// A Swift expression as `pmce recommend` prints it, and whether evaluating it can throw (so
/// that the statement holding it starts with `try`).
struct SwiftCode: Hashable, Sendable, CustomStringConvertible {
    /// The source text.
    var text: String
    /// Whether the expression calls a throwing initializer, such as `WindowBits(12)`.
    var throwing: Bool = false

    /// The source text.
    var description: String { text }

    /// `[element]`: an array literal of one element.
    /// - Parameter element: The element.
    /// - Returns: The literal.
    static func array(_ element: SwiftCode) -> SwiftCode {
        SwiftCode(text: "[\(element.text)]", throwing: element.throwing)
    }
}

/// A value the printed code can spell: a named constant where the type has one
/// (`WindowBits.max`, `SendPolicy.always`), else a call of its checking initializer.
protocol SwiftCodeRepresentable {
    /// The expression that makes this value, for a parameter of its type.
    var swiftCode: SwiftCode { get }
}

/// A call with labelled arguments, recorded while the real call is made so that the printed
/// code and the value it stands for come from the same typed values:
///
/// ```swift
/// var call = SwiftCall(".perMessageSnappy")
/// let policy = ServerExtensionPolicy.perMessageSnappy(noContextTakeover: call.argument("noContextTakeover", true as Bool?))
/// call.code.text   // ".perMessageSnappy(noContextTakeover: true)"
/// ```
struct SwiftCall: Sendable {
    /// The function or initializer called, such as `.perMessageDeflate` or `ServerNegotiator`.
    let function: String
    /// The arguments given, in order; a left-out argument takes the parameter's default.
    private(set) var arguments: [(label: String?, code: SwiftCode)] = []

    /// Starts recording a call.
    /// - Parameter function: The function or initializer called.
    init(_ function: String) {
        self.function = function
    }

    /// Records `value` as argument `label` unless it is `nil` (the parameter's default).
    /// - Parameters:
    ///   - label: The argument label; `nil` for an unlabelled argument.
    ///   - value: The value.
    /// - Returns: `value`, to pass on to the real call.
    mutating func argument<Value: SwiftCodeRepresentable>(_ label: String?, _ value: Value?) -> Value? {
        if let value { arguments.append((label, value.swiftCode)) }
        return value
    }

    /// Records `value` as argument `label` unless it equals `omitted`, the parameter's default.
    /// - Parameters:
    ///   - label: The argument label; `nil` for an unlabelled argument.
    ///   - value: The value.
    ///   - omitted: The parameter's default, which is left out.
    /// - Returns: `value`, to pass on to the real call.
    mutating func argument<Value: SwiftCodeRepresentable & Equatable>(_ label: String?, _ value: Value, unless omitted: Value) -> Value {
        if value != omitted { arguments.append((label, value.swiftCode)) }
        return value
    }

    /// Records `value`, spelled as the recorded call `code`, unless it equals `omitted`.
    /// - Parameters:
    ///   - label: The argument label; `nil` for an unlabelled argument.
    ///   - value: The value the nested call made.
    ///   - code: The nested call.
    ///   - omitted: The parameter's default, which is left out.
    /// - Returns: `value`, to pass on to the real call.
    mutating func argument<Value: Equatable>(_ label: String?, _ value: Value, as code: SwiftCall, unless omitted: Value) -> Value {
        if value != omitted { arguments.append((label, code.code)) }
        return value
    }

    /// Records an argument spelled by `code`.
    /// - Parameters:
    ///   - label: The argument label; `nil` for an unlabelled argument.
    ///   - code: Its expression.
    mutating func argument(_ label: String?, code: SwiftCode) {
        arguments.append((label, code))
    }

    /// The call on one line, such as `.perMessageDeflate(windowBits: try WindowBits(12))`
    /// without the `try`, which belongs to the statement.
    var code: SwiftCode {
        let list = arguments.map { ($0.label.map { "\($0): " } ?? "") + $0.code.text }
        return SwiftCode(text: "\(function)(\(list.joined(separator: ", ")))", throwing: arguments.contains { $0.code.throwing })
    }

    /// The statement `prefix` followed by this call, starting with `try` when an argument
    /// throws, its arguments one per line when the line would pass `width` characters.
    /// - Parameters:
    ///   - prefix: What comes before the call, such as `let compression = `.
    ///   - width: The longest line kept whole.
    /// - Returns: The lines, without indentation of the first.
    func statement(_ prefix: String, width: Int = 110) -> [String] {
        let call = code
        let head = prefix + (call.throwing ? "try " : "")
        guard head.count + call.text.count > width, !arguments.isEmpty else { return [head + call.text] }
        let lines = arguments.map { "    " + ($0.label.map { "\($0): " } ?? "") + $0.code.text }
        return ["\(head)\(function)("] + lines.dropLast().map { $0 + "," } + [lines[lines.count - 1] + ")"]
    }
}

/// A ``BoundedSetting`` the printed code spells by its named constants.
protocol NamedBoundedSetting: BoundedSetting, SwiftCodeRepresentable {
    /// The type's named constants and their names, such as `(.max, "max")`.
    static var namedConstants: [(value: Self, name: String)] { get }
}

extension NamedBoundedSetting {
    /// The named constant, such as `.max`, else the checking initializer's call, such as
    /// `WindowBits(12)` (it throws).
    var swiftCode: SwiftCode {
        if let constant = Self.namedConstants.first(where: { $0.value == self }) { return SwiftCode(text: ".\(constant.name)") }
        return SwiftCode(text: "\(Self.self)(\(rawValue))", throwing: true)
    }
}

extension Bool: SwiftCodeRepresentable {
    /// `true` or `false`.
    var swiftCode: SwiftCode { SwiftCode(text: description) }
}

extension WindowBits: NamedBoundedSetting {
    /// `.max` and `.minCompressible`.
    static var namedConstants: [(value: WindowBits, name: String)] { [(.max, "max"), (.minCompressible, "minCompressible")] }
}

extension MemoryLevel: NamedBoundedSetting {
    /// `.default`, `.min` and `.max`.
    static var namedConstants: [(value: MemoryLevel, name: String)] { [(.default, "default"), (.min, "min"), (.max, "max")] }
}

extension CompressionLevel: NamedBoundedSetting {
    /// `.default`, `.bestSpeed` and `.bestCompression`.
    static var namedConstants: [(value: CompressionLevel, name: String)] {
        [(.default, "default"), (.bestSpeed, "bestSpeed"), (.bestCompression, "bestCompression")]
    }
}

extension Bzip2Level: NamedBoundedSetting {
    /// `.min` and `.max`.
    static var namedConstants: [(value: Bzip2Level, name: String)] { [(.min, "min"), (.max, "max")] }
}

extension SendPolicy: SwiftCodeRepresentable {
    /// `.always`, `.default` or `SendPolicy(minimumMessageSize:rawWhenLarger:)` (it throws).
    var swiftCode: SwiftCode {
        switch self {
        case .always: SwiftCode(text: ".always")
        case .default: SwiftCode(text: ".default")
        default: SwiftCode(text: "SendPolicy(minimumMessageSize: \(minimumMessageSize), rawWhenLarger: \(rawWhenLarger))", throwing: true)
        }
    }
}

extension DeflateBackend: SwiftCodeRepresentable {
    /// `.zlib` or `.libdeflate`.
    var swiftCode: SwiftCode {
        switch self {
        case .zlib: SwiftCode(text: ".zlib")
        case .libdeflate: SwiftCode(text: ".libdeflate")
        }
    }
}

extension ReceiveWindowCheck: SwiftCodeRepresentable {
    /// `.zlib` or `.exact`.
    var swiftCode: SwiftCode {
        switch self {
        case .zlib: SwiftCode(text: ".zlib")
        case .exact: SwiftCode(text: ".exact")
        }
    }
}
