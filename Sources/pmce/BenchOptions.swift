import ArgumentParser
import PMCEBenchmarkKit
import PMCEPeers

/// Which extensions and parameters to measure.
struct SweepOptions: ParsableArguments {
    @Option(name: .customLong("extension"), help: "An extension to measure; repeat for several. Default: those the other sweep options imply, or the default matrix.")
    var extensions: [CompressionExtension] = []

    @Option(name: .customLong("window-bits"), help: ArgumentHelp("deflate window bits to sweep (\(WindowBits.compressible)), such as 9...15 or 10,12,15.", valueName: "list"))
    var windowBits: String?

    @Option(name: .customLong("mem-level"), help: ArgumentHelp("deflate memory levels to sweep (\(MemoryLevel.allowed)), such as 1,5,8.", valueName: "list"))
    var memoryLevels: String?

    @Option(name: .customLong("level"), help: ArgumentHelp("Levels to sweep: deflate \(CompressionLevel.allowed) (-1 is zlib's default), bzip2 \(Bzip2Level.allowed). Write a leading -1 as --level=-1.", valueName: "list"))
    var levels: String?

    @Option(help: "Context takeover for deflate and snappy.")
    var takeover: OnOffChoice?

    @Option(name: .customLong("min-compress-size"), help: ArgumentHelp("Send policies to sweep: whole messages smaller than each size go out raw, such as 0,256,1024. Default: every message compressed.", valueName: "list"))
    var minimumMessageSizes: String?

    @Option(name: .customLong("raw-when-larger"), help: "Send policies to sweep: where no context is carried, send a message raw when compression does not shrink it (on, off, both; default off).")
    var rawWhenLarger: OnOffChoice?

    @Option(name: .customLong("deflate-backend"), help: ArgumentHelp("The library for deflate's whole messages without context takeover; repeat for both (zlib, libdeflate; default zlib).", valueName: "backend"))
    var deflateBackends: [DeflateBackend] = []

    @Option(name: .customLong("window-check"), help: ArgumentHelp("How deflate's receiver holds the peer to a window under 15 bits; repeat for both (zlib, exact; default zlib).", valueName: "check"))
    var windowChecks: [ReceiveWindowCheck] = []

