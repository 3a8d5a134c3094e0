import Foundation
import PerMessageCompression
import Testing

struct CompressionConfigurationTests {
    static let configurations: [CompressionConfiguration] = [
        .deflate(.default),
        .deflate(try! .init(
            sendWindowBits: WindowBits(12), sendNoContextTakeover: true, memoryLevel: .min, compressionLevel: .bestSpeed,
            receiveWindowBits: WindowBits(8), receiveNoContextTakeover: true, maxMessageSize: 1 << 20)),
        .bzip2(try! .init(sendLevel: .min, maxMessageSize: 65536)),
        .snappy(try! .init(sendNoContextTakeover: true, maxMessageSize: 4096)),
    ]

    @Test(arguments: configurations)
    func roundTripsThroughJSONWithTheExtensionBesideItsSettings(_ configuration: CompressionConfiguration) throws {
        let json = try JSONEncoder().encode(configuration)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["extension"] as? String == configuration.compressionExtension.rawValue)
        #expect(try JSONDecoder().decode(CompressionConfiguration.self, from: json) == configuration)
    }

    @Test func encodesInSwiftsVocabulary() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Self.configurations[2]), as: UTF8.self)
        #expect(json == #"{"extension":"bzip2","maxMessageSize":65536,"sendLevel":1}"#)
    }

    @Test func decodingChecksEverySettingAsTheInitializersDo() {
        #expect(throws: ConfigurationError(.windowBits, value: 8, allowed: 9...15, note: "zlib refuses 8 for raw deflate compression", extension: .deflate)) {
            try JSONDecoder().decode(CompressionConfiguration.self, from: Data(#"{"extension":"deflate","sendWindowBits":8}"#.utf8))
        }
        #expect(throws: ConfigurationError(.maxMessageSize, value: -1, allowed: 0...Int.max, extension: .snappy)) {
            try JSONDecoder().decode(CompressionConfiguration.self, from: Data(#"{"extension":"snappy","maxMessageSize":-1}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CompressionConfiguration.self, from: Data(#"{"extension":"bzip2","sendLevel":0}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CompressionConfiguration.self, from: Data(#"{"extension":"brotli"}"#.utf8))
        }
    }

    @Test func absentKeysTakeTheLibraryDefaults() throws {
        let decoded = try JSONDecoder().decode(CompressionConfiguration.self, from: Data(#"{"extension":"deflate"}"#.utf8))
        #expect(decoded == .deflate(.default))
    }

    @Test(arguments: configurations)
    func makesTheCodecOfItsExtensionWithItsSettings(_ configuration: CompressionConfiguration) throws {
        let codec = configuration.makeCodec()
        #expect(codec.extensionName == configuration.extensionName)
        #expect(configuration.extensionName == "permessage-\(configuration.compressionExtension)")
        #expect(try codec.decompressMessage(codec.compressMessage(Array("Hello".utf8))) == Array("Hello".utf8))
        #expect(codec.memory.totalBytes > 0)
    }

    @Test func everyExtensionHasOneConfigurationTypeAndOneRegisteredName() {
        for compressionExtension in CompressionExtension.allCases {
            #expect(compressionExtension.configurationType.compressionExtension == compressionExtension)
            #expect(CompressionExtension(extensionName: compressionExtension.extensionName) == compressionExtension)
        }
        #expect(CompressionExtension(extensionName: "permessage-brotli") == nil)
    }

    @Test func readmeConfigurationExampleWorksAsWritten() throws {
        let configuration = CompressionConfiguration.deflate(try .init(sendWindowBits: WindowBits(12), memoryLevel: MemoryLevel(5)))
        let json = try JSONEncoder().encode(configuration)
        let codec = try JSONDecoder().decode(CompressionConfiguration.self, from: json).makeCodec()
        #expect(try codec.decompressMessage(codec.compressMessage(Array("Hello".utf8))) == Array("Hello".utf8))
        #expect(throws: ConfigurationError(.windowBits, value: 16, allowed: 8...15)) { try WindowBits(16) }
    }
}

struct BoundedSettingTests {
    @Test func eachSettingTypeChecksItsRangeAndNamesItself() {
        #expect(throws: ConfigurationError(.windowBits, value: 7, allowed: 8...15)) { try WindowBits(7) }
        #expect(throws: ConfigurationError(.memoryLevel, value: 0, allowed: 1...9)) { try MemoryLevel(0) }
        #expect(throws: ConfigurationError(.compressionLevel, value: 10, allowed: -1...9)) { try CompressionLevel(10) }
        #expect(throws: ConfigurationError(.bzip2Level, value: 0, allowed: 1...9)) { try Bzip2Level(0) }
        #expect(WindowBits(rawValue: 8) != nil && WindowBits(rawValue: 8)?.isCompressible == false)
    }

    @Test func errorsSayWhatWasWrongInASentence() throws {
        #expect(ConfigurationError(.windowBits, value: 8, allowed: 9...15, note: "zlib refuses 8 for raw deflate compression", extension: .deflate).description
            == "deflate: window bits = 8 is outside 9...15 (zlib refuses 8 for raw deflate compression)")
        #expect(ConfigurationError(.maxMessageSize, value: -1, allowed: 0...Int.max).description == "max message size = -1 is outside 0 or more")
    }

    @Test func settingsDecodeThroughTheirCheckedInitializer() throws {
        #expect(try JSONDecoder().decode([WindowBits].self, from: Data("[9,15]".utf8)) == [.minCompressible, .max])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MemoryLevel].self, from: Data("[10]".utf8)) }
    }
}
