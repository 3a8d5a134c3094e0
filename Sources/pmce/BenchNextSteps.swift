/// The last lines of a plain `pmce bench` run: how to get the charts, the recommendation and a
/// sweep for one's own traffic.
extension BenchCommand {
    /// Whether the run asked for nothing beyond the table, so that pointers to the rest help.
    var asksForNothingMore: Bool {
        json == nil && csv == nil && html == nil && !recommend && baseline == nil
    }

    /// The commands to run next, ready to paste.
    static let nextSteps = """

        Next, for this run or your own traffic (--corpus takes an NDJSON file, a directory of messages or a browser HAR export):
          charts (one offline HTML page):  swift run -c release pmce bench --html report.html
          what to ship, as code:           swift run -c release pmce bench --corpus messages.ndjson --recommend --recommend-connections 10000
          a deflate parameter sweep:       swift run -c release pmce bench --corpus messages.ndjson --window-bits 9...15 --mem-level 1...9 --takeover both --ratio-only --html sweep.html --recommend
        """
}
