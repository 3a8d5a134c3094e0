public import PerMessageCompression
public import WSCore

extension WebSocketExtensionFactory {
    /// Offers one of this package's extensions from a swift-websocket client, and applies what
    /// the server answers. List one factory per extension, in the client's order of preference;
    /// several offers of one extension go in one factory, tried in order.
    ///
    /// ```swift
    /// let configuration = WebSocketClientConfiguration(extensions: [
    ///     .perMessageCompression(client: .perMessageDeflate(maxMessageSize: 1 << 20)),
    ///     .perMessageCompression(client: .perMessageSnappy()),
    /// ])
    /// ```
    ///
    /// The answer is checked with this package's ``ClientNegotiator``: a response the offer does
    /// not allow fails the connection. Named so as not to clash with `WSCompression`'s
    /// `.perMessageDeflate`. Servers use ``WebSocketCompressionNegotiator`` instead.
    /// - Parameters:
    ///   - offers: Offers of one extension.
    ///   - sendPolicy: Which whole messages the client sends compressed.
    ///   - deflateBackend: The library for deflate's whole messages where no window is carried.
    ///   - receiveWindowCheck: How deflate's receiver holds the server to a window under 15 bits.
    ///   - onNegotiated: Called with what was agreed when the server accepts one of them.
    /// - Returns: The factory.
    public static func perMessageCompression(
        client offers: ClientExtensionOffer..., sendPolicy: SendPolicy = .default, deflateBackend: DeflateBackend = .zlib,
        receiveWindowCheck: ReceiveWindowCheck = .zlib, onNegotiated: (@Sendable (NegotiatedCompression) -> Void)? = nil
    ) -> WebSocketExtensionFactory {
        let offers = offers
        let local = ClientLocalSettings(sendPolicy: sendPolicy, deflateBackend: deflateBackend, receiveWindowCheck: receiveWindowCheck)
        return .init {
            switch offers.first.flatMap({ CompressionExtension(extensionName: $0.element.name) }) {
            case .deflate: ClientCompressionBuilder<DeflateName>(offers: offers, local: local, onNegotiated: onNegotiated)
            case .bzip2: ClientCompressionBuilder<Bzip2Name>(offers: offers, local: local, onNegotiated: onNegotiated)
            case .snappy: ClientCompressionBuilder<SnappyName>(offers: offers, local: local, onNegotiated: onNegotiated)
            case nil: ClientCompressionBuilder<DeflateName>(offers: [], local: local, onNegotiated: nil)
            }
        }
    }
}

/// What a client decides alone, never negotiated.
struct ClientLocalSettings: Sendable {
    let sendPolicy: SendPolicy
    let deflateBackend: DeflateBackend
    let receiveWindowCheck: ReceiveWindowCheck
}

/// The extension a ``ClientCompressionBuilder`` answers for: swift-websocket finds a builder's
/// offers and answers by its type's `name`.
protocol ExtensionNameTag: Sendable {
    static var compressionExtension: CompressionExtension { get }
}

enum DeflateName: ExtensionNameTag { static let compressionExtension = CompressionExtension.deflate }
enum Bzip2Name: ExtensionNameTag { static let compressionExtension = CompressionExtension.bzip2 }
enum SnappyName: ExtensionNameTag { static let compressionExtension = CompressionExtension.snappy }

/// Offers one extension and applies the server's answer to it, on a client.
struct ClientCompressionBuilder<Tag: ExtensionNameTag>: WebSocketExtensionBuilder {
    static var name: String { Tag.compressionExtension.extensionName }

    let offers: [ClientExtensionOffer]
    let local: ClientLocalSettings
    let onNegotiated: (@Sendable (NegotiatedCompression) -> Void)?

    func clientRequestHeader() -> String {
        PerMessageCompression.WebSocketExtension.header(offers.map(\.element))
    }

    /// Rebuilds the answer from swift-websocket's parameters (it keeps no order, which an
    /// answer's meaning does not depend on) and accepts it with this package's rules.
    func clientExtension(from response: WebSocketExtensionHTTPParameters) throws -> (any WSCore.WebSocketExtension)? {
        let parameters = response.parameters.sorted { $0.key < $1.key }.map { PerMessageCompression.WebSocketExtension.Parameter($0.key, $0.value.optional) }
        let element = PerMessageCompression.WebSocketExtension(name: response.name, parameters: parameters)
        guard let agreed = try ClientNegotiator(offers).negotiate(responseHeaders: [element.description]) else { return nil }
        onNegotiated?(agreed)
        return CompressionWebSocketExtension(
            agreed.configuration.coding(with: local.deflateBackend).checking(receiveWindow: local.receiveWindowCheck), sendPolicy: local.sendPolicy)
    }

    func serverReponseHeader(to: WebSocketExtensionHTTPParameters) -> String? { nil }

    func serverExtension(from: WebSocketExtensionHTTPParameters) throws -> (any WSCore.WebSocketExtension)? { nil }
}
