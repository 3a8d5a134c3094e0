extension DatasetGenerator {
    /// `protobuf-records`: binary protobuf messages, as a gRPC-Web or custom binary protocol sends.
    static let protobufRecords = DatasetGenerator(
        name: "protobuf-records",
        summary: "Binary protobuf wire-format records (varints, zigzag sint32, fixed64 timestamps and doubles, nested messages, packed repeated fields, map entries, small opaque bytes) for an event schema with increasing ids.",
        seed: 0x504d_4345_0000_0007,
        format: .hexLines,
        simulation: ProtobufEventStream.self
    )
}

/// Records of this schema, encoded by hand in the protobuf wire format:
/// ```proto
/// message Event {
///   uint64 id = 1;  string user = 2;  fixed64 timestamp_ms = 3;  Kind kind = 4;
///   repeated sint32 deltas = 5 [packed = true];  Location location = 6;
///   map<string, string> attributes = 7;  bytes payload = 8;  float score = 9;
/// }
/// message Location { double latitude = 1; double longitude = 2; uint32 accuracy_m = 3; }
/// ```
private struct ProtobufEventStream: MessageSimulation {
    static let messageCount = 4000

    private static let attributeKeys = ["client", "region", "experiment", "build", "locale", "plan"]
    private static let attributeValues = [
        "client": ["ios", "android", "web", "desktop"], "region": ["eu-west-1", "us-east-1", "ap-south-1"],
        "experiment": ["checkout_v2", "control", "search_rank_b"], "build": ["1.42.0", "1.42.1", "1.43.0-beta"],
        "locale": ["en-GB", "de-DE", "fr-FR", "pt-PT", "en-US"], "plan": ["free", "pro", "team"],
    ]
    private let userWeights = WeightTable.zipf(count: Names.userHandles.count)
    private var id = 9_100_000_000
    private var clock = 1_764_032_400_000

    init(_ random: inout SplitMix64) {}

    mutating func nextMessage(_ random: inout SplitMix64) -> [UInt8] {
        id += random.int(in: 1...3)
        clock += random.int(in: 0...1500)
        var record: [UInt8] = []
        Self.appendTag(1, wireType: 0, &record)
        Self.appendVarint(UInt64(id), &record)
        Self.appendBytes(2, Array(Names.userHandles[random.index(weightedBy: userWeights)].utf8), &record)
        Self.appendTag(3, wireType: 1, &record)
        Self.appendLittleEndian(UInt64(clock), byteCount: 8, &record)
        Self.appendTag(4, wireType: 0, &record)
        Self.appendVarint(UInt64(random.index(weightedBy: WeightTable(weights: [50, 25, 12, 8, 5]))), &record)
        if random.chance(3, in: 5) {
            var packed: [UInt8] = []
            var value = 0
            for _ in 0..<random.skewedSize(minimum: 1, maximum: 40) {
                value = random.bell(center: value / 2, spread: 300)
                Self.appendVarint(UInt64(UInt32(bitPattern: Int32(value << 1) ^ Int32(value >> 31))), &packed)   // zigzag
            }
            Self.appendBytes(5, packed, &record)
        }
        if random.chance(1, in: 2) {
            var location: [UInt8] = []
            Self.appendTag(1, wireType: 1, &location)
            Self.appendLittleEndian(Self.degrees(random.int(in: 36_000_000...60_000_000)), byteCount: 8, &location)
            Self.appendTag(2, wireType: 1, &location)
            Self.appendLittleEndian(Self.degrees(random.int(in: -9_000_000...24_000_000)), byteCount: 8, &location)
            Self.appendTag(3, wireType: 0, &location)
            Self.appendVarint(UInt64(random.skewedSize(minimum: 3, maximum: 2000)), &location)
            Self.appendBytes(6, location, &record)
        }
        for key in Self.attributeKeys where random.chance(1, in: 3) {
            var entry: [UInt8] = []
            Self.appendBytes(1, Array(key.utf8), &entry)
            Self.appendBytes(2, Array(random.element(of: Self.attributeValues[key] ?? [""]).utf8), &entry)
            Self.appendBytes(7, entry, &record)
        }
        if random.chance(1, in: 5) {
            Self.appendBytes(8, (0..<random.int(in: 8...64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, &record)
        }
        Self.appendTag(9, wireType: 5, &record)
        // A score of 0.00...100.00: IEEE division is correctly rounded, so the bits are the same everywhere.
        Self.appendLittleEndian((Float(random.below(10_001)) / 100).bitPattern, byteCount: 4, &record)
        return record
    }

    /// The IEEE 754 bits of `microdegrees / 1e6`, exactly reproducible (one correctly rounded division).
    static func degrees(_ microdegrees: Int) -> UInt64 {
        (Double(microdegrees) / 1_000_000).bitPattern
    }

    static func appendTag(_ field: Int, wireType: Int, _ output: inout [UInt8]) {
        appendVarint(UInt64(field << 3 | wireType), &output)
    }

    static func appendVarint(_ value: UInt64, _ output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    /// A length-delimited field (wire type 2): strings, bytes, packed repeated fields, sub-messages.
    static func appendBytes(_ field: Int, _ bytes: [UInt8], _ output: inout [UInt8]) {
        appendTag(field, wireType: 2, &output)
        appendVarint(UInt64(bytes.count), &output)
        output.append(contentsOf: bytes)
    }

    static func appendLittleEndian(_ value: some FixedWidthInteger, byteCount: Int, _ output: inout [UInt8]) {
        let wide = UInt64(truncatingIfNeeded: value)
        for shift in stride(from: 0, to: byteCount * 8, by: 8) {
            output.append(UInt8(truncatingIfNeeded: wide >> UInt64(shift)))
        }
    }
}
