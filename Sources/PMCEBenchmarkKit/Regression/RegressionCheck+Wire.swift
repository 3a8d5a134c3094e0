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
        let oldRows = Self.rowsByKey(baseline.rows, key: RegressionRowKey.init)
        self.init(tolerances: tolerances, baseline: baseline, current: current, oldKeys: Set(oldRows.keys), newKeys: current.rows.map(RegressionRowKey.init))
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
