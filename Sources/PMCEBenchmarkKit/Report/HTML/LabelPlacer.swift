/// Moves chart labels down or up until they do not overlap labels placed before.
struct LabelPlacer {
    /// The labels placed so far: left edge, baseline, width and height.
    private var boxes: [(x: Double, y: Double, width: Double, height: Double)] = []

    /// Places a label whose baseline would be at `y`, nearest first, alternating up and down.
    /// - Parameters:
    ///   - x: The label's left edge.
    ///   - y: Its preferred baseline.
    ///   - width: Its width.
    ///   - height: Its height.
    /// - Returns: The baseline used; `y` when every nearby place is taken.
    mutating func place(x: Double, y: Double, width: Double, height: Double) -> Double {
        for step in 0..<12 {
            let offset = Double((step + 1) / 2) * height * (step % 2 == 0 ? -1 : 1)
            let candidate = y + offset
            let overlaps = boxes.contains { box in
                x < box.x + box.width && box.x < x + width && candidate - height < box.y && box.y - box.height < candidate
            }
            if !overlaps {
                boxes.append((x, candidate, width, height))
                return candidate
            }
        }
        boxes.append((x, y, width, height))
        return y
    }

    /// Stacks labels in one column: each as near its wanted baseline as the others allow, in the
    /// same order, at least `spacing` apart, inside `top...bottom` where they fit.
    /// - Parameters:
    ///   - wanted: The baselines wanted, ascending.
    ///   - spacing: The least distance between baselines.
    ///   - top: The highest baseline allowed.
    ///   - bottom: The lowest baseline allowed.
    /// - Returns: The baselines, ascending, one per wanted baseline.
    static func column(_ wanted: [Double], spacing: Double, top: Double, bottom: Double) -> [Double] {
        var baselines = wanted
        for index in baselines.indices {
            baselines[index] = max(baselines[index], index == 0 ? top : baselines[index - 1] + spacing)
        }
        for index in baselines.indices.reversed() {
            baselines[index] = min(baselines[index], index == baselines.count - 1 ? bottom : baselines[index + 1] - spacing)
        }
        // More labels than fit: start at the top and let them run past the bottom.
        if let first = baselines.first, first < top {
            baselines = baselines.indices.map { max(baselines[$0], top + Double($0) * spacing) }
        }
        return baselines
    }
}
