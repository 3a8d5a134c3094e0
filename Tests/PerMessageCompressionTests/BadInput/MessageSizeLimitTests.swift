import PerMessageCompression
import Testing

/// `maxMessageSize` at its edges: the largest limit behaves as none, a negative one is refused
/// when the codec is made (no message could meet it), and zero admits only the empty message.
struct MessageSizeLimitTests {
    static let message = Array(repeating: Array("limits at the edges ".utf8), count: 200).flatMap { $0 }

    @Test(arguments: CodecMode.Extension.allCases)
    func limitOfIntMaxDecodesLikeNoLimit(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let payload = try mode.makeCodec().compressMessage(Self.message)
        let receiver = try mode.makeCodec(maxMessageSize: Int.max)
        #expect(try receiver.decompressMessage(payload) == Self.message)
        #expect(try receiver.decompressMessage(payload, pieces: [1, 2, 3, payload.count - 6]) == Self.message)
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func negativeLimitIsRejectedWhenTheConfigurationIsMade(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let error = #expect(throws: ConfigurationError.self) { _ = try mode.makeCodec(maxMessageSize: -1) }
        #expect(error?.setting == .maxMessageSize && error?.value == -1 && error?.allowed == 0...Int.max)
        #expect(error?.compressionExtension?.rawValue == extensionKind.rawValue)
    }

    @Test(arguments: CodecMode.Extension.allCases)
    func limitOfZeroAdmitsOnlyTheEmptyMessage(_ extensionKind: CodecMode.Extension) throws {
        let mode = CodecMode(extension: extensionKind)
        let sender = try mode.makeCodec()
        let receiver = try mode.makeCodec(maxMessageSize: 0)
        #expect(try receiver.decompressMessage(try sender.compressMessage([])) == [])
        let error = try #require(try mode.makeCodec(maxMessageSize: 0).decompressionError(try sender.compressMessage([0x61])))
        #expect(error.reason == .messageTooLarge(limit: 0))
    }
}
