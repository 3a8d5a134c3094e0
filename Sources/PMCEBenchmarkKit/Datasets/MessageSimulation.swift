/// A stateful model of one kind of traffic, such as a chat server or a market-data feed: each
/// call yields the next message, drawn from the corpus's seeded random numbers.
protocol MessageSimulation: SendableMetatype {
    /// How many messages the shipped corpus holds.
    static var messageCount: Int { get }

    /// Sets up the starting state, drawing from `random` where it needs to.
    init(_ random: inout SplitMix64)

    /// The next message.
    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8]
}

extension DatasetGenerator {
    /// A generator whose corpus is the first `messageCount` messages of a fresh `simulation`.
    init<Simulation: MessageSimulation>(name: String, summary: String, seed: UInt64, format: CorpusFileFormat, simulation: Simulation.Type) {
        self.init(name: name, summary: summary, seed: seed, format: format) { random in
            var simulation = Simulation(&random)
            return (0..<Simulation.messageCount).map { _ in simulation.nextMessage(&random) }
        }
    }
}
