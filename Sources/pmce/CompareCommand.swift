import ArgumentParser
import PMCEBenchmarkKit

/// `pmce compare OLD.json NEW.json`: the regression check between two runs of the same matrix.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two `pmce bench --json` (or two `pmce bench --wire --json`) runs of the same matrix; exit 2 on a regression.",
        discussion: """
            Rows are matched by extension, parameters and corpus. A row regresses when its ratio \
            grows by more than --ratio-tolerance (exact figure), its allocations per message or \
            memory per connection grow, or its throughput drops so far that the new run's \
            p10–p90 band lies below the old one's by more than --throughput-tolerance \
            (new p90 < old p10 × (1 − tolerance)). Improvements are listed, never failed. A row \
            of OLD missing from NEW, or a corpus that changed, also fails the check. Wire reports \
            are matched by server, corpus and connections, and regress when the wire ratio or the \
            bytes an idle connection's codecs hold grow by more than --wire-tolerance.
            Exit status: 0 no regression, 2 regression, 1 unreadable report, 64 bad option.
            """)

    @Argument(help: ArgumentHelp("The old run (the baseline).", valueName: "old.json"))
    var old: String

    @Argument(help: ArgumentHelp("The new run.", valueName: "new.json"))
    var new: String

    @OptionGroup(title: "Regression check") var regression: RegressionOptions

    func run() throws {
        try regression.check(baseline: try RegressionOptions.readAnyReport(old), current: try RegressionOptions.readAnyReport(new))
    }
}
