extension DatasetGenerator {
    /// `random-noise`: incompressible payloads, the worst case for every extension.
    static let randomNoise = DatasetGenerator(
        name: "random-noise",
        summary: "Uniformly random bytes, standing in for already-compressed or encrypted payloads (images, zipped blobs, end-to-end encrypted messages): no extension can shrink them, so this shows each one's overhead.",
        seed: 0x504d_4345_0000_0008,
        format: .hexLines
    ) { random in
        (0..<1000).map { _ in
            let count = random.skewedSize(minimum: 16, maximum: 1500)
            var message: [UInt8] = []
            message.reserveCapacity(count + 8)
            while message.count < count {
                withUnsafeBytes(of: random.next().littleEndian) { message.append(contentsOf: $0) }
            }
            message.removeLast(message.count - count)
            return message
        }
    }
}
