import PerMessageCompression
import Testing

extension NegotiationTests {
    /// Properties of the header parser over many generated headers.
    struct ExtensionHeaderPropertyTests {
        static let alphabet = Array("ab-_09;=, \t\"\\é\u{1}".unicodeScalars).map(String.init)
        static let tokenCharacters = Array("abcxyz0129-_.!#$%&'*+^`|~".unicodeScalars).map(String.init)

        @Test func arbitraryTextParsesOrFailsWithAnOffsetInsideIt() {
            var random = SeededRandom(seed: 0x5EC_0E7)
            for _ in 0..<5_000 {
                let header = (0..<Int.random(in: 0...24, using: &random)).map { _ in Self.alphabet.randomElement(using: &random)! }.joined()
                do {
                    _ = try WebSocketExtension.parse(header: header)
                } catch {
                    guard case .malformedHeader(let text, let offset, let problem) = error else {
                        Issue.record("unexpected \(error) for \(header.debugDescription)")
                        continue
                    }
                    #expect(text == header && (0...header.utf8.count).contains(offset) && !problem.isEmpty, "\(header.debugDescription)")
                }
            }
        }

        @Test func generatedElementsRoundTripThroughTheirHeader() throws {
            var random = SeededRandom(seed: 42)
            func token() -> String {
                (0..<Int.random(in: 1...8, using: &random)).map { _ in Self.tokenCharacters.randomElement(using: &random)! }.joined()
            }
            for _ in 0..<1_000 {
                let elements = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                    WebSocketExtension(name: token(), parameters: (0..<Int.random(in: 0...4, using: &random)).map { _ in
                        .init(token(), Bool.random(using: &random) ? token() : nil)
                    })
                }
                let header = WebSocketExtension.header(elements)
                #expect(try WebSocketExtension.parse(header: header) == elements, "\(header)")
            }
        }
    }
}
