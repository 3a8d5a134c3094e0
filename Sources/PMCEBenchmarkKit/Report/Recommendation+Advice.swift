extension Recommendation {
    /// The memory `connections` connections with ``chosen`` hold at their peak, such as
    /// "Memory: 10,000 connections × 48.8 KiB = 476.56 MiB (peak per connection: compressor + decompressor)."
    /// - Parameter connections: Connections open at once.
    /// - Returns: The line, or `nil` when nothing is chosen.
    public func memoryLine(connections: Int) -> String? {
        guard let chosen else { return nil }
        let perConnection = chosen.peakMemoryBytesPerConnection
        return "Memory: \(connections.groupedThousands) connections × \(ByteCount.format(perConnection)) = "
            + "\(Self.total(perConnection, connections: connections)) (peak per connection: compressor + decompressor)."
    }

    /// The bytes of `connections` connections of `perConnection` bytes each, such as `476.56 MiB`.
    /// - Parameters:
    ///   - perConnection: Bytes per connection.
    ///   - connections: Connections.
    /// - Returns: The total for people.
    static func total(_ perConnection: Int, connections: Int) -> String {
        let (total, overflow) = perConnection.multipliedReportingOverflow(by: connections)
        return overflow ? "more than \(ByteCount.format(.max))" : ByteCount.format(total)
    }

    /// What a tighter `--memory-budget` would choose: the recommendation under a budget one
    /// byte below ``chosen``'s peak; `nil` when nothing is chosen there.
    public var leaner: Recommendation? {
        guard let chosen else { return nil }
        let tighter = Recommendation(rows: rows, corpus: corpus, memoryBudgetBytes: chosen.peakMemoryBytesPerConnection - 1)
        return tighter.chosen == nil ? nil : tighter
    }

    /// What to do, under the front: the chosen row and the rule, why it beats its neighbour,
    /// the memory of `connections` connections, the code for server and client, and the
    /// handshake they make. Empty when nothing fits the budget.
    /// - Parameter connections: Connections open at once, for the memory line; `nil` for none.
    /// - Returns: The lines, indented as the front's.
    func adviceLines(connections: Int?) -> [String] {
        guard let smallest = choices.first else { return [] }
        guard let chosen, let rule else {
            return ["  Choose no compression: nothing here shrinks \(corpus) (the smallest ratio is \(smallest.ratio.formatted(3))), so leave the extensions off."]
        }
        var lines = ["  " + rule]
        if let reason { lines.append("    " + reason) }
        if let connections, let memory = memoryLine(connections: connections) { lines.append("    " + memory) }
        if let leaner, let lean = leaner.chosen {
            let total = connections.map { ", \(Self.total(lean.peakMemoryBytesPerConnection, connections: $0)) for \($0.groupedThousands)" } ?? ""
            lines.append(
                "    A --memory-budget under \(ByteCount.format(chosen.peakMemoryBytesPerConnection)) would choose \(lean.label): "
                    + "ratio \(lean.ratio.formatted(3)), \(ByteCount.format(lean.peakMemoryBytesPerConnection)) per connection\(total).")
        }
        guard let spec = chosen.spec else {
            lines.append("    No code: the row's settings (\(chosen.extension), \(chosen.parameters)) are not ones this build can make.")
            return lines
        }
        let integration: Integration
        do throws(BenchmarkError) {
            integration = try Integration(spec: spec)
        } catch {
            lines.append("    No code: \(error)")
            return lines
        }
        lines.append("    Server (Hummingbird; import HummingbirdWebSocket, PerMessageCompressionWebSocket):")
        lines += integration.serverCode.map { "      " + $0 }
        lines.append("    Client (swift-websocket; import WSClient, PerMessageCompressionWebSocket):")
        lines += integration.clientCode.map { "      " + $0 }
        lines.append("    Handshake (Sec-WebSocket-Extensions):")
        lines.append("      client offers:  " + integration.offerHeader)
        lines.append("      server answers: " + integration.responseHeader)
        return lines
    }
}

extension Int {
    /// The number with its thousands separated by commas: `10,000`.
    var groupedThousands: String {
        let digits = String(magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (self < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
