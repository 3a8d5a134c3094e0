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
        // Counting is per process and other tests run in parallel: take the least of a few runs.
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
