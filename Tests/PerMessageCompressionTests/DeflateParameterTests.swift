import PerMessageCompression
import Testing

/// The zlib parameter types order as `Comparable` requires.
struct DeflateParameterTests {
    @Test func compressionLevelsAreTotallyOrderedWithTheDefaultAtSix() throws {
        let levels = try CompressionLevel.allowed.map { try #require(CompressionLevel(rawValue: $0)) }
        for a in levels {
            for b in levels {
                let holding = [a < b, a == b, a > b].filter { $0 }.count
                #expect(holding == 1, "\(a) and \(b)")
            }
        }
        #expect(CompressionLevel(rawValue: 5)! < .default && CompressionLevel.default < CompressionLevel(rawValue: 7)!)
    }
}
