import Testing
@testable import PMCEBenchmarkKit

struct EnvironmentTests {
    @Test func sharedLibraryVersionComesFromTheMappedFileName() throws {
        // zlib has a version call to compare with; libsnappy, which has none, is found the same way.
        let mapped = try #require(Environment.loadedLibraryVersion(prefix: "libz.so."))
        #expect(mapped == Environment.current.libraries.zlib)   // zlibVersion()
    }

    @Test func currentEnvironmentNamesMachineAndLibraries() {
        let environment = Environment.current
        #expect(environment.machine.cores >= 1)
        #expect(!environment.libraries.zlib.isEmpty)
        #expect(!environment.libraries.bzip2.isEmpty)
        #expect(!environment.toolchain.swift.isEmpty)
    }
}
