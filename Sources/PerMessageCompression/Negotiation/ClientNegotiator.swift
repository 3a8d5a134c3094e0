/// The client side of per-message compression negotiation: the header to offer, and the codec
/// the server's answer gives.
///
/// ```swift
/// let negotiator = ClientNegotiator([.perMessageDeflate(), .perMessageSnappy()])
/// negotiator.offerHeader
/// // "permessage-deflate; client_no_context_takeover; client_max_window_bits, permessage-snappy; client_no_context_takeover"
/// if let accepted = try negotiator.negotiate(responseHeaders: ["permessage-snappy"]) {
///     let codec = accepted.makeCodec()
/// }
/// ```
public struct ClientNegotiator: Sendable {
    /// The offers, in the client's order of preference.
    public let offers: [ClientExtensionOffer]

    /// Creates a negotiator.
    /// - Parameter offers: The offers, in order of preference; the same extension may appear
    ///   more than once with different parameters.
    public init(_ offers: [ClientExtensionOffer]) {
        self.offers = offers
    }

    /// The `Sec-WebSocket-Extensions` value to send.
    public var offerHeader: String { WebSocketExtension.header(offers.map(\.element)) }

    /// Accepts the server's `Sec-WebSocket-Extensions` answer.
    ///
    /// The answer must name at most one extension, one the client offered; its parameters must
    /// follow the extension's rules and fit one of the client's offers of it (tried in order).
    /// - Parameter responseHeaders: Every `Sec-WebSocket-Extensions` value the server sent; empty when it sent none.
    /// - Returns: The accepted response and the client's configuration, or `nil` when the
    ///   server accepted no offer.
    /// - Throws: ``NegotiationError/unofferedExtension(extension:)``,
    ///   ``NegotiationError/multipleCompressionExtensions(_:)``, a malformed header, or the reason
    ///   the response fits none of the offers (the error for the first offer of that extension):
    ///   the client must then fail the connection.
    public func negotiate(responseHeaders: [String]) throws(NegotiationError) -> NegotiatedCompression? {
        let elements = try WebSocketExtension.parse(headers: responseHeaders)
        for element in elements where !offers.contains(where: { $0.element.name == element.name }) {
            throw .unofferedExtension(extension: element.name)
        }
        guard let element = elements.first else { return nil }
        guard elements.count == 1 else { throw .multipleCompressionExtensions(elements.map(\.name)) }
        var firstError: NegotiationError?
        for offer in offers where offer.element.name == element.name {
            do throws(NegotiationError) {
                return try offer.accept(element)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? .unofferedExtension(extension: element.name)
    }
}
