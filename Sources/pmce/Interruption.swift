#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM during a run: the first asks the run to stop after the cell in hand, so
/// that the cells already finished are still reported and written; a second one ends the
/// process at once, as usual.
enum Interruption {
    /// The signal received, or 0. Touched before the handlers are installed, so that a handler
    /// never runs the global's lazy initializer.
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers for SIGINT and SIGTERM.
    static func watch() {
        _ = received.load(ordering: .relaxed)
        for number in [SIGINT, SIGTERM] {
            installHandler(number) { number in
                // Only async-signal-safe work: an atomic store and `signal`.
                Interruption.received.store(number, ordering: .relaxed)
                restoreDefault(number)
            }
        }
    }

    /// The signal that asked the run to stop, if one did.
    static var stoppedBy: Int32? {
        let number = received.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    /// The shell's exit status for a run ended by `signal`: 128 + its number (130 for SIGINT,
    /// 143 for SIGTERM).
    static func exitStatus(_ signal: Int32) -> Int32 { 128 + signal }

    /// `SIGINT` or `SIGTERM`.
    static func name(_ signal: Int32) -> String { signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)" }
}

/// The C library's `signal`, which ``Interruption``'s members would otherwise hide.
private func installHandler(_ number: Int32, _ handler: @convention(c) (Int32) -> Void) {
    _ = signal(number, handler)
}

/// Puts back the default action of signal `number` (a second one ends the process).
private func restoreDefault(_ number: Int32) {
    _ = signal(number, SIG_DFL)
}
