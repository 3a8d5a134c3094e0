import Foundation
import PerMessageCompression
import PerMessageCompressionNIO
import Testing
import TestSupport

/// Live interop between Vapor with this package's compression and Autobahn|Python over real
/// sockets: its client against a `compressedWebSocket` route, and `connectCompressed` against its
/// server, for every extension, with and without context takeover, messages from 0 B to 1 MiB
/// in one frame and in 4 KiB frames. The negotiated extension is checked on both sides and every
/// echo compared.
@Suite(
    .serialized,
    .enabled(if: AutobahnPythonPeer.isAvailable, "Autobahn|Python is not importable (pip install autobahn python-snappy): interop skipped"))
struct AutobahnVaporInteropTests {
    typealias Case = AutobahnInteropCase

    static let cases = [AutobahnInteropCase.deflate(windowBits: 15)] + AutobahnInteropCase.others

    /// The suite's messages and a 1 MiB mix of text and noise.
    static let messages = VaporWebSocketTests.messages + [AutobahnInteropCase.largeMessage]

    @Test(arguments: cases, [0, 4096])
    func autobahnClientAgainstVaporRoute(_ testCase: Case, fragmentSize: Int) async throws {
        let server = VaporEchoServer(ServerNegotiator([testCase.policy]))
        let run = try await server.run { port in try await AutobahnPythonPeer.client("ws://127.0.0.1:\(port)/echo", testCase, fragmentSize: fragmentSize) }
        #expect(run.status == 0, "\(run.events) \(run.errors.suffix(2000))")
        #expect((run.opened?["extension"] as? String)?.hasPrefix("permessage-\(testCase.extensionName)") == true, "\(String(describing: run.opened))")
        #expect(run.echoedEverything, "\(String(describing: run.done))")
    }

    @Test(arguments: cases)
    func vaporClientAgainstAutobahnServer(_ testCase: Case) async throws {
        let server = try await AutobahnPythonPeer.Server.start(testCase.extensionName, testCase.autobahnServer)
        defer { server.stop() }
        let outcome = try await VaporWebSocketTests.exchange(port: server.port, offers: [testCase.offer], messages: Self.messages)
        #expect(outcome.agreed?.extensionName == "permessage-\(testCase.extensionName)")
        #expect(outcome.echoes == Self.messages)
        let open = server.events.first { $0["event"] as? String == "open" }
        #expect((open?["extension"] as? String)?.hasPrefix("permessage-\(testCase.extensionName)") == true, "\(String(describing: open))")
    }
}
