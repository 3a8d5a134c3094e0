/// One row of the wire benchmark (`pmce bench --wire`): one server configuration, one corpus,
/// one number of concurrent connections, measured over real WebSocket connections on loopback.
///
/// Bytes, CPU time and memory are the server process's, read from `/proc` around the active
/// phase; messages per second and round trips are the load client's.
public struct WireResult: Hashable, Sendable, Codable {
    /// Whose compression the server ran: `none`, `pmce` (this package, Hummingbird), `nio` (this
    /// package's SwiftNIO handler) or `swift-websocket`
    /// (its own permessage-deflate, WSCompression).
    public var implementation: String
    /// The registered extension name; absent for no compression.
    public var `extension`: String?
    /// A short label: `none`, `deflate w15 m8 takeover`, `swift-websocket deflate w15 m8 takeover`.
    public var label: String
    /// The settings (as in `pmce bench` rows); absent for no compression.
    public var parameters: CodecSpec.Parameters?
    /// The corpus.
    public var corpus: String
    /// Connections replaying the corpus at once.
    public var connections: Int
    /// Further connections held open, each having sent one message.
    public var idleConnections: Int
    /// Round trips completed in the active phase (a message sent, its echo received and compared).
    public var messages: Int
    /// The active phase's wall time in seconds.
    public var seconds: Double
    /// Round trips per second, all connections together.
    public var messagesPerSecond: Double
    /// Message bytes sent by the clients in the active phase (each came back once).
    public var rawBytes: Int
    /// Bytes the server read and wrote on its sockets in the active phase: frame headers,
    /// masks and payloads both ways.
    public var wireBytes: Int
    /// The bytes the same messages take on the wire uncompressed, both ways, headers included.
    public var uncompressedWireBytes: Int
    /// Round-trip time per message, as the client saw it.
    public var roundTripMicroseconds: LatencyPercentiles
    /// The server's CPU time (user + system) in the active phase per round trip, in microseconds.
    public var serverCPUMicrosecondsPerMessage: Double
    /// The server's resident memory growth over its idle start, divided by all open connections,
    /// at the end of the active phase.
    public var serverMemoryBytesPerConnection: Int
    /// The bytes this package's codecs held per open connection at the busiest sample of the
    /// active phase, shared pool included; absent where the server cannot tell (other
    /// implementations).
    public var codecBytesPerConnection: Int?
    /// The bytes the connections' own codecs held per open connection after the active phase,
    /// every connection still open and idle (the pool left out: see ``pooledCodecBytes``).
    public var idleCodecBytesPerConnection: Int?
    /// The bytes of the shared pool's idle codecs after the active phase, in all (not per
    /// connection).
    public var pooledCodecBytes: Int?

    /// Messages per second of every run of this row, in run order; the row's own figures are
    /// those of the median run. Absent in a report of one run per row.
    public var messagesPerSecondRuns: [Double]?

    /// The run with the median messages per second of several runs of one row, carrying all
    /// runs' rates in ``messagesPerSecondRuns``.
    /// - Parameter runs: Runs of the same row; at least one.
    /// - Returns: The median run.
    public static func median(_ runs: [WireResult]) -> WireResult {
        var median = runs.sorted { $0.messagesPerSecond < $1.messagesPerSecond }[(runs.count - 1) / 2]
        if runs.count > 1 { median.messagesPerSecondRuns = runs.map(\.messagesPerSecond) }
        return median
    }

    /// `wireBytes / uncompressedWireBytes`: below 1 the extension saves bytes on the wire.
    public var wireRatio: Double { uncompressedWireBytes > 0 ? Double(wireBytes) / Double(uncompressedWireBytes) : 1 }

    /// Creates a row.
    /// - Parameters:
    ///   - implementation: `none`, `pmce`, `nio` or `swift-websocket`.
    ///   - spec: The spec; `nil` for no compression.
    ///   - corpus: The corpus.
    ///   - connections: Active connections.
    ///   - idleConnections: Idle connections.
    ///   - messages: Round trips.
    ///   - seconds: Active phase wall time.
    ///   - rawBytes: Message bytes sent.
    ///   - wireBytes: Server socket bytes.
    ///   - uncompressedWireBytes: The uncompressed equivalent.
    ///   - roundTrip: Round-trip percentiles.
    ///   - serverCPUSeconds: Server CPU time in the active phase.
    ///   - serverMemoryBytesPerConnection: RSS growth per connection.
    ///   - codecBytesPerConnection: Codec bytes per connection under load.
    ///   - idleCodecBytesPerConnection: The connections' own codec bytes per connection afterwards.
    ///   - pooledCodecBytes: The pool's bytes afterwards.
    public init(
        implementation: String, spec: CodecSpec?, corpus: String, connections: Int, idleConnections: Int, messages: Int, seconds: Double,
        rawBytes: Int, wireBytes: Int, uncompressedWireBytes: Int, roundTrip: LatencyPercentiles, serverCPUSeconds: Double,
        serverMemoryBytesPerConnection: Int, codecBytesPerConnection: Int?, idleCodecBytesPerConnection: Int?, pooledCodecBytes: Int?
    ) {
        self.implementation = implementation
        self.extension = spec?.compressionExtension.extensionName
        self.label = spec.map { implementation == "pmce" ? $0.label : "\(implementation) \($0.label)" } ?? "none"
        self.parameters = spec?.parameters
        self.corpus = corpus
        self.connections = connections
        self.idleConnections = idleConnections
        self.messages = messages
        self.seconds = seconds
        self.messagesPerSecond = seconds > 0 ? Double(messages) / seconds : 0
        self.rawBytes = rawBytes
        self.wireBytes = wireBytes
        self.uncompressedWireBytes = uncompressedWireBytes
        self.roundTripMicroseconds = roundTrip
        self.serverCPUMicrosecondsPerMessage = messages > 0 ? serverCPUSeconds * 1e6 / Double(messages) : 0
        self.serverMemoryBytesPerConnection = serverMemoryBytesPerConnection
        self.codecBytesPerConnection = codecBytesPerConnection
        self.idleCodecBytesPerConnection = idleCodecBytesPerConnection
        self.pooledCodecBytes = pooledCodecBytes
    }
}

/// Frame sizes on the wire (RFC 6455 §5.2).
public enum WireFrame {
    /// The bytes one unfragmented frame of `payload` bytes takes: 2 header bytes, 2 or 8 more
    /// for a length past 125 or 65535, 4 for the mask a client adds.
    /// - Parameters:
    ///   - payload: The payload length.
    ///   - masked: Whether the frame is masked (client to server).
    /// - Returns: Header and payload bytes.
    public static func bytes(payload: Int, masked: Bool) -> Int {
        let length = payload <= 125 ? 0 : payload <= 65535 ? 2 : 8
        return 2 + length + (masked ? 4 : 0) + payload
    }
}
