import KioskCore
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    private func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONSyntaxError {
        try #require(throws: JSONSyntaxError.self, sourceLocation: sourceLocation) { try JSONParser.parse(text) }
    }

    @Test func readsEveryKindOfValueAndKeepsMemberOrder() throws {
        let value = try JSONParser.parse(#"{"z": [1, -2.5e3, true, false, null], "a": "x", "m": {}}"#)
        guard case .object(let members) = value.content else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["z", "a", "m"])
        #expect(
            value["z"]?.content
                == .array([
                    JSONValue(.number("1"), at: SourcePosition(line: 1, column: 8)),
                    JSONValue(.number("-2.5e3"), at: SourcePosition(line: 1, column: 11)),
                    JSONValue(.bool(true), at: SourcePosition(line: 1, column: 19)),
                    JSONValue(.bool(false), at: SourcePosition(line: 1, column: 25)),
                    JSONValue(.null, at: SourcePosition(line: 1, column: 32)),
                ]))
        #expect(value["a"]?.content == .string("x"))
        #expect(value["m"]?.content == .object([]))
    }

    @Test func keepsIntegerTextExactly() throws {
        let value = try JSONParser.parse("[9007199254740993, 123456789012345678901234567890]")
        #expect(value.jsonText == "[9007199254740993,123456789012345678901234567890]")
    }

    @Test func recordsLineAndColumnOfValuesAndKeys() throws {
        let value = try JSONParser.parse("{\n  \"printer\": {\n    \"kind\":   \"tcp\"\n  }\n}")
        #expect(value.position == SourcePosition(line: 1, column: 1))
        let printer = try #require(value["printer"])
        #expect(printer.position == SourcePosition(line: 2, column: 14))
        guard case .object(let members) = printer.content else { Issue.record("not an object"); return }
        #expect(members[0].keyPosition == SourcePosition(line: 3, column: 5))
        #expect(members[0].value.position == SourcePosition(line: 3, column: 15))
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let value = try JSONParser.parse(#"{"nama": "Denpasar — Bali", "x": 1}"#)
        // The em dash is three UTF-8 bytes but one column.
        let x = try #require(value["x"])
        #expect(x.position == SourcePosition(line: 1, column: 34))
    }

    @Test func decodesEscapesAndRoundTrips() throws {
        let text = #"{"s":"tab\tquote\"slash\/nl\nu\u00e9 smile\ud83d\ude00 back\\"}"#
        let value = try JSONParser.parse(text)
        #expect(value["s"]?.content == .string("tab\tquote\"slash/nl\nué smile😀 back\\"))
        let again = try JSONParser.parse(value.jsonText)
        #expect(again.content == value.content)
        #expect(again.jsonText == value.jsonText)
    }

    @Test func roundTripsTheShippedCatalogue() throws {
        let file = try ConfigFixtures.shippedFile("kiosk-config/catalogue-badung-sample.json")
        let value = try JSONParser.parse(file.text)
        let again = try JSONParser.parse(value.jsonText)
        #expect(again.jsonText == value.jsonText)
        #expect(value["agencies"].map { if case .array(let a) = $0.content { a.count } else { 0 } } == 31)
    }

    @Test func toleratesAByteOrderMark() throws {
        let value = try JSONParser.parse("\u{FEFF}{\"a\": 1}")
        #expect(value["a"]?.content == .number("1"))
        #expect(value.position == SourcePosition(line: 1, column: 1))
    }

    @Test func missingCommaSaysWhatWasExpected() throws {
        let error = try syntaxError("{\n  \"a\": 1\n  \"b\": 2\n}")
        #expect(error.position == SourcePosition(line: 3, column: 3))
        #expect(error.problem == "expected ',' or '}' after an object member, found '\"'")
        #expect(error.fix.contains("comma"))
        #expect(error.jsonPath == "$")
    }

    @Test func trailingCommaInArrayIsReported() throws {
        let error = try syntaxError(#"{"days": ["mon", "tue",]}"#)
        #expect(error.position == SourcePosition(line: 1, column: 24))
        #expect(error.problem == "expected a value after ',', found ']'")
        #expect(error.jsonPath == "$.days")
    }

    @Test func trailingGarbageIsReported() throws {
        let error = try syntaxError("{\"a\": 1}\n}")
        #expect(error.position == SourcePosition(line: 2, column: 1))
        #expect(error.problem == "unexpected '}' after the end of the JSON value")
    }

    @Test func unterminatedStringPointsAtItsOpeningQuote() throws {
        let atEnd = try syntaxError("{\"a\": \"open")
        #expect(atEnd.position == SourcePosition(line: 1, column: 7))
        #expect(atEnd.problem.hasPrefix("unterminated string"))
        let atLineEnd = try syntaxError("{\"a\": \"open\n}")
        #expect(atLineEnd.position == SourcePosition(line: 1, column: 7))
        #expect(atLineEnd.problem == "unterminated string: no closing '\"' on this line")
    }

    @Test func badEscapeIsReported() throws {
        let error = try syntaxError(#"{"path": "C:\kiosk"}"#)
        #expect(error.position == SourcePosition(line: 1, column: 13))
        #expect(error.problem == "invalid escape '\\k' in a string")
        #expect(error.jsonPath == "$.path")
        #expect(error.fix.contains("\\\\"))
    }

    @Test func controlCharacterInStringIsReported() throws {
        let error = try syntaxError("[\"a\tb\"]")
        #expect(error.position == SourcePosition(line: 1, column: 4))
        #expect(error.problem == "raw tab in a string")
    }

    @Test func loneSurrogateIsReported() throws {
        let error = try syntaxError(#"["\ud83d x"]"#)
        #expect(error.problem.contains("unpaired UTF-16 surrogate"))
    }

    @Test(arguments: ["01", "+1", "1.", ".5", "-", "1e", "12px", "0x1F"])
    func invalidNumbersAreReported(number: String) throws {
        let error = try syntaxError("{\"n\": \(number)}")
        #expect(error.position == SourcePosition(line: 1, column: 7))
        #expect(error.problem == "invalid number \"\(number)\"")
        #expect(error.jsonPath == "$.n")
    }

    @Test func duplicateKeyIsAnError() throws {
        let error = try syntaxError("{\n  \"port\": 9100,\n  \"port\": 9101\n}")
        #expect(error.position == SourcePosition(line: 3, column: 3))
        #expect(error.problem == "duplicate key \"port\" (first at line 2, column 3)")
        #expect(error.jsonPath == "$.port")
    }

    @Test func emptyAndBlankFilesAreReported() throws {
        #expect(try syntaxError("").problem == "the file is empty")
        let blank = try syntaxError("\n\n  ")
        #expect(blank.problem == "the file is empty")
        #expect(blank.position == SourcePosition(line: 3, column: 3))
    }

    @Test func commentsAndSingleQuotesGetTheirOwnMessages() throws {
        #expect(try syntaxError("{\"a\": // note\n 1}").problem == "comments are not allowed in JSON")
        #expect(try syntaxError("{\"a\": 'x'}").problem.contains("double quotes"))
        #expect(try syntaxError("{\"a\": True}").problem == "unknown word \"True\"")
    }

    @Test func deepNestingIsRejectedNotCrashed() throws {
        let text = String(repeating: "[", count: 10_000)
        let error = try syntaxError(text)
        #expect(error.problem.contains("nested more than"))
    }
}
