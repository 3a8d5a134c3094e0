import ArgumentParser
import PMCEBenchmarkKit

/// `pmce datasets`: the corpora the project ships in `Datasets/`.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Generate the shipped benchmark corpora.",
        subcommands: [Generate.self]
    )

    /// `pmce datasets generate [--output DIR]`: regenerates every shipped corpus byte for byte.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Regenerate the shipped corpora from their fixed seeds.",
            discussion: """
                Writes one file per corpus (.ndjson for text, .hexlines for binary) and prints the \
                size table that Datasets/README.md shows. The output is identical on every run and \
                platform; running it in the package root reproduces the committed files.
                """
        )

        @Option(name: .shortAndLong, help: ArgumentHelp("The directory to write the corpora to.", valueName: "directory"))
        var output = "Datasets"

        func run() throws {
            let corpora = try DatasetGenerator.writeAll(to: output)
            print(DatasetGenerator.markdownTable(Array(zip(DatasetGenerator.all, corpora))), terminator: "")
            print("Wrote \(corpora.count) corpora to \(output)")
        }
    }
}
