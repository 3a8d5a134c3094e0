import Foundation

/// The terminal and Markdown forms of a ``RegressionCheck``.
extension RegressionCheck {
    /// One line saying how the check ended: `PASSED: 24 rows, no regression` or
    /// `FAILED: 2 regressions, 1 row missing`.
    public var verdictLine: String {
        guard !passed else {
            let better = improvements.isEmpty ? "" : ", \(improvements.count) improvement\(improvements.count == 1 ? "" : "s")"
            return "PASSED: \(comparedRows) row\(comparedRows == 1 ? "" : "s") compared, no regression\(better)"
        }
        var parts: [String] = []
        if !regressions.isEmpty { parts.append("\(regressions.count) regression\(regressions.count == 1 ? "" : "s")") }
        if !missingRows.isEmpty { parts.append("\(missingRows.count) row\(missingRows.count == 1 ? "" : "s") missing from the new run") }
        if !corpusMismatches.isEmpty { parts.append("\(corpusMismatches.count) row\(corpusMismatches.count == 1 ? "" : "s") with a changed corpus") }
        return "FAILED: " + parts.joined(separator: ", ")
    }

    /// The check as aligned text: regressions, improvements, missing and added rows, notes,
    /// then the verdict line.
    /// - Returns: The text, ending with a newline.
    public func text() -> String {
        var lines = ["Regression check: \(comparedRows) row\(comparedRows == 1 ? "" : "s") compared; tolerances: \(tolerances.summary)"]
        func table(_ title: String, _ findings: [RegressionFinding]) {
            guard !findings.isEmpty else { return }
            lines.append("")
            lines.append("\(title) (\(findings.count)):")
            var cells = [["extension and parameters", "corpus", "metric", "old", "new", "change"]]
            for finding in findings {
                cells.append([finding.row.label, finding.row.corpus, finding.metric.description,
                              finding.metric.format(finding.old), finding.metric.format(finding.new), finding.changeText])
            }
            let widths = cells[0].indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
            for (index, row) in cells.enumerated() {
                let text = row.enumerated().map { column, cell in column >= 3 ? cell.leftPadding(widths[column]) : cell.padding(widths[column]) }
                lines.append("  " + text.joined(separator: "  "))
                if index > 0, let detail = findings[index - 1].detail { lines.append("      " + detail) }
            }
        }
        table("REGRESSIONS", regressions)
        table("Improvements", improvements)
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(title) (\(items.count)):")
            lines += items.map { "  " + $0 }
        }
        list("Rows in the baseline missing from the new run", missingRows.map(\.description))
        list("Corpora that changed (refresh the baseline)", corpusMismatches)
        list("New rows, not in the baseline", addedRows.map(\.description))
        list("Notes", notes)
        lines.append("")
        lines.append(verdictLine)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The check as a Markdown summary for a pull-request comment: a heading with the verdict,
    /// a table of regressions, improvements folded in `<details>`, missing rows and notes.
    /// - Returns: GitHub-flavoured Markdown, ending with a newline.
    public func markdown() -> String {
        var lines = ["### \(passed ? "✅" : "❌") pmce regression check — \(verdictLine)", ""]
        lines.append("Compared \(comparedRows) rows with the baseline. Tolerances: \(tolerances.summary).")
        func table(_ findings: [RegressionFinding]) {
            lines.append("")
            lines.append("| Extension and parameters | Corpus | Metric | Old | New | Change |")
            lines.append("|---|---|---|--:|--:|--:|")
            for finding in findings {
                let cells = [finding.row.label, finding.row.corpus, "`\(finding.metric)`",
                             finding.metric.format(finding.old), finding.metric.format(finding.new), "**\(finding.changeText)**"]
                lines.append("| " + cells.map(Self.escapeMarkdown).joined(separator: " | ") + " |")
            }
        }
        if !regressions.isEmpty {
            lines.append("")
            lines.append("#### Regressions")
            table(regressions)
        }
        if !improvements.isEmpty {
            lines.append("")
            lines.append("<details><summary>\(improvements.count) improvement\(improvements.count == 1 ? "" : "s") (refresh the baseline to keep them)</summary>")
            table(improvements)
            lines.append("")
            lines.append("</details>")
        }
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("#### \(title)")
            lines.append("")
            lines += items.map { "- " + Self.escapeMarkdown($0) }
        }
        list("Rows missing from the new run", missingRows.map(\.description))
        list("Corpora that changed", corpusMismatches)
        list("New rows", addedRows.map(\.description))
        list("Notes", notes)
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes the characters that would break a Markdown table cell.
    static func escapeMarkdown(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "|" || character == "<" || character == ">" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension RegressionCheck {
    /// Writes ``markdown()`` to a file, replacing it.
    /// - Parameter path: The file, such as the `$GITHUB_STEP_SUMMARY` or a PR-comment body.
    /// - Throws: ``BenchmarkError/file(path:reason:)``.
    public func writeMarkdown(to path: String) throws(BenchmarkError) {
        try BenchReport.write(Data(markdown().utf8), to: path)
    }
}
