import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Where a received frame that outgrows its first slice of output is decoded: threads of their
/// own, which on Linux run only when no other thread wants a core (`SCHED_IDLE`). A large
/// message, or a decompression bomb on its way to `maxMessageSize`, then takes CPU time that
/// connections with small messages are not using, instead of the shared threads they wait for.
enum BackgroundDecoding {
    /// One thread per core, started on first use and kept for the life of the process.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    /// Runs `body` on a background thread and returns its result.
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or `CancellationError` when the task was cancelled before
    ///   the work began.
    static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await pool.runIfActive {
            lowerPriority()
            return try body()
        }
    }

    /// Gives the calling thread the lowest priority. On Linux `sched_setscheduler` and
    /// `setpriority` with 0 change the calling thread only; elsewhere they would change the
    /// whole process, so there the threads keep their priority.
    private static func lowerPriority() {
        #if os(Linux)
        // SCHED_IDLE (5, not exported to Swift): run only when no other thread wants the core,
        // and give it up at once when one does; nice 19 where it is refused.
        var parameters = sched_param(sched_priority: 0)
        if sched_setscheduler(0, 5, &parameters) != 0 {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        }
        #endif
    }
}
