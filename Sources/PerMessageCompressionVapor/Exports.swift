// The negotiation types a Vapor route and client name (`WebSocketServerCompression`,
// `WebSocketClientCompression`) come with this product, as the handler they make does.
@_exported public import PerMessageCompressionNIO
