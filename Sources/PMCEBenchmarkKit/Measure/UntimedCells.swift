import Foundation

/// The untimed part of a run's cells (``Measurer``'s steps 1 and 2: round trip, ratio, memory,
/// allocations), done on worker threads ahead of the thread that takes them in order, times them
/// and reports them.
///
/// Workers start a cell only while fewer than `lookahead` cells wait to be taken, so that at
/// most that many cells' buffers are held at once. A failed cell is handed to the taker as its
/// error. The workers hold this object until they exit, so the taker must call ``stop()`` (it
/// lets them finish the cell in hand) or take every cell.
final class UntimedCells: @unchecked Sendable {
    private let measurer: Measurer
    private let cells: [(spec: CodecSpec, corpus: Corpus)]
    private let lookahead: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var slots: [Result<CellContext, BenchmarkError>?]
    private var nextToStart = 0
    private var taken = 0
    private var stopped = false

    /// Starts `workers` threads on `cells`.
    /// - Parameters:
    ///   - measurer: What measures each cell.
    ///   - cells: The cells, in the order they are taken.
    ///   - workers: Worker threads, at least 1.
    init(measurer: Measurer, cells: [(spec: CodecSpec, corpus: Corpus)], workers: Int) {
        self.measurer = measurer
        self.cells = cells
        lookahead = 2 * Swift.max(workers, 1)
        slots = Array(repeating: nil, count: cells.count)
        for _ in 0..<Swift.max(workers, 1) {
            let thread = Thread { [self] in work() }
            thread.name = "pmce untimed cells"
            thread.start()
        }
    }

    /// Cell `index`'s untimed part, waiting for a worker to finish it; each cell is taken once,
    /// in order.
    /// - Throws: The cell's ``BenchmarkError``.
    func take(_ index: Int) throws(BenchmarkError) -> CellContext {
        condition.lock()
        while slots[index] == nil { condition.wait() }
        let result = slots[index]!
        slots[index] = nil
        taken = index + 1
        condition.broadcast()
        condition.unlock()
        return try result.get()
    }

    /// Lets the workers exit after the cell in hand.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while !stopped && nextToStart < cells.count && nextToStart >= taken + lookahead { condition.wait() }
            guard !stopped && nextToStart < cells.count else {
                condition.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            condition.unlock()
            let cell = cells[index]
            let result: Result<CellContext, BenchmarkError>
            do throws(BenchmarkError) {
                result = .success(try measurer.prepare(cell.spec, on: cell.corpus))
            } catch {
                result = .failure(error)
            }
            condition.lock()
            slots[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
