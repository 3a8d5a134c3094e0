#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PMCEBenchmarkKit

/// A one-line progress bar on standard output, drawn only when it is a terminal (`isatty(1)`).
struct ProgressBar {
    let isEnabled = isatty(1) == 1
    private let width = 30

    /// Redraws the bar for `progress`.
    func update(_ progress: BenchmarkRunner.Progress) {
        update(completed: progress.completed, total: progress.total, elapsedSeconds: progress.elapsedSeconds, current: "\(progress.corpus) · \(progress.spec.label)")
    }

    /// Redraws the bar: `completed` of `total` cells done, `current` running.
    func update(completed: Int, total: Int, elapsedSeconds: Double, current: String) {
        guard isEnabled else { return }
        let done = total > 0 ? Double(completed) / Double(total) : 1
        let filled = Int(done * Double(width))
        var line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
        line += "\(completed)/\(total)"
        if completed > 0 && completed < total {
            let remaining = elapsedSeconds / Double(completed) * Double(total - completed)
            line += " ~\(Int(remaining.rounded()))s left"
        }
        if completed < total { line += "  \(current)" }
        line += "\u{1B}[K"
        Terminal.write(line, to: 1)
    }

    /// Clears the bar.
    func finish() {
        guard isEnabled else { return }
        Terminal.write("\r\u{1B}[K", to: 1)
    }
}

/// Unbuffered writes to a file descriptor.
enum Terminal {
    /// Writes `text` to `descriptor` (1 standard output, 2 standard error).
    static func write(_ text: String, to descriptor: Int32) {
        // A terminal that went away is no reason to fail the run.
        try? OutputFile.write(text.utf8, toDescriptor: descriptor, name: descriptor == 2 ? "standard error" : "standard output")
    }
}
