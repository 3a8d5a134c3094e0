#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MallocInterposerSwift
import PerMessageCompression

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
    /// The thread-specific slot holding the counter of the ``count(_:)`` call running on that
    /// thread, or `nil`. Counting is per thread: allocations other threads make meanwhile (such
    /// as tests running in parallel) are not counted.
    nonisolated(unsafe) private static var slot = pthread_key_t()

    /// Sets counting up once for the process: creates ``slot`` and installs the per-allocation
    /// hook, which only adds to the counter of the allocating thread, when it has one. It does
    /// not allocate, so it cannot recurse.
    private static let installed: Bool = {
        guard pthread_key_create(&slot, nil) == 0 else { return false }
        MallocInterposerSwift.initialize()
        MallocInterposerSwift.setAllocationHook { _ in
            guard let counter = pthread_getspecific(AllocationCounter.slot) else { return }
            counter.assumingMemoryBound(to: Int.self).pointee += 1
        }
        return true
    }()

    /// How many counts are running, on all threads. The interposer counts (and calls the hook)
    /// only while one is: the first to begin switches it on, the last to end off, under one
    /// lock so that a count beginning on one thread as another ends is never left uncounted.
    ///
    /// Not for good: malloc-interposer 1.6.1 frees a thread's counter block in a thread-exit
    /// destructor but keeps the thread's pointer to it, so an allocation or a free that a later
    /// destructor of an exiting thread makes while counting is on writes into freed memory.
    /// With counting on for the whole process that corrupted the heap of the test process
    /// (`malloc_consolidate(): invalid chunk size` as a thread exited); now only a thread that
    /// exits during a count can meet it.
    private static let running = LockedValue(0)

    private static func beginCounting() {
        running.withLock { count in
            if count == 0 { MallocInterposerSwift.hook() }
            count += 1
        }
    }

    private static func endCounting() {
        running.withLock { count in
            count -= 1
            if count == 0 { MallocInterposerSwift.unhook() }
        }
    }

    /// Runs `body` while no count runs, on any thread: waits for those running to end, and
    /// makes counts that begin meanwhile wait for `body`. For tests of what happens between
    /// counts; `body` must not count.
    static func betweenCounts(_ body: () -> Void) {
        while true {
            let ran = running.withLock { count in
                guard count == 0 else { return false }
                body()
                return true
            }
            if ran { return }
            usleep(100)
        }
    }

    /// Whether allocations are really being counted in this process: a probe `malloc` made
    /// while counting was on showed up in the counters.
    public static let isAvailable: Bool = {
        guard installed else { return false }
        return countOnThisThread(probeAllocation) >= 1
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
            ? "malloc-interposer 1.6.1 linked in-process, counted per thread (malloc/calloc/realloc/posix_memalign)"
            : "unavailable: malloc-interposer did not intercept malloc in this process"
    }

    /// Runs `body` with counting on and returns the allocations it made.
    /// - Parameter body: The code to measure. Only allocations made on the calling thread are
    ///   counted (`body` runs synchronously on it); other threads may allocate meanwhile.
    /// - Returns: The number of allocation calls, or `nil` when counting is unavailable.
    /// - Throws: Whatever `body` throws; counting for this call stops first.
    public static func count<Failure: Error>(_ body: () throws(Failure) -> Void) throws(Failure) -> Int? {
        guard isAvailable else {
            try body()
            return nil
        }
        return try countOnThisThread(body)
    }

    /// Counts the allocations `body` makes on this thread. A nested call's allocations count
    /// for the enclosing call too.
    private static func countOnThisThread<Failure: Error>(_ body: () throws(Failure) -> Void) throws(Failure) -> Int {
        // Made before the slot points at it, so its own allocation is not counted.
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        let enclosing = pthread_getspecific(slot)
        pthread_setspecific(slot, counter)
        beginCounting()
        defer {
            endCounting()
            pthread_setspecific(slot, enclosing)
            enclosing?.assumingMemoryBound(to: Int.self).pointee += counter.pointee
            counter.deallocate()
        }
        try body()
        return counter.pointee
    }
}
