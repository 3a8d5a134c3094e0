/// Making and checking the codecs a spec names.
extension CodecSpec {
    /// Checks every parameter against what the extension and its library accept.
    /// - Throws: ``BenchmarkError/invalidParameter(extension:name:value:allowed:note:)`` naming
    ///   the first parameter out of range, or ``BenchmarkError/parameterNotApplicable(extension:name:)``.
    public func validate() throws(BenchmarkError) {
        func check(_ name: String, _ value: Int?, _ allowed: ClosedRange<Int>, _ note: String? = nil) throws(BenchmarkError) {
            if let value, !allowed.contains(value) {
                throw .invalidParameter(extension: `extension`, name: name, value: value, allowed: allowed, note: note)
            }
        }
        func absent(_ name: String, _ isSet: Bool) throws(BenchmarkError) {
            if isSet { throw .parameterNotApplicable(extension: `extension`, name: name) }
        }
        switch `extension` {
        case .deflate:
            try check("window bits", parameters.windowBits, WindowBits.compressible, "zlib refuses 8 for raw deflate compression")
            try check("memory level", parameters.memoryLevel, MemoryLevel.allowed)
            try check("level", parameters.level, CompressionLevel.allowed, "-1 is zlib's default")
        case .bzip2:
            try check("level", parameters.level, Bzip2Level.allowed)
            try absent("window bits", parameters.windowBits != nil)
            try absent("memory level", parameters.memoryLevel != nil)
            try absent("context takeover", parameters.contextTakeover != nil)
        case .snappy:
            try absent("window bits", parameters.windowBits != nil)
            try absent("memory level", parameters.memoryLevel != nil)
            try absent("level", parameters.level != nil)
        }
    }

    /// Makes one connection endpoint's codec, configured with this spec for both directions.
    /// - Returns: The codec.
    /// - Throws: ``BenchmarkError`` when a parameter is out of range or the library refuses it.
    public func makeCodec() throws(BenchmarkError) -> any PerMessageCodec {
        try validate()
        do {
            switch `extension` {
            case .deflate:
                let windowBits = WindowBits(rawValue: parameters.windowBits ?? 15)!
                let noTakeover = !(parameters.contextTakeover ?? true)
                return try PerMessageDeflateCodec(.init(
                    sendWindowBits: windowBits, sendNoContextTakeover: noTakeover,
                    memoryLevel: MemoryLevel(rawValue: parameters.memoryLevel ?? 8)!,
                    compressionLevel: CompressionLevel(rawValue: parameters.level ?? -1)!,
                    receiveWindowBits: windowBits, receiveNoContextTakeover: noTakeover))
            case .bzip2:
                return try PerMessageBzip2Codec(.init(sendLevel: Bzip2Level(rawValue: parameters.level ?? 9)!))
            case .snappy:
                let noTakeover = !(parameters.contextTakeover ?? true)
                return try PerMessageSnappyCodec(.init(sendNoContextTakeover: noTakeover, receiveNoContextTakeover: noTakeover))
            }
        } catch {
            throw .codec(spec: label, corpus: "", error: error)
        }
    }

    /// Makes the two ends of a simulated connection: the sender compresses, the receiver
    /// decompresses. Their configurations mirror each other: the sender's send parameters are
    /// the receiver's receive parameters.
    /// - Returns: The sender and the receiver.
    /// - Throws: ``BenchmarkError`` when a parameter is out of range or the library refuses it.
    public func makeCodecPair() throws(BenchmarkError) -> (sender: any PerMessageCodec, receiver: any PerMessageCodec) {
        (try makeCodec(), try makeCodec())
    }
}
