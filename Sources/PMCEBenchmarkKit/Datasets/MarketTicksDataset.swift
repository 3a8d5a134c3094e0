extension DatasetGenerator {
    /// `market-ticks`: an exchange's market-data feed.
    static let marketTicks = DatasetGenerator(
        name: "market-ticks",
        summary: "Exchange market-data feed as JSON: trades, top-of-book quotes and order-book updates with prices on random walks, increasing sequence numbers and timestamps, and periodic book snapshots.",
        seed: 0x504d_4345_0000_0002,
        format: .lines,
        simulation: MarketSimulation.self
    )
}

/// Instruments whose mid prices follow random walks in whole ticks; each message is a trade,
/// a quote or an order-book change for an instrument picked with Zipf weights (BTC trades most).
private struct MarketSimulation: MessageSimulation {
    static let messageCount = 4000
    static let snapshotInterval = 800

    struct Instrument {
        var symbol: String
        var priceTicks: Int        // mid price in units of the tick
        var tickDecimals: Int      // digits after the point of one tick
        var volatility: Int        // typical move per update, in ticks
        var sizeDecimals: Int
        var typicalSize: Int       // in units of 10^-sizeDecimals
        var sequence: Int
    }

    private var instruments: [Instrument] = [
        Instrument(symbol: "BTC-USD", priceTicks: 9_154_312, tickDecimals: 2, volatility: 180, sizeDecimals: 8, typicalSize: 2_500_000, sequence: 88_410_221),
        Instrument(symbol: "ETH-USD", priceTicks: 308_455, tickDecimals: 2, volatility: 12, sizeDecimals: 6, typicalSize: 850_000, sequence: 61_002_917),
        Instrument(symbol: "SOL-USD", priceTicks: 14_221, tickDecimals: 2, volatility: 2, sizeDecimals: 4, typicalSize: 45_000, sequence: 12_774_005),
        Instrument(symbol: "EUR-USD", priceTicks: 115_873, tickDecimals: 5, volatility: 2, sizeDecimals: 0, typicalSize: 250_000, sequence: 4_400_121),
        Instrument(symbol: "AAPL", priceTicks: 27_542, tickDecimals: 2, volatility: 3, sizeDecimals: 0, typicalSize: 120, sequence: 2_201_337),
        Instrument(symbol: "DOGE-USD", priceTicks: 156_120, tickDecimals: 6, volatility: 90, sizeDecimals: 0, typicalSize: 15_000, sequence: 9_012_448),
    ]
    private let instrumentWeights = WeightTable(weights: [40, 24, 12, 10, 8, 6])
    private let typeWeights = WeightTable(weights: [48, 38, 14])   // trade, quote, l2update
    private var timestampMicros = 1_764_032_400_000_000
    private var tradeID = 700_112_093
    private var messagesSent = 0

    init(_ random: inout SplitMix64) {}

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        defer { messagesSent += 1 }
        timestampMicros += random.chance(1, in: 10) ? random.int(in: 20_000...900_000) : random.int(in: 40...18_000)
        let which = random.index(weightedBy: instrumentWeights)
        instruments[which].priceTicks += random.bell(center: 0, spread: 2 * instruments[which].volatility)
        instruments[which].sequence += 1
        let instrument = instruments[which]

        var text = TextBuilder()
        text.append("{")
        let isSnapshot = messagesSent % Self.snapshotInterval == 0
        let type = isSnapshot ? 3 : random.index(weightedBy: typeWeights)
        text.appendKey("type")
        text.appendJSONString(["trade", "quote", "l2update", "snapshot"][type])
        text.appendMember("symbol", instrument.symbol)
        text.appendMember("sequence", instrument.sequence)
        text.appendMember("time", timestampMicros)
        switch type {
        case 0:
            tradeID += 1
            text.appendMember("trade_id", tradeID)
            let side = random.chance(1, in: 2)
            member(&text, "price", instrument.priceTicks + (side ? 1 : -1), decimals: instrument.tickDecimals)
            member(&text, "size", size(instrument, &random), decimals: instrument.sizeDecimals)
            text.appendMember("side", side ? "buy" : "sell")
        case 1:
            let spread = 1 + random.below(3)
            member(&text, "bid", instrument.priceTicks - spread, decimals: instrument.tickDecimals)
            member(&text, "bid_size", size(instrument, &random), decimals: instrument.sizeDecimals)
            member(&text, "ask", instrument.priceTicks + spread, decimals: instrument.tickDecimals)
            member(&text, "ask_size", size(instrument, &random), decimals: instrument.sizeDecimals)
        default:
            text.appendNextKey(type == 3 ? "bids" : "changes")
            appendLevels(&text, instrument, count: type == 3 ? 25 : 1 + random.skewedSize(minimum: 0, maximum: 14), snapshotSide: type == 3 ? "buy" : nil, &random)
            if type == 3 {
                text.appendNextKey("asks")
                appendLevels(&text, instrument, count: 25, snapshotSide: "sell", &random)
            }
        }
        text.append("}")
        return text.bytes
    }

    private func size(_ instrument: Instrument, _ random: inout SplitMix64) -> Int {
        let size = random.skewedSize(minimum: 1, maximum: 4 * instrument.typicalSize)
        // Round lots: most orders are round numbers in the instrument's units.
        let lot = instrument.typicalSize >= 1000 ? instrument.typicalSize / 100 : 1
        return random.chance(3, in: 5) ? Swift.max(lot, size / lot * lot) : size
    }

    /// Order-book levels as `[["buy","91543.10","0.25000000"],...]`; a snapshot lists one side.
    private func appendLevels(_ text: inout TextBuilder, _ instrument: Instrument, count: Int, snapshotSide: String?, _ random: inout SplitMix64) {
        var snapshotDistance = 0
        text.appendJSONArray(0..<count) { text, _ in
            let isBuy = snapshotSide.map { $0 == "buy" } ?? random.chance(1, in: 2)
            snapshotDistance += 1 + random.below(3)   // snapshot levels move away from the mid price
            let distance = snapshotSide == nil ? 1 + random.skewedSize(minimum: 0, maximum: 40) : snapshotDistance
            text.append("[")
            if snapshotSide == nil {
                text.appendJSONString(isBuy ? "buy" : "sell")
                text.append(",")
            }
            appendQuoted(&text, instrument.priceTicks + (isBuy ? -distance : distance), decimals: instrument.tickDecimals)
            text.append(",")
            let removed = snapshotSide == nil && random.chance(1, in: 4)
            appendQuoted(&text, removed ? 0 : size(instrument, &random), decimals: instrument.sizeDecimals)
            text.append("]")
        }
    }

    /// `,"price":"91543.12"`: a member holding a price in ticks or an amount in size units.
    private func member(_ text: inout TextBuilder, _ key: String, _ scaled: Int, decimals: Int) {
        text.appendNextKey(key)
        appendQuoted(&text, scaled, decimals: decimals)
    }

    /// Exchanges send decimals as strings to avoid binary floating point: `"91543.12"`.
    private func appendQuoted(_ text: inout TextBuilder, _ scaled: Int, decimals: Int) {
        text.append("\"")
        text.append(scaled: scaled, decimals: decimals)
        text.append("\"")
    }
}
