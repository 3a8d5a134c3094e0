package import NIOCore
import NIOPosix
import PerMessageCompression

#if canImport(Glibc)
import Glibc
#endif

/// Where a received frame that outgrows its first slice of output is decoded: threads of their
/// own, which on Linux run only when no other thread wants a core (`SCHED_IDLE`). A large
/// message, or a decompression bomb on its way to `maxMessageSize`, then takes CPU time that
/// connections with small messages are not using, instead of the shared threads (event loops,
/// the cooperative pool) they wait for. The swift-websocket extension and the SwiftNIO handler
/// both decode a frame's first ``slice`` where it arrives and hand the rest to it.
package enum BackgroundDecoding {
    /// Bytes of output a received frame may decode on the thread it arrived on: at zlib's
    /// slowest (a bomb of long runs, about 500 MB/s on this project's 2-core machine) about
    /// 0.13 ms. A frame that needs more is finished here.
    package static let slice = 64 * 1024

    /// One thread per core, started on first use and kept for the life of the process.
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    private static let finished = LockedValue(0)

    /// How many frames have been finished here since the process started.
    package static var finishedFrames: Int { finished.withLock { $0 } }

    /// Runs `body` on a background thread and returns its result.
    /// - Parameter body: The blocking work.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or `CancellationError` when the task was cancelled before
    ///   the work began.
    package static func run<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await pool.runIfActive { try work(body) }
    }

    /// Runs `body` on a background thread; the future completes on `eventLoop`.
    /// - Parameters:
    ///   - eventLoop: Where the result is delivered.
    ///   - body: The blocking work.
    /// - Returns: What `body` returns or throws.
    package static func run<Result: Sendable>(on eventLoop: any EventLoop, _ body: @escaping @Sendable () throws -> Result) -> EventLoopFuture<Result> {
        pool.runIfActive(eventLoop: eventLoop) { try work(body) }
    }

    private static func work<Result>(_ body: () throws -> Result) rethrows -> Result {
        lowerPriority()
        defer { finished.withLock { $0 += 1 } }
        return try body()
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
