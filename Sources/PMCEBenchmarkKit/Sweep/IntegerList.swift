/// A list of integers written as ranges and single values: `9...15`, `1,5,8`, `9..11,15`.
///
/// ```swift
/// let bits = try IntegerList(parsing: "9...11,15", name: "window bits")   // [9, 10, 11, 15]
/// ```
public struct IntegerList: Hashable, Sendable, CustomStringConvertible {
    /// The values, in the order written, without repeats.
    public var values: [Int]

    /// Creates a list from values.
    /// - Parameter values: The values; repeats are dropped.
    public init(_ values: [Int]) {
        var seen = Set<Int>()
        self.values = values.filter { seen.insert($0).inserted }
    }

    /// Parses comma-separated items, each an integer or a range `a...b` (or `a..b`, `a-b` for
    /// non-negative bounds) with `a <= b`.
    /// - Parameters:
    ///   - text: The text, such as `9...15` or `1,5,8`.
    ///   - name: What the list is for, for the error.
    /// - Throws: ``BenchmarkError/invalidValue(name:value:reason:)`` naming the bad item.
    public init(parsing text: String, name: String) throws(BenchmarkError) {
        var values: [Int] = []
        for rawItem in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = rawItem.trimmingSpaces
            guard !item.isEmpty else {
                throw .invalidValue(name: name, value: text, reason: "empty item in the list")
            }
            if let bounds = Self.rangeBounds(item) {
                guard let low = Int(bounds.0), let high = Int(bounds.1) else {
                    throw .invalidValue(name: name, value: text, reason: "'\(item)' is not a range of integers")
                }
                guard low <= high else {
                    throw .invalidValue(name: name, value: text, reason: "range '\(item)' runs backwards")
                }
                guard high - low < 1000 else {
                    throw .invalidValue(name: name, value: text, reason: "range '\(item)' is too long")
                }
                values.append(contentsOf: low...high)
            } else if let value = Int(item) {
                values.append(value)
            } else {
                throw .invalidValue(name: name, value: text, reason: "'\(item)' is not an integer or a range like 9...15")
            }
        }
        self.init(values)
    }

    /// The values joined with commas.
    public var description: String { values.map(String.init).joined(separator: ",") }

    private static func rangeBounds(_ item: Substring) -> (Substring, Substring)? {
        for separator in ["...", ".."] {
            if let range = item.range(of: separator) {
                return (item[..<range.lowerBound], item[range.upperBound...])
            }
        }
        // `a-b`, where `a` does not start with a minus sign.
        if let dash = item.dropFirst().firstIndex(of: "-") {
            return (item[..<dash], item[item.index(after: dash)...])
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " { result = result.dropFirst() }
        while result.last == " " { result = result.dropLast() }
        return result
    }

    func range(of needle: String) -> Range<Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].starts(with: needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
