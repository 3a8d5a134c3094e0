/// One corpus's zlib deflate rows laid out on window bits × memory level, one ``Panel`` per
/// context-takeover mode (and per compression level, when the rows use more than one): what the
/// HTML page draws as heatmaps.
///
/// Only rows that differ in nothing else go in: the zlib backend (`parameters.backend` absent or
/// `"zlib"`; other backends have no memory level) and no send policy (`minCompressSize` and
/// `rawWhenLarger` absent, as a policy changes what the ratio counts).
///
/// The rule for drawing heatmaps (``isWorthDrawing``): the grid spans at least 2 window-bits
/// values and 2 memory levels, and at least one panel by itself spans 2 of each and fills at
/// least 4 cells and at least half of its own window bits × memory levels. The default matrix's
/// deflate rows (w15 m8, w12 m5, w9 m1 with takeover) are a 3-cell diagonal and stay a scatter;
/// a `pmce bench --sweep` of window bits × memory levels fills whole panels.
///
/// ```swift
/// let grid = DeflateGrid(report.rows(for: "chat-json"))
/// if grid.isWorthDrawing { for panel in grid.panels { print(panel.title, panel.cells.count) } }
/// ```
struct DeflateGrid {
    /// A cell's place: window bits and memory level.
    struct Position: Hashable {
        /// `parameters.windowBits`.
        var windowBits: Int
        /// `parameters.memoryLevel`.
        var memoryLevel: Int
    }

    /// The rows of one context-takeover mode (and compression level) by position.
    struct Panel {
        /// Whether the rows keep context between messages.
        var contextTakeover: Bool
        /// Their compression level, or `nil` when every panel has the same one.
        var level: Int?
        /// The row at each filled position; the first row for a position when several share it.
        var cells: [Position: BenchmarkResult]

        /// The panel's heading, such as `context takeover` or `no context takeover, level 6`.
        var title: String {
            let mode = contextTakeover ? "context takeover" : "no context takeover"
            guard let level else { return mode }
            return "\(mode), \(level == -1 ? "default level" : "level \(level)")"
        }

        /// Whether this panel alone fills enough of a grid to read as one (see ``DeflateGrid``).
        var isFilled: Bool {
            let windows = Set(cells.keys.map(\.windowBits)).count, levels = Set(cells.keys.map(\.memoryLevel)).count
            return windows >= 2 && levels >= 2 && cells.count >= 4 && cells.count * 2 >= windows * levels
        }
    }

    /// Window-bits values with a row, largest first (the top row of every panel).
    var windowBits: [Int]
    /// Memory levels with a row, smallest first (the left column of every panel).
    var memoryLevels: [Int]
    /// The panels: takeover before no takeover, then by level.
    var panels: [Panel]

    /// Lays out the rows that fit a grid (``fits(_:)``); the others are left out.
    /// - Parameter rows: One corpus's rows.
    init(_ rows: [BenchmarkResult]) {
        let fitting = rows.filter(Self.fits)
        windowBits = Set(fitting.compactMap(\.parameters.windowBits)).sorted(by: >)
        memoryLevels = Set(fitting.compactMap(\.parameters.memoryLevel)).sorted()
        let levels = Set(fitting.map { $0.parameters.level ?? -1 })
        var byMode: [Bool: [Int: [Position: BenchmarkResult]]] = [:]
        for row in fitting {
            let p = row.parameters
            let position = Position(windowBits: p.windowBits!, memoryLevel: p.memoryLevel!)
            if byMode[p.contextTakeover ?? true, default: [:]][p.level ?? -1, default: [:]][position] == nil {
                byMode[p.contextTakeover ?? true, default: [:]][p.level ?? -1, default: [:]][position] = row
            }
        }
        panels = [true, false].flatMap { takeover in
            (byMode[takeover] ?? [:]).sorted { $0.key < $1.key }.map { level, cells in
                Panel(contextTakeover: takeover, level: levels.count > 1 ? level : nil, cells: cells)
            }
        }
    }

    /// Whether a row belongs in a grid: a deflate row with window bits and memory level, the zlib
    /// backend, zlib's window check and no send policy.
    /// - Parameter row: The row.
    /// - Returns: Whether ``init(_:)`` places it.
    static func fits(_ row: BenchmarkResult) -> Bool {
        let p = row.parameters
        return row.extension == CompressionExtension.deflate.extensionName && p.windowBits != nil && p.memoryLevel != nil
            && (p.backend == nil || p.backend == "zlib") && (p.windowCheck == nil || p.windowCheck == "zlib")
            && p.minCompressSize == nil && p.rawWhenLarger == nil
    }

    /// Whether the grid is a sweep worth heatmaps rather than a few points (the rule in
    /// ``DeflateGrid``).
    var isWorthDrawing: Bool {
        windowBits.count >= 2 && memoryLevels.count >= 2 && panels.contains(where: \.isFilled)
    }

    /// Whether a row is in one of the panels.
    /// - Parameter row: The row.
    /// - Returns: Whether a heatmap shows it.
    func contains(_ row: BenchmarkResult) -> Bool {
        panels.contains { panel in panel.cells.values.contains { $0.label == row.label && $0.corpus == row.corpus } }
    }
}
