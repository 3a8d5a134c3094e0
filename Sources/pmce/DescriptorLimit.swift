#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit: thousands of connections need more than the usual 1024.
enum DescriptorLimit {
    /// Raises the soft limit to the hard one (and, as root, both to 1 Mi where the system
    /// allows). Failing leaves the limit as it was: connections beyond it fail with EMFILE.
    static func raise() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        var wanted = limit
        wanted.rlim_cur = limit.rlim_max
        if geteuid() == 0 && limit.rlim_max < 1 << 20 {
            wanted.rlim_max = 1 << 20
            wanted.rlim_cur = 1 << 20
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &wanted) == 0 { return }
            wanted = limit
            wanted.rlim_cur = limit.rlim_max
        }
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &wanted)
    }
}
