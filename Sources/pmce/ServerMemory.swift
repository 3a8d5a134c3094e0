#if canImport(Glibc)
import Glibc
#endif

/// Makes a server give the memory of its connections back to the system once they are gone.
///
/// With glibc's defaults a server's resident memory stays megabytes above its idle figure after
/// a burst of connections although every connection's memory was freed (measured with
/// `pmce hostile`: 6-15 MiB over 34 MiB), for two reasons:
/// - `free` keeps freed pages in each thread's arena for reuse;
/// - the first large buffer freed (a 1 MiB message or decompression bomb) raises glibc's mmap
///   threshold to its size, so later large buffers come from the arenas too and stay there.
///
/// So ``start(counts:)`` fixes the mmap and trim thresholds at 256 KiB (fixing them turns glibc's
/// adjustment off: larger buffers are mapped and unmapped whole), and `malloc_trim(0)` returns
/// the free pages of every arena once the server has been idle for a moment after connections
/// came and went, so a busy server never pays for it.
enum ServerMemory {
    /// Buffers at least this large are mapped on their own and unmapped when freed.
    static let mapThreshold: Int32 = 256 << 10

    /// Sets the thresholds and trims after each burst until the task is cancelled.
    /// - Parameters:
    ///   - counts: Handshakes so far and connections open now.
    ///   - interval: How often it looks.
    static func start(counts: @escaping @Sendable () -> (handshakes: Int, open: Int), interval: Duration = .milliseconds(500)) -> Task<Void, Never> {
        _ = mallopt?(mallocMmapThreshold, mapThreshold)
        _ = mallopt?(mallocTrimThreshold, mapThreshold)
        return Task {
            var trimmedAt = counts().handshakes
            var lastSeen = trimmedAt
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let (handshakes, open) = counts()
                defer { lastSeen = handshakes }
                // Idle for one look (a closed connection's channel frees its buffers after the
                // handler returns), and connections came since the last trim.
                guard open == 0, handshakes == lastSeen, handshakes != trimmedAt else { continue }
                trimmedAt = handshakes
                _ = mallocTrim?(0)
            }
        }
    }

    /// `mallopt`'s parameter numbers (`malloc.h`).
    private static let mallocTrimThreshold: Int32 = -1
    private static let mallocMmapThreshold: Int32 = -3

    /// glibc's `malloc_trim` and `mallopt`, looked up at run time: their header (`malloc.h`) is
    /// not part of the Glibc module, and other C libraries have neither.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = symbol("malloc_trim")
    private static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = symbol("mallopt")

    private static func symbol<F>(_ name: String) -> F? {
        #if canImport(Glibc)
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: F.self)
        #else
        return nil
        #endif
    }
}
