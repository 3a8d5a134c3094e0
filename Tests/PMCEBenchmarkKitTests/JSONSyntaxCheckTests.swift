import Foundation
@testable import PMCEBenchmarkKit
import Testing

struct JSONSyntaxCheckTests {
    @Test(arguments: [
        #"{}"#, #"[]"#, #" {"a": [1, -2.5e+3, true, false, null, "x\n\u00e9\""], "b": {}} "#, "0", #""""#,
    ])
    func validDocumentsHaveNoFailure(document: String) {
        #expect(JSONSyntaxCheck.firstFailure(in: Array(document.utf8)) == nil)
    }

    @Test func handWrittenHARIsValid() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestFiles.resource("chat-session.har"))))
        #expect(JSONSyntaxCheck.firstFailure(in: bytes) == nil)
    }

    @Test(arguments: [
        ("", 1, 1, "expected a value but found end of file"),
        ("{\"a\": 1,}", 1, 9, "expected a string key but found '}'"),
        ("[1 2]", 1, 4, "expected ',' or ']' but found '2'"),
        ("{\n\"a\": tru}", 2, 9, "expected 'true' but found '}'"),
        ("[\"x\ny\"]", 1, 4, "control character byte 0xa inside a string"),
        ("[\"\\q\"]", 1, 4, "invalid escape \\'q'"),
        ("[01.]", 1, 5, "expected a digit after '.' but found ']'"),
        ("{} {}", 1, 4, "unexpected '{' after the end of the document"),
        ("\"open", 1, 6, "unterminated string"),
    ])
    func malformedDocumentsReportLineColumnAndReason(document: String, line: Int, column: Int, reason: String) {
        #expect(JSONSyntaxCheck.firstFailure(in: Array(document.utf8)) == .init(line: line, column: column, reason: reason))
    }

    @Test func deepNestingIsAFailureNotACrash() {
        let document = String(repeating: "[", count: 100_000)
        #expect(JSONSyntaxCheck.firstFailure(in: Array(document.utf8))?.reason == "nesting deeper than 512 levels")
    }
}
