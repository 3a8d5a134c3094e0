public import PerMessageCompression

/// What a server's compressed connections hold right now: how many are open, the bytes their
/// own codecs hold, and the bytes of the shared pool they borrow from.
///
/// ```swift
/// let statistics = compression.statistics
/// print(statistics.connections, statistics.connectionMemory.totalBytes, statistics.pooledMemory.totalBytes)
/// ```
public struct CompressionStatistics: Sendable, Hashable, Codable {
    /// Open connections that went through this negotiator's extension factory (with or without
    /// compression agreed).
    public var connections: Int
    /// The bytes the connections' own codecs hold: directions that carry context, and messages
    /// in flight in fragments.
    public var connectionMemory: CodecMemory
    /// The bytes of the idle codecs in the pool, shared by every connection.
    public var pooledMemory: CodecMemory

    /// Creates statistics.
    /// - Parameters:
    ///   - connections: Open connections.
    ///   - connectionMemory: Their own codecs' bytes.
    ///   - pooledMemory: The pool's bytes.
    public init(connections: Int, connectionMemory: CodecMemory, pooledMemory: CodecMemory) {
        self.connections = connections
        self.connectionMemory = connectionMemory
        self.pooledMemory = pooledMemory
    }
}

/// The live connections of one negotiator, for ``CompressionStatistics``: each registers when
/// its extension is made and leaves when it is released.
package final class ConnectionRegistry: Sendable {
    private let connections = LockedValue<[ObjectIdentifier: WeakConnection]>([:])

    package init() {}

    package func add(_ state: ConnectionState) {
        connections.withLock { $0[ObjectIdentifier(state)] = WeakConnection(state) }
    }

    package func remove(_ identifier: ObjectIdentifier) {
        _ = connections.withLock { $0.removeValue(forKey: identifier) }
    }

    /// The count and the codec bytes of the connections still open.
    package var snapshot: (count: Int, memory: CodecMemory) {
        let live = connections.withLock { $0.values.compactMap(\.state) }
        return (live.count, live.reduce(CodecMemory.zero) { $0 + $1.memory })
    }
}

/// A registry entry that does not keep its connection alive.
struct WeakConnection: @unchecked Sendable {
    weak var state: ConnectionState?

    init(_ state: ConnectionState) {
        self.state = state
    }
}
