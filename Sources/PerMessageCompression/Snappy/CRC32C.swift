import CCRC32C

/// CRC-32C (Castagnoli), as the snappy framing format checksums each chunk's uncompressed data.
///
/// Uses the CPU's CRC32C instruction (SSE 4.2 on x86-64, the CRC extension on ARMv8) when it has
/// one, 8 bytes at a time (on x86-64, from 256 bytes on, three lanes at once, joined with
/// carry-less multiplies), and a slicing-by-8 table otherwise.
@usableFromInline
enum CRC32C {
    @usableFromInline static let hasHardware = CCRC32C_hasHardware()

    /// The CRC-32C of `bytes`.
    /// - Parameters:
    ///   - bytes: The data.
    ///   - hardware: Whether to use the CPU's instruction: ``hasHardware``, which hot paths read
    ///     once into a stored property (a lazy global costs a `swift_once` call on every read).
    @inlinable
    static func checksum(_ bytes: UnsafeRawBufferPointer, hardware: Bool = hasHardware) -> UInt32 {
        hardware ? ~hardwareUpdate(~0, bytes) : ~tableUpdate(~0, bytes)
    }

    /// The snappy framing format's masked checksum: rotated right by 15 plus a constant, so that a
    /// CRC of data containing CRCs stays strong.
    @inlinable
    static func masked(_ bytes: UnsafeRawBufferPointer, hardware: Bool) -> UInt32 {
        mask(checksum(bytes, hardware: hardware))
    }

    /// Masks a CRC as the framing format says.
    @inlinable
    static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// Runs the CPU's CRC32C instruction over `bytes`, 8 at a time, in one call to C (a function
    /// built for that instruction cannot be inlined into Swift; a call per word halved the speed).
    @usableFromInline
    static func hardwareUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        CCRC32C_update(crc, bytes.baseAddress, bytes.count)
    }

    /// Out of line: inlined, its table's lazy initialization and loop weighed on every caller's
    /// hot path, where the instruction nearly always runs instead.
    @usableFromInline @inline(never)
    static func tableUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        table.withUnsafeBufferPointer { table in
            var crc = crc
            var index = 0
            let count = bytes.count
            while index + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian ^ UInt64(crc)
                crc = table[7 * 256 + Int(word & 0xFF)] ^ table[6 * 256 + Int((word >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((word >> 16) & 0xFF)] ^ table[4 * 256 + Int((word >> 24) & 0xFF)]
                    ^ table[3 * 256 + Int((word >> 32) & 0xFF)] ^ table[2 * 256 + Int((word >> 40) & 0xFF)]
                    ^ table[1 * 256 + Int((word >> 48) & 0xFF)] ^ table[Int(word >> 56)]
                index += 8
            }
            while index < count {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
                index += 1
            }
            return crc
        }
    }

    /// Eight 256-entry tables for slicing-by-8 over the reflected polynomial 0x82F63B78.
    @usableFromInline static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = table[Int(previous & 0xFF)] ^ (previous >> 8)
            }
        }
        return table
    }()
}
