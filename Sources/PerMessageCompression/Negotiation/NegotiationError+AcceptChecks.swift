/// The names Autobahn|Python gives an accept's own settings (not wire parameters), used in
/// errors about them.
enum AcceptSetting: String {
    case windowBits = "window_bits"
    case compressLevel = "compress_level"
    case noContextTakeover = "no_context_takeover"
    case maxMessageSize = "max_message_size"
}

/// The checks of settings against what the peer allowed, made by the OfferAccept and
/// ResponseAccept initializers (with Autobahn|Python's wording) and by the client's check of a
/// response against its offer: `side` is the end that accepts (the server accepts an offer,
/// the client a response). Ranges are not checked here: the setting types and the codec
/// configurations check them (see ``configuring(windowParameter:_:)``).
extension NegotiationError {
    /// Throws when the server requests `parameter` (as `value`; `nil` when it does not) but the
    /// client's offer did not allow it; `reason` is Autobahn's wording for an OfferAccept.
    static func checkClientAllows(
        _ parameter: some ExtensionParameterName, value: String?, allowed: Bool, of compressionExtension: CompressionExtension,
        reason: String = "feature unsupported by client"
    ) throws(NegotiationError) {
        if let value, !allowed {
            throw .notAllowedByPeer(extension: compressionExtension.extensionName, parameter: parameter.rawValue, value: value, reason: reason)
        }
    }

    /// Throws when `side` keeps its context (`noContextTakeover == false`) although its peer
    /// requested `<side>_no_context_takeover`.
    static func checkContextTakeover(
        _ noContextTakeover: Bool?, peerRequested: Bool, side: WebSocketRole, of compressionExtension: CompressionExtension
    ) throws(NegotiationError) {
        if noContextTakeover == false && peerRequested {
            throw .notAllowedByPeer(
                extension: compressionExtension.extensionName, parameter: AcceptSetting.noContextTakeover.rawValue, value: "false",
                reason: "\(side.peer) requested \(side)_no_context_takeover")
        }
    }

    /// Throws when `side`'s own `value` of `setting` exceeds the `limit` its peer requested.
    static func checkAtMost<Value: Comparable & CustomStringConvertible>(
        _ value: Value?, limit: Value?, setting: AcceptSetting, side: WebSocketRole, of compressionExtension: CompressionExtension
    ) throws(NegotiationError) {
        if let value, let limit, value > limit {
            throw .notAllowedByPeer(
                extension: compressionExtension.extensionName, parameter: setting.rawValue, value: value.description,
                reason: "\(side.peer) requested a lower maximum value (\(limit))")
        }
    }

    /// Makes a codec configuration, reporting a setting it refuses in the handshake's terms: a
    /// window of 8 for our compressor as ``unsupportedByCompressor(extension:parameter:value:reason:)``
    /// named `windowParameter` (so the offer or response is declined), anything else as
    /// ``invalidValue(extension:parameter:value:allowed:)``.
    static func configuring<Configuration: CodecConfiguration>(
        windowParameter: String = AcceptSetting.windowBits.rawValue, _ make: () throws(ConfigurationError) -> Configuration
    ) throws(NegotiationError) -> Configuration {
        do {
            return try make()
        } catch {
            let extensionName = Configuration.compressionExtension.extensionName
            switch error.setting {
            case .windowBits:
                throw .unsupportedByCompressor(
                    extension: extensionName, parameter: windowParameter, value: String(error.value),
                    reason: "zlib (1.2.9 and later) cannot compress raw deflate with a window of 8 bits; declining")
            case .maxMessageSize:
                throw .invalidValue(extension: extensionName, parameter: AcceptSetting.maxMessageSize.rawValue, value: String(error.value), allowed: "0 or more")
            default:
                throw .invalidValue(extension: extensionName, parameter: error.setting.rawValue, value: String(error.value), allowed: error.allowed.allowedText)
            }
        }
    }
}
