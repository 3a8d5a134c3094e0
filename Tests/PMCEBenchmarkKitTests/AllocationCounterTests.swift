#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Testing
@testable import PMCEBenchmarkKit

struct AllocationCounterTests {
    @Test func countsAnArrayAllocationInProcessWithoutPreload() throws {
        #expect(AllocationCounter.isAvailable, "malloc-interposer did not intercept malloc in-process")
        let count = AllocationCounter.count {
            let array = [UInt8](repeating: 7, count: 4096)
            blackHole(array)
        }
        #expect((count ?? 0) >= 1)
    }

    @Test func countsNothingForCodeThatDoesNotAllocate() throws {
        try #require(AllocationCounter.isAvailable)
        // Counting is per thread, so tests running in parallel do not disturb it; a few runs
        // still guard against a one-off (such as a lazily made runtime structure).
        var least = Int.max
        for _ in 0..<20 {
            var sum = 0
            let count = AllocationCounter.count {
                for index in 0..<1000 { sum &+= index }
            }
            blackHole(sum)
            least = min(least, count ?? Int.max)
        }
        #expect(least == 0)
    }
}

/// Per-thread counting: what another thread allocates meanwhile is not counted.
struct AllocationCounterThreadTests {
    @Test func allocationsOnAnotherThreadAreNotCounted() async throws {
        try #require(AllocationCounter.isAvailable)
        // Another task allocates continuously while this thread counts code that allocates nothing.
        let noise = Task.detached {
            var kept = 0
            while !Task.isCancelled {
                let array = [UInt8](repeating: 1, count: 256)
                kept &+= array.count
            }
            return kept
        }
        var counts: [Int] = []
        for _ in 0..<50 {
            var sum = 0
            counts.append(AllocationCounter.count { for index in 0..<10_000 { sum &+= index } } ?? -1)
            blackHole(sum)
        }
        noise.cancel()
        _ = await noise.value
        #expect(counts.allSatisfy { $0 == 0 }, "counts: \(counts)")
    }
}

/// Threads that exit between counts. malloc-interposer 1.6.1 frees a thread's counter block in a
/// thread-exit destructor and keeps using it for the thread's allocations counted after: with
/// counting left on for the whole process, a later destructor that allocated wrote into freed
/// memory, and the process crashed as such a thread exited (this test did, in its first round).
/// Counting is now on only while a count runs.
struct AllocationCounterThreadExitTests {
    /// Made after the interposer's key, so its destructor runs after the interposer's.
    nonisolated(unsafe) static var key = pthread_key_t()

    /// What the test and one thread signal each other.
    final class Signals: @unchecked Sendable {
        let counted = DispatchSemaphore(value: 0)
        let exit = DispatchSemaphore(value: 0)
    }

    @Test func threadsWhoseExitDestructorsAllocateBetweenCountsSurvive() throws {
        try #require(AllocationCounter.isAvailable)
        try #require(pthread_key_create(&Self.key) { value in
            var kept: [UnsafeMutableRawPointer?] = []
            for size in [40, 40, 24, 40, 100] { kept.append(malloc(size)) }
            for pointer in kept { free(pointer) }
            free(value)
        } == 0)
        defer { pthread_key_delete(Self.key) }
        for _ in 0..<20 {
            let signals = Unmanaged.passRetained(Signals())
            var thread = pthread_t()
            let created = pthread_create(&thread, nil, { argument in
                let signals = Unmanaged<Signals>.fromOpaque(argument!).takeRetainedValue()
                // A count on this thread gives it the interposer's counter block.
                _ = AllocationCounter.count { blackHole([UInt8](repeating: 2, count: 48)) }
                pthread_setspecific(AllocationCounterThreadExitTests.key, malloc(16))
                signals.counted.signal()
                signals.exit.wait()
                return nil
            }, signals.toOpaque())
            try #require(created == 0)
            signals.takeUnretainedValue().counted.wait()
            // The thread exits, and its destructors allocate, while no count runs.
            AllocationCounter.betweenCounts {
                signals.takeUnretainedValue().exit.signal()
                pthread_join(thread, nil)
            }
        }
        #expect(AllocationCounter.count { blackHole([UInt8](repeating: 3, count: 32)) } ?? 0 >= 1)
    }
}
