import PerMessageCompression
import Testing

extension NegotiationTests {
    /// RFC 6455 §9.1 `Sec-WebSocket-Extensions` parsing and serialization.
    struct ExtensionHeaderTests {
        @Test func parsesSeveralExtensionsAndRepeatedOffersOfOne() throws {
            let parsed = try WebSocketExtension.parse(
                header: "permessage-deflate; client_max_window_bits, permessage-deflate, permessage-snappy;server_no_context_takeover")
            #expect(parsed == [
                WebSocketExtension(name: "permessage-deflate", parameters: [.init("client_max_window_bits")]),
                WebSocketExtension(name: "permessage-deflate"),
                WebSocketExtension(name: "permessage-snappy", parameters: [.init("server_no_context_takeover")]),
            ])
        }

        @Test func acceptsOptionalWhitespaceAroundEverySeparator() throws {
            let parsed = try WebSocketExtension.parse(header: " \tpermessage-deflate ;\tclient_max_window_bits = 10 ; x ,y\t")
            #expect(parsed == [
                WebSocketExtension(name: "permessage-deflate", parameters: [.init("client_max_window_bits", "10"), .init("x")]),
                WebSocketExtension(name: "y"),
            ])
        }

        @Test func unquotesAndUnescapesQuotedStringValues() throws {
            let parsed = try WebSocketExtension.parse(header: #"a; b="10"; c="x\yz""#)
            #expect(parsed[0].parameters == [.init("b", "10"), .init("c", "xyz")])
        }

        @Test func lowerCasesNamesButKeepsValues() throws {
            let parsed = try WebSocketExtension.parse(header: "PerMessage-Deflate; Client_Max_Window_Bits=Ab")
            #expect(parsed == [WebSocketExtension(name: "permessage-deflate", parameters: [.init("client_max_window_bits", "Ab")])])
        }

        @Test func repeatedHeadersFormOneList() throws {
            let parsed = try WebSocketExtension.parse(headers: ["permessage-snappy", "permessage-bzip2; client_max_compress_level"])
            #expect(parsed.map(\.name) == ["permessage-snappy", "permessage-bzip2"])
        }

        @Test func emptyHeadersAndEmptyListElementsAddNothing() throws {
            #expect(try WebSocketExtension.parse(header: "").isEmpty)
            #expect(try WebSocketExtension.parse(header: " , a ,, ").map(\.name) == ["a"])
        }

        static let malformed: [(header: String, offset: Int, problem: String)] = [
            (";", 0, "expected an extension name, found ';'"),
            ("a;", 2, "expected a parameter name after ';', found the end of the header"),
            ("a; b=", 5, "expected a parameter value after '=', found the end of the header"),
            ("a b", 2, "expected ',' or ';' after an extension, found 'b'"),
            ("a; b=c d", 7, "expected ',' or ';' after an extension, found 'd'"),
            ("a; b==c", 5, "expected a parameter value after '=', found '='"),
            (#"a; b="c d""#, 5, #"the quoted value "c d" is not a token (RFC 6455 §9.1)"#),
            (#"a; b="""#, 5, #"the quoted value "" is not a token (RFC 6455 §9.1)"#),
            (#"a; b="cd"#, 5, "the quoted string starting here is not closed"),
            ("perméssage", 4, "expected ',' or ';' after an extension, found byte 0xc3"),
            ("a; b=c\u{1}", 6, "expected ',' or ';' after an extension, found byte 0x1"),
            ("a; (b)", 3, "expected a parameter name after ';', found '('"),
        ]

        @Test(arguments: malformed)
        func malformedHeaderNamesOffsetAndProblem(header: String, offset: Int, problem: String) {
            #expect(throws: NegotiationError.malformedHeader(header: header, offset: offset, problem: problem)) {
                try WebSocketExtension.parse(header: header)
            }
        }

        @Test func malformedSecondHeaderIsReportedWithItsOwnText() {
            #expect(throws: NegotiationError.malformedHeader(header: "b;", offset: 2, problem: "expected a parameter name after ';', found the end of the header")) {
                try WebSocketExtension.parse(headers: ["a", "b;"])
            }
        }

        @Test func serializedElementsParseBackUnchanged() throws {
            let elements = [
                WebSocketExtension(name: "permessage-deflate", parameters: [.init("client_max_window_bits"), .init("server_max_window_bits", "10")]),
                WebSocketExtension(name: "permessage-snappy"),
                WebSocketExtension(name: "x-custom", parameters: [.init("a", "b.c"), .init("d")]),
            ]
            let header = WebSocketExtension.header(elements)
            #expect(header == "permessage-deflate; client_max_window_bits; server_max_window_bits=10, permessage-snappy, x-custom; a=b.c; d")
            #expect(try WebSocketExtension.parse(header: header) == elements)
        }

        @Test func nonTokenValuesAreQuotedWhenSerialized() {
            #expect(WebSocketExtension.Parameter("a", #"x y"z"#).description == #"a="x y\"z""#)
        }
    }
}
