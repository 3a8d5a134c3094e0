extension RegressionCheck {
    /// Compares two wire benchmark runs (`pmce bench --wire --json`), row by row (server,
    /// corpus, connections).
    ///
    /// Gated: the wire ratio and the bytes each idle connection's own codecs hold, each within
    /// ``RegressionTolerances/wirePercent``. Messages per second is one sample per row, too
    /// noisy to gate: it is left out, and a note says so.
    /// - Parameters:
    ///   - baseline: The old run.
    ///   - current: The new run.
    ///   - tolerances: The tolerances.
    public init(baseline: WireReport, current: WireReport, tolerances: RegressionTolerances = .init()) {
        self.tolerances = tolerances
        var oldRows: [RegressionRowKey: WireResult] = [:]
        for row in baseline.rows { oldRows[RegressionRowKey(row)] = row }
        let newKeys = Set(current.rows.map(RegressionRowKey.init))
        missingRows = oldRows.keys.filter { !newKeys.contains($0) }.sorted()
        addedRows = current.rows.map(RegressionRowKey.init).filter { oldRows[$0] == nil }.sorted()
        corpusMismatches = []
        notes = Self.environmentNotes(
            (baseline.libraries, baseline.toolchain, baseline.machine), (current.libraries, current.toolchain, current.machine))
        notes.append("wire rows: messages/s and latency not compared (one sample per row); wire ratio and idle codec bytes within \(tolerances.wirePercent.formatted(1)) %")
        var findings: [RegressionFinding] = []
        for new in current.rows {
            let key = RegressionRowKey(new)
            guard let old = oldRows[key] else { continue }
            findings += Self.relative(key, .wireRatio, old.wireRatio, new.wireRatio, percent: tolerances.wirePercent)
            if let oldBytes = old.idleCodecBytesPerConnection, let newBytes = new.idleCodecBytesPerConnection {
                findings += Self.relative(key, .idleCodecBytesPerConnection, Double(oldBytes), Double(newBytes), percent: tolerances.wirePercent)
            }
        }
        comparedRows = current.rows.filter { oldRows[RegressionRowKey($0)] != nil }.count
        self.findings = findings.filter { $0.verdict == .regression } + findings.filter { $0.verdict == .improvement }
    }
}
