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
