import PerMessageCompression

extension PerMessageCodec {
    /// Compresses `message` fed in pieces of the given sizes (the last piece takes the rest,
    /// and ends the message) and returns the payload.
    func compressMessage(_ message: [UInt8], pieces sizes: [Int]) throws -> [UInt8] {
        var output = MessageBuffer()
        try feed(message, pieces: sizes) { piece, isFinal in try compress(piece, isFinal: isFinal, into: &output) }
        return output.bytes
    }

    /// Decompresses `payload` fed in pieces of the given sizes and returns the message.
    func decompressMessage(_ payload: [UInt8], pieces sizes: [Int]) throws -> [UInt8] {
        var output = MessageBuffer()
        try feed(payload, pieces: sizes) { piece, isFinal in try decompress(piece, isFinal: isFinal, into: &output) }
        return output.bytes
    }
}

/// Calls `body` with consecutive pieces of `bytes` of the given sizes, then the rest with
/// `isFinal` set (possibly empty).
private func feed(_ bytes: [UInt8], pieces sizes: [Int], _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
    try bytes.withUnsafeBytes { all in
        var offset = 0
        for size in sizes.dropLast() where offset < all.count {
            let end = Swift.min(all.count, offset + size)
            try body(UnsafeRawBufferPointer(rebasing: all[offset..<end]), false)
            offset = end
        }
        try body(UnsafeRawBufferPointer(rebasing: all[offset...]), true)
    }
}
