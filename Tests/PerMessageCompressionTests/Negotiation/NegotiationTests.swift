import Testing

/// The negotiation layer's suites, grouped so `swift test --filter NegotiationTests` runs them all.
@Suite struct NegotiationTests {}
