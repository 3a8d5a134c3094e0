#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the monotonic clock (`clock_gettime(CLOCK_MONOTONIC)`, a vDSO call on Linux that costs
/// some 20 ns), for timing single messages.
public enum MonotonicClock {
    /// The current time in nanoseconds since an arbitrary fixed point.
    /// - Returns: Nanoseconds; only differences mean anything.
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
