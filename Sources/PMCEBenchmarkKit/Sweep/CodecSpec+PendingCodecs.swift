// Stand-in until permessage-bzip2 and permessage-snappy land on main.
extension CodecSpec {
    func makeBzip2Codec(level: Int) throws(CodecError) -> any PerMessageCodec {
        throw CodecError(.failedEarlier("permessage-bzip2 is not built yet"), extensionName: "permessage-bzip2")
    }

    func makeSnappyCodec(noContextTakeover: Bool) throws(CodecError) -> any PerMessageCodec {
        throw CodecError(.failedEarlier("permessage-snappy is not built yet"), extensionName: "permessage-snappy")
    }
}