    /// The sweep the options describe: each list parsed, each value made into its setting type
    /// (which checks it).
    func sweep() throws -> Sweep {
        do throws(BenchmarkError) {
            return Sweep(
                extensions: extensions,
                windowBits: try Self.settings(windowBits, "--window-bits"),
                memoryLevels: try Self.settings(memoryLevels, "--mem-level"),
                levels: try levels.map { (text) throws(BenchmarkError) in try IntegerList(parsing: text, name: "--level").values } ?? [],
                takeover: takeover,
                minimumMessageSizes: try minimumMessageSizes.map { (text) throws(BenchmarkError) in try IntegerList(parsing: text, name: "--min-compress-size").values } ?? [],
                rawWhenLarger: rawWhenLarger, deflateBackends: deflateBackends, windowChecks: windowChecks)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The specs the sweep expands to.
    func specs() throws -> [CodecSpec] {
        let sweep = try sweep()
        do throws(BenchmarkError) {
            return try sweep.expand()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        _ = try specs()
    }

    /// The values of a list option as settings.
    private static func settings<Setting: BoundedSetting>(_ text: String?, _ option: String) throws(BenchmarkError) -> [Setting] {
        guard let text else { return [] }
        var settings: [Setting] = []
        for value in try IntegerList(parsing: text, name: option).values {
            do throws(ConfigurationError) {
                settings.append(try Setting(value))
            } catch {
                throw .invalidValue(name: option, value: text, reason: error.description)
            }
        }
        return settings
    }
}

/// How often and how long to time each cell.
struct MeasurementOptions: ParsableArguments {
    @Option(help: "The fewest timed passes per spec and corpus (at least 3).")
    var repetitions: Int = MeasurementSettings.default.minimumRepetitions

    @Option(name: .customLong("max-repetitions"), help: "The most timed passes per spec and corpus.")
    var maximumRepetitions: Int = MeasurementSettings.default.maximumRepetitions

    @Option(help: "Untimed warm-up passes per spec and corpus.")
    var warmup: Int = MeasurementSettings.default.warmupRepetitions

    @Option(name: .customLong("time-budget"), help: ArgumentHelp("Seconds of timed work per spec and corpus before stopping (after --repetitions); 0 for exactly --repetitions passes.", valueName: "seconds"))
    var timeBudget: Double = MeasurementSettings.default.timeBudgetSeconds

    @Option(name: .customLong("target-spread"), help: ArgumentHelp("Stop timing a spec (after --repetitions) once compression and decompression are both within ± this many per cent (half the p10–p90 band), or once a spec measured before it beats it beyond noise; 0 to time every spec until --time-budget.", valueName: "percent"))
    var targetSpreadPercent: Double = (MeasurementSettings.default.targetSpread ?? 0) * 100

    @Flag(name: .customLong("ratio-only"), help: "Measure only what needs no clock: ratio, memory and allocations, exact, on every core at once. For fast parameter sweeps; no throughput or latency.")
    var ratioOnly = false

    @Flag(help: "Also time plain C doing each spec's per-message work on the same library (zlib, libdeflate, libbz2 pooled and BZ2_bzBuffToBuff, libsnappy), interleaved with the Swift passes, and report Swift ÷ C. Specs with a send policy have no C twin.")
    var reference = false

    @Option(name: .customLong("peer"), help: ArgumentHelp("Also time another Swift implementation of each spec it implements, interleaved with this package's passes: compress-nio (as swift-websocket's permessage-deflate drives it; deflate specs on zlib without a send policy). Repeatable.", valueName: "name"))
    var peerNames: [PeerName] = []

    /// The Swift peers asked for.
    var peers: [any PeerImplementation] { peerNames.map(\.implementation) }

    var settings: MeasurementSettings {
        MeasurementSettings(
            warmupRepetitions: warmup, minimumRepetitions: repetitions,
            maximumRepetitions: timeBudget == 0 ? repetitions : maximumRepetitions, timeBudgetSeconds: timeBudget,
            targetSpread: timeBudget == 0 || targetSpreadPercent == 0 ? nil : targetSpreadPercent / 100, ratioOnly: ratioOnly)
    }

    func validate() throws {
        do throws(BenchmarkError) {
            try settings.validate()
        } catch {
            throw ValidationError(error.description)
        }
        if ratioOnly && (reference || !peerNames.isEmpty) {
            throw ValidationError("--ratio-only times nothing: --reference and --peer need timed passes")
        }
        guard targetSpreadPercent >= 0 && targetSpreadPercent < 100 else {
            throw ValidationError("--target-spread \(targetSpreadPercent) is not a percentage from 0 up to 100")
        }
        guard maximumRepetitions >= repetitions else {
            throw ValidationError("--max-repetitions \(maximumRepetitions) is less than --repetitions \(repetitions)")
        }
    }
}

/// A Swift implementation `--peer` names.
enum PeerName: String, ExpressibleByArgument, CaseIterable {
    case compressNIO = "compress-nio"

    var implementation: any PeerImplementation {
        switch self {
        case .compressNIO: CompressNIOPeer()
        }
    }
}

/// Which corpora to run on.
struct CorpusOptions: ParsableArguments {
    @Option(name: .customLong("corpus"), help: ArgumentHelp("A corpus: a directory (one file per message), an NDJSON file or a HAR export. Repeatable. Default: every shipped corpus in --datasets.", valueName: "path"))
    var corpusPaths: [String] = []

    @Option(help: ArgumentHelp("The directory of shipped corpora.", valueName: "directory"))
    var datasets: String = "Datasets"

    /// Loads the corpora.
    func load() throws -> [Corpus] {
        do throws(CorpusError) {
            if corpusPaths.isEmpty { return try CorpusLoader.shipped(in: datasets) }
            var corpora: [Corpus] = []
            for path in corpusPaths { corpora += try CorpusLoader.load(path: path) }
            return corpora
        } catch {
            throw BenchFailure(error, hint: corpusPaths.isEmpty
                ? "Run from the package directory, generate the corpora with `pmce datasets generate`, or pass --corpus PATH." : nil)
        }
    }
}
