import ArgumentParser
import PMCEBenchmarkKit

/// `pmce bench --wire`: the benchmark over real WebSocket connections.
struct WireOptions: ParsableArguments {
    @Flag(name: .customLong("wire"), help: "Measure over real WebSocket connections on loopback: pmce serve in its own process, a load client here.")
    var enabled = false

    @Option(help: ArgumentHelp("Concurrent connections replaying the corpus, such as 1,16,256.", valueName: "list"))
    var connections = "1,16,256"

    @Option(name: .customLong("idle-connections"), help: "Connections held open beside the active ones, each having sent one message.")
    var idleConnections = 0

    @Option(name: .customLong("wire-seconds"), help: "Seconds each row's connections replay the corpus, per run.")
    var seconds = 1.0

    @Option(name: .customLong("wire-repetitions"), help: "Runs per row, interleaved across rows; each row reports its median run.")
    var repetitions = 3

    @Flag(name: .customLong("no-swift-websocket"), help: "Leave out swift-websocket's own permessage-deflate rows.")
    var withoutSwiftWebSocket = false

    @Flag(name: .customLong("no-nio"), help: "Leave out the rows of this package's SwiftNIO handler (pmce serve --implementation nio).")
    var withoutNIO = false

    /// The connection counts, each 1 or more.
    func connectionCounts() throws -> [Int] {
        do throws(BenchmarkError) {
            let counts = try IntegerList(parsing: connections, name: "--connections").values
            guard counts.allSatisfy({ $0 >= 1 }) else { throw .invalidValue(name: "--connections", value: connections, reason: "each count is 1 or more") }
            return counts
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        guard enabled else { return }
        _ = try connectionCounts()
        guard idleConnections >= 0 else { throw ValidationError("--idle-connections must be 0 or more") }
        guard seconds > 0 else { throw ValidationError("--wire-seconds must be more than 0") }
        guard repetitions >= 1 else { throw ValidationError("--wire-repetitions must be 1 or more") }
    }
}
