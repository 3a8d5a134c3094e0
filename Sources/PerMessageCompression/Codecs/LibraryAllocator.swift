/// An allocator handed to zlib (`zalloc`/`zfree`) and libbz2 (`bzalloc`/`bzfree`) that keeps
/// every block it was asked for, so that a stream set up again per message (libbz2 has no
/// reset) reuses memory instead of calling `malloc`, and so that a codec's library state can be
/// counted in bytes.
///
/// A freed block is kept and handed out again for a request of the same size or smaller; free
/// blocks too small for a request that needs a new block are released then. The rest are kept
/// until the allocator is destroyed.
struct LibraryAllocator: ~Copyable {
    struct Block {
        var pointer: UnsafeMutableRawPointer
        var size: Int
        var inUse: Bool
    }

    struct State {
        var blocks: UnsafeMutablePointer<Block>
        var blockCount = 0
        var blockCapacity: Int
        /// Bytes of every block held, in use or not.
        var heldBytes = 0
        /// Times `malloc` was called.
        var mallocCount = 0
    }

    /// The state, on the heap so that its address can be given to C as the `opaque` pointer.
    let state: UnsafeMutablePointer<State>

    /// libbz2 asks for 4 blocks per stream and zlib for 5; a few spare slots cost nothing.
    init(blockCapacity: Int = 12) {
        state = .allocate(capacity: 1)
        state.initialize(to: State(blocks: .allocate(capacity: blockCapacity), blockCapacity: blockCapacity))
    }

    deinit {
        for index in 0..<state.pointee.blockCount {
            state.pointee.blocks[index].pointer.deallocate()
        }
        state.pointee.blocks.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The pointer to pass as `opaque`.
    var opaque: UnsafeMutableRawPointer { UnsafeMutableRawPointer(state) }

    /// Bytes held for the library.
    var heldBytes: Int { state.pointee.heldBytes }

    /// Times `malloc` was called.
    var mallocCount: Int { state.pointee.mallocCount }

    /// Hands out a block of at least `size` bytes, reusing a free one when it can.
    static func allocate(_ opaque: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
        guard let opaque, size > 0 else { return nil }
        let state = opaque.assumingMemoryBound(to: State.self)
        var best: Int? = nil
        for index in 0..<state.pointee.blockCount {
            let block = state.pointee.blocks[index]
            if !block.inUse, block.size >= size, best.map({ block.size < state.pointee.blocks[$0].size }) ?? true {
                best = index
            }
        }
        if let best {
            state.pointee.blocks[best].inUse = true
            return state.pointee.blocks[best].pointer
        }
        releaseFreeBlocks(smallerThan: size, state)
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        state.pointee.mallocCount += 1
        state.pointee.heldBytes += size
        if state.pointee.blockCount == state.pointee.blockCapacity {
            growBlocks(state)
        }
        state.pointee.blocks[state.pointee.blockCount] = Block(pointer: pointer, size: size, inUse: true)
        state.pointee.blockCount += 1
        return pointer
    }

    /// Takes a block back; it stays allocated for the next request.
    static func release(_ opaque: UnsafeMutableRawPointer?, _ pointer: UnsafeMutableRawPointer?) {
        guard let opaque, let pointer else { return }
        let state = opaque.assumingMemoryBound(to: State.self)
        for index in 0..<state.pointee.blockCount where state.pointee.blocks[index].pointer == pointer {
            state.pointee.blocks[index].inUse = false
            return
        }
    }

    /// Frees the unused blocks too small for a request that needs a new block. Without this a
    /// peer could make the pool keep one block per size it ever asked for (bzip2 streams of
    /// block sizes 1, 2, ... 9 would leave 18 MB held instead of 3.7 MB); with it the pool holds
    /// what the largest stream so far needs, and a steady mix of sizes still reuses its blocks.
    @inline(never)
    private static func releaseFreeBlocks(smallerThan size: Int, _ state: UnsafeMutablePointer<State>) {
        var index = 0
        while index < state.pointee.blockCount {
            let block = state.pointee.blocks[index]
            guard !block.inUse, block.size < size else {
                index += 1
                continue
            }
            block.pointer.deallocate()
            state.pointee.heldBytes -= block.size
            state.pointee.blockCount -= 1
            state.pointee.blocks[index] = state.pointee.blocks[state.pointee.blockCount]
        }
    }

    @inline(never)
    private static func growBlocks(_ state: UnsafeMutablePointer<State>) {
        let capacity = state.pointee.blockCapacity * 2
        let blocks = UnsafeMutablePointer<Block>.allocate(capacity: capacity)
        blocks.moveInitialize(from: state.pointee.blocks, count: state.pointee.blockCount)
        state.pointee.blocks.deallocate()
        state.pointee.blocks = blocks
        state.pointee.blockCapacity = capacity
    }
}
