import CBzip2
import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a benchmark ran: the machine, the toolchain and the compression libraries.
public struct Environment: Hashable, Sendable, Codable {
    /// The machine.
    public struct Machine: Hashable, Sendable, Codable {
        /// Online CPU cores.
        public var cores: Int
        /// The CPU model (`model name` in `/proc/cpuinfo`), or `unknown`.
        public var cpuModel: String
        /// The operating system (`PRETTY_NAME` in `/etc/os-release`, or `uname -s`).
        public var os: String
        /// The kernel release (`uname -r`).
        public var kernel: String
        /// The architecture (`uname -m`).
        public var architecture: String
    }

    /// The toolchain that built the benchmark.
    public struct Toolchain: Hashable, Sendable, Codable {
        /// The Swift compiler version, from compile-time checks (`#if compiler(>=…)`).
        public var swift: String
        /// `release` or `debug`; debug timings are meaningless.
        public var buildConfiguration: String
    }

    /// Versions of the C libraries the codecs run on.
    public struct Libraries: Hashable, Sendable, Codable {
        /// `zlibVersion()`.
        public var zlib: String
        /// `BZ2_bzlibVersion()`.
        public var bzip2: String
        /// libsnappy has no version call: the version in the file name of the shared library
        /// mapped into this process (`libsnappy.so.1.1.9` gives `1.1.9`), or `unknown`.
        public var snappy: String
    }

    /// The machine.
    public var machine: Machine
    /// The toolchain.
    public var toolchain: Toolchain
    /// The libraries.
    public var libraries: Libraries
    /// How allocations were counted, or why they were not.
    public var allocationCounting: String

    /// Creates an environment from its parts.
    /// - Parameters:
    ///   - machine: The machine.
    ///   - toolchain: The toolchain.
    ///   - libraries: The libraries.
    ///   - allocationCounting: How allocations were counted.
    public init(machine: Machine, toolchain: Toolchain, libraries: Libraries, allocationCounting: String) {
        self.machine = machine
        self.toolchain = toolchain
        self.libraries = libraries
        self.allocationCounting = allocationCounting
    }

    /// The environment of this process.
    public static var current: Environment {
        Environment(
            machine: Machine(
                cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))),
                cpuModel: cpuModel() ?? "unknown",
                os: osName() ?? uname().system,
                kernel: uname().release,
                architecture: uname().machine),
            toolchain: Toolchain(swift: swiftVersion, buildConfiguration: isDebugBuild ? "debug" : "release"),
            libraries: Libraries(
                zlib: String(cString: zlibVersion()),
                bzip2: String(cString: BZ2_bzlibVersion()),
                snappy: loadedLibraryVersion(prefix: "libsnappy.so.") ?? "unknown"),
            allocationCounting: AllocationCounter.method)
    }

    /// Whether this code was compiled without optimisation (`DEBUG` defined).
    public static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    static var swiftVersion: String {
        #if compiler(>=6.5)
        return ">=6.5"
        #elseif compiler(>=6.3.1)
        return "6.3.1"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "<6.1"
        #endif
    }

    static func cpuModel() -> String? {
        guard let text = readWholeFile("/proc/cpuinfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    static func osName() -> String? {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    static func uname() -> (system: String, release: String, machine: String) {
        var names = utsname()
        _ = Glibc.uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return (field(names.sysname), field(names.release), field(names.machine))
    }

    /// The version in the file name of a loaded shared library, from `/proc/self/maps`: the
    /// mapped path is resolved through its symlinks to a name such as `libsnappy.so.1.1.9`.
    static func loadedLibraryVersion(prefix: String) -> String? {
        guard let maps = readWholeFile("/proc/self/maps") else { return nil }
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/"), line.contains("/" + prefix) else { continue }
            guard let resolved = realpath(String(line[slash...]), nil) else { continue }
            defer { free(resolved) }
            let name = String(cString: resolved).split(separator: "/").last.map(String.init) ?? ""
            if name.hasPrefix(prefix) { return String(name.dropFirst(prefix.count)) }
        }
        return nil
    }

    /// Reads a file to its end with `read(2)`. Files in `/proc` report a size of 0, and
    /// Foundation's `String(contentsOfFile:)` stops after the first page of them.
    static func readWholeFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
