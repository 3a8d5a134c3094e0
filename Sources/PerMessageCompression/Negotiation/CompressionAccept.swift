/// How one end of a handshake accepted the other's side of it: a server's OfferAccept or a
/// client's ResponseAccept, for any of the three extensions. It resolves, for a role, into the
/// ``CompressionConfiguration`` the codec is made with.
public protocol CompressionAccept: AutobahnRepresentable, Hashable, CustomStringConvertible {
    /// The codec configuration this accept resolves to.
    associatedtype Configuration: CodecConfiguration

    /// The end that makes this kind of accept: the server accepts offers, the client responses.
    static var acceptingRole: WebSocketRole { get }

    /// The response both ends agree on: what the server answers, what the client accepted.
    var responseElement: WebSocketExtension { get }

    /// The configuration of `role`'s codec: the server's and the client's parameters mapped to
    /// send and receive as Autobahn's `create_from_offer_accept` / `create_from_response_accept` do.
    /// - Parameter role: Which end the codec serves; ``acceptingRole`` except when testing.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError`` for a setting the codec configuration refuses.
    func codecConfiguration(for role: WebSocketRole) throws(NegotiationError) -> Configuration
}

extension CompressionAccept {
    /// The extension.
    public static var compressionExtension: CompressionExtension { Configuration.compressionExtension }

    /// The configuration of `role`'s codec, in the enum over every extension.
    /// - Parameter role: Which end the codec serves; ``acceptingRole`` by default.
    /// - Returns: The configuration.
    /// - Throws: ``NegotiationError`` for a setting the codec configuration refuses.
    public func configuration(for role: WebSocketRole = Self.acceptingRole) throws(NegotiationError) -> CompressionConfiguration {
        try codecConfiguration(for: role).wrapped
    }

    /// Makes `role`'s codec.
    /// - Parameter role: Which end the codec serves; ``acceptingRole`` by default.
    /// - Returns: The codec.
    /// - Throws: ``NegotiationError`` for a setting the codec configuration refuses.
    public func makeCodec(role: WebSocketRole = Self.acceptingRole) throws(NegotiationError) -> Configuration.Codec {
        try codecConfiguration(for: role).makeCodec()
    }

    /// The type and the agreed response, such as `PerMessageSnappyOfferAccept(permessage-snappy)`.
    public var description: String { "\(Self.self)(\(responseElement))" }

    /// What this accept agrees, for the end that made it.
    func negotiated() throws(NegotiationError) -> NegotiatedCompression {
        NegotiatedCompression(accept: self, configuration: try configuration())
    }
}

/// What one end of a handshake agreed on: the accept it made and the configuration its codec
/// is made with. ``ServerNegotiator`` and ``ClientNegotiator`` both return it.
///
/// ```swift
/// let agreed = try ServerNegotiator([.perMessageSnappy()]).negotiate(offerHeaders: ["permessage-snappy"]).accepted!
/// agreed.responseHeader       // "permessage-snappy"
/// let codec = agreed.makeCodec()
/// ```
public struct NegotiatedCompression: Hashable, Sendable, CustomStringConvertible {
    /// The accept, an OfferAccept on the server and a ResponseAccept on the client; its
    /// ``AutobahnRepresentable/autobahnRepr`` and ``AutobahnJSON`` give Autobahn's forms.
    public let accept: any CompressionAccept
    /// The configuration of this end's codec.
    public let configuration: CompressionConfiguration

    /// The extension agreed on.
    public var compressionExtension: CompressionExtension { configuration.compressionExtension }
    /// The registered name of the extension agreed on, such as `permessage-deflate`.
    public var extensionName: String { configuration.extensionName }
    /// The `Sec-WebSocket-Extensions` value of the response: what a server answers with.
    public var responseHeader: String { accept.responseElement.description }

    /// Makes this end's codec.
    /// - Returns: The codec; it holds no library state until its first message.
    public func makeCodec() -> any PerMessageCodec { configuration.makeCodec() }

    /// The extension and the configuration.
    public var description: String { "\(responseHeader): \(configuration)" }

    /// Whether both hold equal accepts and configurations.
    /// - Parameters:
    ///   - lhs: A result.
    ///   - rhs: Another result.
    /// - Returns: Whether they are equal.
    public static func == (lhs: NegotiatedCompression, rhs: NegotiatedCompression) -> Bool {
        AnyHashable(lhs.accept) == AnyHashable(rhs.accept) && lhs.configuration == rhs.configuration
    }

    /// Hashes the accept and the configuration.
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(AnyHashable(accept))
        hasher.combine(configuration)
    }
}
