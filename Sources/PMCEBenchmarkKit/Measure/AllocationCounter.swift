#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MallocInterposerSwift

/// Counts heap allocations (`malloc`, `calloc`, `realloc`, `posix_memalign`, …) made by the
/// current process while a piece of code runs, through ordo-one's malloc-interposer.
///
/// `PMCEBenchmarkKit` links `libMallocInterposerSwift.so` dynamically. On Linux the library
/// comes before libc in the executable's `DT_NEEDED` list, so ELF symbol resolution binds every
/// `malloc` in the process to the interposer without `LD_PRELOAD`; on macOS the interposer's
/// `DYLD_INTERPOSE` section does the same when the dylib is linked. Whether it really does is
/// checked once at run time by ``isAvailable`` (a probe `malloc` must be counted); where it is
/// not, counts are reported as unavailable rather than as zero.
///
/// ```swift
/// if let count = AllocationCounter.count({ _ = [UInt8](repeating: 0, count: 100) }) {
///     print("\(count) allocations")
/// }
/// ```
public enum AllocationCounter {
    /// Whether allocations are really being counted in this process: a probe `malloc` made
    /// while counting was on showed up in the counters.
    public static let isAvailable: Bool = {
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        probeAllocation()
        MallocInterposerSwift.unhook()
        let counted = MallocInterposerSwift.getStatistics().mallocCount
        MallocInterposerSwift.reset()
        return counted >= 1
    }()

    /// One `malloc` and `free` the optimizer must keep (it removes an unused pair otherwise).
    @_optimize(none) @inline(never)
    static func probeAllocation() {
        let probe = malloc(64)
        free(probe)
    }

    /// How the counting works, or why it is unavailable, for reports.
    public static var method: String {
        isAvailable
            ? "malloc-interposer 1.6.1 linked in-process (malloc/calloc/realloc/posix_memalign counted)"
            : "unavailable: malloc-interposer did not intercept malloc in this process"
    }

    /// Runs `body` with counting on and returns the allocations it made.
    /// - Parameter body: The code to measure. Nothing else in the process should allocate
    ///   meanwhile (the counters are per process).
    /// - Returns: The number of allocation calls, or `nil` when counting is unavailable.
    /// - Throws: Whatever `body` throws; counting is switched off first.
    public static func count<Failure: Error>(_ body: () throws(Failure) -> Void) throws(Failure) -> Int? {
        guard isAvailable else {
            try body()
            return nil
        }
        MallocInterposerSwift.reset()
        MallocInterposerSwift.hook()
        do {
            try body()
        } catch {
            MallocInterposerSwift.unhook()
            throw error
        }
        MallocInterposerSwift.unhook()
        return MallocInterposerSwift.getStatistics().mallocCount
    }
}
