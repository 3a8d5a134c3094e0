import ArgumentParser

/// The `pmce` command: compress, decompress, negotiate and benchmark WebSocket per-message compression.
@main
struct PMCE: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pmce",
        abstract: "WebSocket per-message compression: codecs, negotiation and benchmarks.",
        subcommands: [
            BenchCommand.self,
            RecommendCommand.self,
            CompareCommand.self,
            CompressCommand.self,
            DecompressCommand.self,
            DatasetsCommand.self,
            NegotiateCommand.self,
            ServeCommand.self,
            ClientCommand.self,
            HostileCommand.self,
        ]
    )
}
