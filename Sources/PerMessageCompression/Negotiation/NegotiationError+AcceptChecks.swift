/// The checks of settings against what the peer allowed, made by the OfferAccept and
/// ResponseAccept initializers (with Autobahn|Python's wording) and by the client's check of a
/// response against its offer: `side` is the end that accepts (the server accepts an offer,
/// the client a response).
extension NegotiationError {
    /// Throws when the server requests `parameter` (as `value`; `nil` when it does not) but the
    /// client's offer did not allow it; `reason` is Autobahn's wording for an OfferAccept.
    static func checkClientAllows(
        _ parameter: String, value: String?, allowed: Bool, extensionName: String, reason: String = "feature unsupported by client"
    ) throws(NegotiationError) {
        if let value, !allowed {
            throw .notAllowedByPeer(extension: extensionName, parameter: parameter, value: value, reason: reason)
        }
    }

    /// Throws when `side` keeps its context (`noContextTakeover == false`) although its peer
    /// requested `<side>_no_context_takeover`.
    static func checkContextTakeover(
        _ noContextTakeover: Bool?, peerRequested: Bool, side: WebSocketRole, extensionName: String
    ) throws(NegotiationError) {
        if noContextTakeover == false && peerRequested {
            throw .notAllowedByPeer(
                extension: extensionName, parameter: "no_context_takeover", value: "false",
                reason: "\(side.peer) requested \(side)_no_context_takeover")
        }
    }

    /// Throws when `side`'s own `value` of `parameter` exceeds the `limit` its peer requested.
    static func checkAtMost<Value: Comparable & CustomStringConvertible>(
        _ value: Value?, limit: Value?, parameter: String, side: WebSocketRole, extensionName: String
    ) throws(NegotiationError) {
        if let value, let limit, value > limit {
            throw .notAllowedByPeer(
                extension: extensionName, parameter: parameter, value: value.description,
                reason: "\(side.peer) requested a lower maximum value (\(limit))")
        }
    }

    /// Throws for a negative message size limit, a local setting every accept type carries.
    static func checkMessageSize(_ maxMessageSize: Int?, extensionName: String) throws(NegotiationError) {
        if let maxMessageSize, maxMessageSize < 0 {
            throw .invalidValue(extension: extensionName, parameter: "max_message_size", value: String(maxMessageSize), allowed: "0 or more")
        }
    }
}
