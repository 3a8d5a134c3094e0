extension Recommendation {
    /// How to turn a measured spec on with this package's swift-websocket integration: the
    /// server's policy and the client's offer as values and as Swift code to paste, and the
    /// `Sec-WebSocket-Extensions` handshake they make.
    ///
    /// Both the values and the code come from one recording of the library calls (see
    /// ``init(spec:)``), and the handshake is a real negotiation between them; the init checks
    /// that both ends end up with the spec's configuration.
    ///
    /// ```swift
    /// let integration = try Recommendation.Integration(spec: try .deflate(windowBits: WindowBits(12), memoryLevel: MemoryLevel(5)))
    /// integration.offerHeader      // "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=12"
    /// integration.responseHeader   // "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12"
    /// print(integration.serverCode.joined(separator: "\n"))
    /// ```
    public struct Integration: Sendable {
        /// The spec turned on.
        public let spec: CodecSpec
        /// The server's policy: accepts this extension with the spec's settings.
        public let serverPolicy: ServerExtensionPolicy
        /// The client's offer: asks for the spec's settings both ways.
        public let clientOffer: ClientExtensionOffer
        /// The `Sec-WebSocket-Extensions` value the client sends (``ClientNegotiator/offerHeader``).
        public let offerHeader: String
        /// The `Sec-WebSocket-Extensions` value the server answers (``ServerNegotiation/responseHeader``).
        public let responseHeader: String
        /// The server's codec configuration after the negotiation, with the spec's deflate backend.
        public let serverConfiguration: CompressionConfiguration
        /// The client's codec configuration after the negotiation, with the spec's deflate backend.
        public let clientConfiguration: CompressionConfiguration
        /// Swift for a Hummingbird server (`PerMessageCompressionWebSocket`): the
        /// `WebSocketCompressionNegotiator` and, as comments, where it goes.
        public let serverCode: [String]
        /// Swift for a swift-websocket client (`PerMessageCompressionWebSocket`): the client
        /// configuration with the `.perMessageCompression(client:)` extension.
        public let clientCode: [String]

        /// Builds the policy and the offer for `spec` and negotiates them.
        ///
        /// Both ends are given the spec's settings: deflate's window (requested of the peer
        /// too, left out at 15, the RFC's default), memory level and level, and no context
        /// takeover where the spec has none (requested of the peer as well); bzip2's level
        /// (the peer is limited to it too); snappy's takeover as deflate's. The send policy is
        /// given where the library's default (``SendPolicy/default``) would act differently
        /// on this configuration, and libdeflate where the spec uses it.
        /// - Parameter spec: The spec.
        /// - Throws: ``BenchmarkError/invalidValue(name:value:reason:)`` when the negotiation
        ///   fails or gives either end a configuration other than the spec's (a defect here).
        public init(spec: CodecSpec) throws(BenchmarkError) {
            self.spec = spec
            let made = Self.policyAndOffer(for: spec.configuration)
            serverPolicy = made.policy
            clientOffer = made.offer
            let (backend, check) = spec.localDeflateChoices
            // The library's default policy where it sends as the spec's does; else the spec's.
            let sendPolicy = CodecSpec(spec.configuration, sendPolicy: .default).sendPolicy == spec.sendPolicy ? nil : spec.sendPolicy

            var negotiatorCall = SwiftCall("ServerNegotiator")
            negotiatorCall.argument(nil, code: .array(made.policyCall.code))
            var compressionCall = SwiftCall("WebSocketCompressionNegotiator")
            compressionCall.argument(nil, code: negotiatorCall.code)
            _ = compressionCall.argument("sendPolicy", sendPolicy)
            _ = compressionCall.argument("deflateBackend", backend, unless: .zlib)
            _ = compressionCall.argument("receiveWindowCheck", check, unless: .zlib)
            serverCode = compressionCall.statement("let compression = ") + [
                "// in the route's upgrade step: .upgrade(try compression.responseHeaders(for: request.headers))",
                "// in the server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: .init(extensions: [compression.extensionFactory]))",
            ]
            var extensionCall = SwiftCall(".perMessageCompression")
            extensionCall.argument("client", code: made.offerCall.code)
            _ = extensionCall.argument("sendPolicy", sendPolicy)
            _ = extensionCall.argument("deflateBackend", backend, unless: .zlib)
            _ = extensionCall.argument("receiveWindowCheck", check, unless: .zlib)
            var configurationCall = SwiftCall("WebSocketClientConfiguration")
            configurationCall.argument("extensions", code: .array(extensionCall.code))
            clientCode = configurationCall.statement("let configuration = ")

            let client = ClientNegotiator([clientOffer])
            let offer = client.offerHeader
            offerHeader = offer
            func failure(_ reason: String) -> BenchmarkError {
                .invalidValue(name: "the handshake of \(spec.label)", value: offer, reason: reason)
            }
            let negotiation: ServerNegotiation
            do throws(NegotiationError) {
                negotiation = try ServerNegotiator([serverPolicy]).negotiate(offerHeaders: [offer])
            } catch {
                throw failure(error.description)
            }
            guard let serverAgreed = negotiation.accepted else {
                throw failure("the server declined it: \(negotiation.declined.map(\.reason.description).joined(separator: "; "))")
            }
            responseHeader = serverAgreed.responseHeader
            let clientAgreed: NegotiatedCompression?
            do throws(NegotiationError) {
                clientAgreed = try client.negotiate(responseHeaders: [serverAgreed.responseHeader])
            } catch {
                throw failure("the client refused the response \(serverAgreed.responseHeader): \(error)")
            }
            guard let clientAgreed else { throw failure("the client found no response in \(serverAgreed.responseHeader)") }
            serverConfiguration = serverAgreed.configuration.coding(with: backend).checking(receiveWindow: check)
            clientConfiguration = clientAgreed.configuration.coding(with: backend).checking(receiveWindow: check)
            for (end, configuration) in [("server", serverConfiguration), ("client", clientConfiguration)] where configuration != spec.configuration {
                throw .invalidValue(
                    name: "the \(end)'s negotiated configuration", value: configuration.description,
                    reason: "differs from the measured \(spec.label), \(spec.configuration)")
            }
        }

        /// The policy and the offer for a configuration, each with the recording of its call.
        private static func policyAndOffer(
            for configuration: CompressionConfiguration
        ) -> (policy: ServerExtensionPolicy, policyCall: SwiftCall, offer: ClientExtensionOffer, offerCall: SwiftCall) {
            switch configuration {
            case .deflate(let c):
                let noTakeover = c.sendNoContextTakeover
                let window = c.sendWindowBits == .max ? nil : c.sendWindowBits
                let memoryLevel = c.memoryLevel == .default ? nil : c.memoryLevel
                var policy = SwiftCall(".perMessageDeflate")
                let serverPolicy = ServerExtensionPolicy.perMessageDeflate(
                    requestNoContextTakeover: policy.argument("requestNoContextTakeover", noTakeover, unless: false),
                    requestMaxWindowBits: policy.argument("requestMaxWindowBits", window),
                    noContextTakeover: policy.argument("noContextTakeover", noTakeover ? true : nil),
                    windowBits: policy.argument("windowBits", window),
                    memoryLevel: policy.argument("memoryLevel", memoryLevel),
                    compressionLevel: policy.argument("compressionLevel", c.compressionLevel, unless: .default))
                var request = SwiftCall(".init")
                let deflateOffer = PerMessageDeflateOffer(
                    requestNoContextTakeover: request.argument("requestNoContextTakeover", noTakeover, unless: false),
                    requestMaxWindowBits: request.argument("requestMaxWindowBits", window))
                var offer = SwiftCall(".perMessageDeflate")
                let clientOffer = ClientExtensionOffer.perMessageDeflate(
                    offer.argument(nil, deflateOffer, as: request, unless: PerMessageDeflateOffer()),
                    noContextTakeover: offer.argument("noContextTakeover", noTakeover ? true : nil),
                    windowBits: offer.argument("windowBits", window),
                    memoryLevel: offer.argument("memoryLevel", memoryLevel),
                    compressionLevel: offer.argument("compressionLevel", c.compressionLevel, unless: .default))
                return (serverPolicy, policy, clientOffer, offer)
            case .bzip2(let c):
                var policy = SwiftCall(".perMessageBzip2")
                let serverPolicy = ServerExtensionPolicy.perMessageBzip2(
                    requestMaxCompressLevel: policy.argument("requestMaxCompressLevel", c.sendLevel),
                    compressLevel: policy.argument("compressLevel", c.sendLevel))
                var request = SwiftCall(".init")
                let bzip2Offer = PerMessageBzip2Offer(requestMaxCompressLevel: request.argument("requestMaxCompressLevel", c.sendLevel))
                var offer = SwiftCall(".perMessageBzip2")
                let clientOffer = ClientExtensionOffer.perMessageBzip2(
                    offer.argument(nil, bzip2Offer, as: request, unless: PerMessageBzip2Offer()),
                    compressLevel: offer.argument("compressLevel", c.sendLevel))
                return (serverPolicy, policy, clientOffer, offer)
            case .snappy(let c):
                let noTakeover = c.sendNoContextTakeover
                var policy = SwiftCall(".perMessageSnappy")
                let serverPolicy = ServerExtensionPolicy.perMessageSnappy(
                    requestNoContextTakeover: policy.argument("requestNoContextTakeover", noTakeover, unless: false),
                    noContextTakeover: policy.argument("noContextTakeover", noTakeover ? true : nil))
                var request = SwiftCall(".init")
                let snappyOffer = PerMessageSnappyOffer(requestNoContextTakeover: request.argument("requestNoContextTakeover", noTakeover, unless: false))
                var offer = SwiftCall(".perMessageSnappy")
                let clientOffer = ClientExtensionOffer.perMessageSnappy(
                    offer.argument(nil, snappyOffer, as: request, unless: PerMessageSnappyOffer()),
                    noContextTakeover: offer.argument("noContextTakeover", noTakeover ? true : nil))
                return (serverPolicy, policy, clientOffer, offer)
            }
        }
    }
}
