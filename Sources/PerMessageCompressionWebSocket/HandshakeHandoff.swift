import Foundation
import PerMessageCompression

/// Carries what a server negotiated in its `shouldUpgrade` step to the extension swift-websocket
/// builds for the same handshake.
///
/// swift-websocket gives an extension builder only its own extension's offers, split on `;`
/// into a dictionary: offers joined by commas in one header, parameter order and repeats are
/// lost, and builders of different extensions cannot see each other, so two could switch RSV1
/// on. So the server negotiates on the raw `Sec-WebSocket-Extensions` headers itself
/// (``WebSocketCompressionNegotiator/responseHeaders(for:)``) and one non-negotiated builder
/// takes the result. Hummingbird runs `shouldUpgrade` and then every builder of the same
/// handshake without a hand-off to another handshake in between: on one thread for the
/// synchronous upgrade closure, in one `Task` for the router's. The key is that task, or else
/// that thread.
enum HandshakeHandoff {
    private struct Key: Hashable {
        var isTask: Bool
        var identity: Int
    }

    private struct Entry {
        var agreed: NegotiatedCompression?
        var time: ContinuousClock.Instant
    }

    private static let pending = LockedValue<[Key: Entry]>([:])

    /// How long an entry may wait: an upgrade that failed after `shouldUpgrade` leaves one.
    private static let lifetime = Duration.seconds(30)

    private static var currentKey: Key {
        if let task = withUnsafeCurrentTask(body: { $0?.hashValue }) { return Key(isTask: true, identity: task) }
        return Key(isTask: false, identity: Int(bitPattern: UInt(pthread_self())))
    }

    /// Records what this handshake agreed (`nil`: no compression).
    static func put(_ agreed: NegotiatedCompression?) {
        let key = currentKey
        let now = ContinuousClock.now
        pending.withLock { entries in
            entries = entries.filter { now - $0.value.time < lifetime }
            entries[key] = Entry(agreed: agreed, time: now)
        }
    }

    /// Takes what this handshake agreed; `nil` when nothing was negotiated for it.
    static func take() -> NegotiatedCompression? {
        let key = currentKey
        return pending.withLock { entries in entries.removeValue(forKey: key)?.agreed }
    }
}
