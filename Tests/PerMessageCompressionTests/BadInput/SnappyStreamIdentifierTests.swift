import PerMessageCompression
import Testing

/// The snappy stream identifier chunk must carry exactly "sNaPpY".
struct SnappyStreamIdentifierTests {
    static let identifier: [UInt8] = [0xFF, 0x06, 0x00, 0x00, 0x73, 0x4E, 0x61, 0x50, 0x70, 0x59]

    @Test func identifierAloneIsTheEmptyMessage() throws {
        #expect(try PerMessageSnappyCodec().decompressMessage(Self.identifier) == [])
    }

    @Test(arguments: 4..<10)
    func identifierWithAnyByteChangedIsCorruptData(_ index: Int) throws {
        var payload = Self.identifier
        payload[index] ^= 0x20  // "sNaPpY" in the other case, one letter at a time
        let error = try #require(PerMessageSnappyCodec().decompressionError(payload))
        #expect(error.reason == .corruptData("stream identifier is not \"sNaPpY\""))
    }
}
