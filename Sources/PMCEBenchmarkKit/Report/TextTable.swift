/// Aligned text columns for the terminal tables: a header, a rule, the rows.
public enum TextTable {
    /// Renders cells as aligned lines, two spaces between columns, a rule under the header.
    /// - Parameters:
    ///   - cells: The header row, then the rows; every row as long as the header.
    ///   - rightAligned: The columns aligned right (numbers).
    /// - Returns: The lines, each indented by two spaces, trailing spaces trimmed.
    public static func render(_ cells: [[String]], rightAligned: Set<Int>) -> [String] {
        guard let header = cells.first else { return [] }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            let text = row.enumerated().map { column, cell in
                rightAligned.contains(column) ? cell.leftPadding(widths[column]) : cell.padding(widths[column])
            }.joined(separator: "  ")
            lines.append("  " + text.trimmingTrailingSpaces)
            if index == 0 { lines.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines
    }
}
