import Foundation
import Testing
@testable import PMCEBenchmarkKit

/// Where outputs go: regular files replaced only whole, devices and pipes written in place.
struct OutputFileTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("pmce-output-\(UUID().uuidString)-\(name)").path
    }

    private func fileType(_ path: String) -> Int32 {
        var status = stat()
        return lstat(path, &status) == 0 ? Int32(status.st_mode & S_IFMT) : -1
    }

    @Test func regularFileIsReplacedWithTheWholeOutputAndNoTemporaryFileIsLeft() throws {
        let path = temporaryPath("report.json")
        defer { unlink(path) }
        try OutputFile.write(Array("old".utf8), to: path)
        try OutputFile.write(Array("new contents".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new contents")
        let directory = (path as NSString).deletingLastPathComponent
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains((path as NSString).lastPathComponent + ".pmce-") }
        #expect(leftovers.isEmpty)
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o044 != 0, "readable by others as a file the user makes, not mkstemp's 0600")
    }

    @Test func deviceIsWrittenInPlaceAndNeverReplaced() throws {
        try OutputFile.write(Array("discarded".utf8), to: "/dev/null")
        #expect(fileType("/dev/null") == Int32(S_IFCHR))
    }

    @Test func fullDeviceIsAClearErrorAndStaysADevice() throws {
        let error = try #require(throws: OutputFile.Failure.self) { try OutputFile.write(Array("x".utf8), to: "/dev/full") }
        #expect(error.path == "/dev/full")
        #expect(error.description.contains("No space left on device"))
        #expect(fileType("/dev/full") == Int32(S_IFCHR))
    }

    @Test func namedPipeIsWrittenInPlaceAndItsReaderGetsTheBytes() async throws {
        let path = temporaryPath("pipe")
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let reader = Task.detached { () -> Data? in
            FileHandle(forReadingAtPath: path).map { handle in
                defer { try? handle.close() }
                return handle.readDataToEndOfFile()
            }
        }
        try OutputFile.write(Array("through the pipe".utf8), to: path)
        #expect(await reader.value == Data("through the pipe".utf8))
        #expect(fileType(path) == Int32(S_IFIFO))
    }

    @Test func symbolicLinkToAFileStaysALinkAndItsTargetIsReplaced() throws {
        let target = temporaryPath("target.json")
        let link = temporaryPath("link.json")
        defer { unlink(target); unlink(link) }
        try OutputFile.write(Array("old".utf8), to: target)
        #expect(symlink(target, link) == 0)
        try OutputFile.write(Array("new".utf8), to: link)
        #expect(fileType(link) == Int32(S_IFLNK))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    }

    @Test func missingDirectoryIsAnErrorNamingThePathAndCreatesNothing() throws {
        let path = temporaryPath("no-such-directory") + "/report.json"
        let error = try #require(throws: OutputFile.Failure.self) { try OutputFile.write(Array("x".utf8), to: path) }
        #expect(error.path == path)
        #expect(error.reason == "No such file or directory")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func reportWriteFailureIsABenchmarkErrorNamingTheFile() throws {
        #expect(throws: BenchmarkError.file(path: "/dev/full", reason: "cannot write: No space left on device")) {
            try SampleReport.report.writeJSON(to: "/dev/full")
        }
    }
}
