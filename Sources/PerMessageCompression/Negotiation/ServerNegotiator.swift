/// The server side of per-message compression negotiation: reads the client's
/// `Sec-WebSocket-Extensions` header(s), picks the first offer its policies accept, and says
/// what to answer.
///
/// Offers of extensions no policy names are ignored. An offer that breaks its extension's rules
/// is declined, as RFC 7692 §5 requires (``InvalidOffers/decline``), or fails the handshake as
/// Autobahn|Python does (``InvalidOffers/failHandshake``). A malformed header always throws.
///
/// ```swift
/// let negotiator = ServerNegotiator([.perMessageDeflate(maxMessageSize: 1 << 20)])
/// let result = try negotiator.negotiate(offerHeaders: ["permessage-deflate; client_max_window_bits"])
/// result.responseHeader            // "permessage-deflate"
/// let codec = result.accepted?.makeCodec()
/// ```
public struct ServerNegotiator: Sendable {
    /// Whose order of preference decides between acceptable offers.
    public enum Preference: String, Hashable, Sendable, CaseIterable {
        /// The order of the server's policies; within one extension, the client's order.
        case server
        /// The client's order (RFC 6455 §9.1: the order the client lists extensions in).
        case client
    }

    /// What to do with an offer that breaks its extension's rules.
    public enum InvalidOffers: String, Hashable, Sendable, CaseIterable {
        /// Decline it and consider the next offer (RFC 7692 §5).
        case decline
        /// Throw, failing the handshake (Autobahn|Python's behaviour).
        case failHandshake
    }

    /// The extensions the server accepts, in its order of preference.
    public let policies: [ServerExtensionPolicy]
    /// Whose order of preference wins.
    public let preference: Preference
    /// What to do with an invalid offer.
    public let invalidOffers: InvalidOffers

    /// Creates a negotiator.
    /// - Parameters:
    ///   - policies: The extensions the server accepts, in its order of preference.
    ///   - preference: Whose order decides between acceptable offers.
    ///   - invalidOffers: Whether an invalid offer is declined or fails the handshake.
    public init(_ policies: [ServerExtensionPolicy], preference: Preference = .server, invalidOffers: InvalidOffers = .decline) {
        self.policies = policies
        self.preference = preference
        self.invalidOffers = invalidOffers
    }

    /// Negotiates from the client's `Sec-WebSocket-Extensions` header values.
    /// - Parameter offerHeaders: Every `Sec-WebSocket-Extensions` value the client sent, in order.
    /// - Returns: The accepted offer (if any) and every offer considered and declined before it.
    /// - Throws: ``NegotiationError/malformedHeader(header:offset:problem:)`` for a malformed
    ///   header; with ``InvalidOffers/failHandshake``, the error of the first invalid offer.
    public func negotiate(offerHeaders: [String]) throws(NegotiationError) -> ServerNegotiation {
        try negotiate(offers: WebSocketExtension.parse(headers: offerHeaders))
    }

    /// Negotiates from already parsed extension elements.
    /// - Parameter offers: The client's extension elements, in its order.
    /// - Returns: The accepted offer (if any) and every offer considered and declined before it.
    /// - Throws: With ``InvalidOffers/failHandshake``, the error of the first invalid offer.
    public func negotiate(offers: [WebSocketExtension]) throws(NegotiationError) -> ServerNegotiation {
        var candidates: [(ServerExtensionPolicy, WebSocketExtension)] = []
        switch preference {
        case .server:
            for policy in policies {
                candidates += offers.filter { $0.name == policy.extensionName }.map { (policy, $0) }
            }
        case .client:
            for offer in offers {
                if let policy = policies.first(where: { $0.extensionName == offer.name }) { candidates.append((policy, offer)) }
            }
        }
        if invalidOffers == .failHandshake {
            for (policy, offer) in candidates {
                if case .invalid(let error) = policy.evaluate(offer) { throw error }
            }
        }
        var declined: [DeclinedOffer] = []
        for (policy, offer) in candidates {
            switch policy.evaluate(offer) {
            case .accepted(let accepted):
                return ServerNegotiation(accepted: accepted, declined: declined)
            case .invalid(let error):
                declined.append(DeclinedOffer(offer: offer, reason: .invalid(error)))
            case .declined(let error):
                declined.append(DeclinedOffer(offer: offer, reason: error.map(DeclinedOffer.Reason.refused) ?? .declinedByPolicy))
            }
        }
        return ServerNegotiation(accepted: nil, declined: declined)
    }
}

/// The outcome of a server's negotiation.
public struct ServerNegotiation: Hashable, Sendable {
    /// What the server agreed to: the accepted offer and the server's configuration; `nil`
    /// when the server accepts none (and answers without the header).
    public let accepted: NegotiatedCompression?
    /// The offers considered before the accepted one (or all, when none was accepted), with why each was declined.
    public let declined: [DeclinedOffer]

    /// The `Sec-WebSocket-Extensions` value to answer with, or `nil` to send none.
    public var responseHeader: String? { accepted?.responseHeader }
}

/// An offer the server did not accept, and why.
public struct DeclinedOffer: Hashable, Sendable, CustomStringConvertible {
    /// Why an offer was declined.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The offer broke its extension's rules.
        case invalid(NegotiationError)
        /// The offer was valid, but the server's settings could not be fitted to it.
        case refused(NegotiationError)
        /// The policy's closure returned `nil`.
        case declinedByPolicy

        /// A sentence saying why.
        public var description: String {
            switch self {
            case .invalid(let error): return "invalid offer: \(error)"
            case .refused(let error): return "declined: \(error)"
            case .declinedByPolicy: return "declined by the server's policy"
            }
        }
    }

    /// The offer as the client sent it.
    public let offer: WebSocketExtension
    /// Why it was declined.
    public let reason: Reason

    /// The offer and the reason.
    public var description: String { "\(offer): \(reason)" }
}
