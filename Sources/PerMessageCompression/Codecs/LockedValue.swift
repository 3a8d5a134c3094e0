#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
package import Darwin
#endif

/// A value behind a pthread mutex: what the codec pool and the WebSocket connections share
/// across threads.
///
/// Not the standard library's `Mutex`: on Linux it waits on futexes that ThreadSanitizer cannot
/// see, so every access under it reads as a race and a TSan run proves nothing (checked: four
/// threads appending to a `Mutex<[Int]>` report a "Swift access race"). ThreadSanitizer
/// intercepts pthread mutexes, as swift-nio's `NIOLock` relies on, so code under this lock can
/// be checked (`Scripts/thread-sanitizer.sh`).
package final class LockedValue<Value: ~Copyable>: @unchecked Sendable {
    @usableFromInline var value: Value
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates the lock around a value.
    /// - Parameter value: The initial value.
    package init(_ value: consuming Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        let status = pthread_mutex_init(mutex, nil)
        precondition(status == 0, "pthread_mutex_init failed: \(status)")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, the lock held. Inlinable, so that each caller gets it
    /// specialized: one lock and one unlock around the body, nothing generic at run time.
    /// - Parameter body: Reads or changes the value.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    @inlinable
    package func withLock<Result: ~Copyable, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
