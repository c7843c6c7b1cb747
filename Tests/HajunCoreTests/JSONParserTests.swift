import Testing

@testable import HajunCore

@Suite("JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONDocument {
        try JSONDocument.parse(Array(text.utf8))
    }

    private func failure(_ bytes: [UInt8], maxDepth: Int = JSONDocument.defaultMaxDepth) -> JSONError? {
        do {
            _ = try JSONDocument.parse(bytes, maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String) -> JSONError? {
        failure(Array(text.utf8))
    }

    @Test func readsScalarsAndContainers() throws {
        let document = try parse(
            #"{"a": 1, "b": [true, false, null, -2.5e3, "x"], "c": {"d": "e"}, "big": 123456789012345678901}"#)
        let root = document.root
        #expect(root.kind == .object)
        #expect(root.count == 4)
        #expect(root["a"]?.int64 == 1)
        #expect(root["b"]?.count == 5)
        #expect(root["b"]?[0]?.bool == true)
        #expect(root["b"]?[1]?.bool == false)
        #expect(root["b"]?[2]?.isNull == true)
        #expect(root["b"]?[3]?.double == -2500)
        #expect(root["b"]?[3]?.int64 == nil)
        #expect(root["b"]?[4]?.string == "x")
        #expect(root["b"]?[5] == nil)
        #expect(root["c"]?["d"]?.string == "e")
        #expect(root["missing"] == nil)
        // Too big for Int64: still a number, readable as a Double.
        #expect(root["big"]?.int64 == nil)
        #expect(root["big"]?.double == 123456789012345678901)
        #expect(root.members.map(\.key) == ["a", "b", "c", "big"])
    }

    @Test func integerEdges() throws {
        let root = try parse("[9223372036854775807, -9223372036854775808, 9223372036854775808, -0, 0]").root
        #expect(root[0]?.int64 == Int64.max)
        #expect(root[1]?.int64 == Int64.min)
        #expect(root[2]?.int64 == nil)
        #expect(root[3]?.int64 == 0)
        #expect(root[4]?.int64 == 0)
    }

    /// Digits are skipped eight at a time: numbers of every length end where they end, whatever follows them.
    @Test func numbersOfEveryLength() throws {
        for length in 1...19 {
            let digits = String((0..<length).map { Character(String(($0 % 9) + 1)) })
            let root = try parse("[\(digits), -\(digits).25, \(digits)e2,\(digits)] ").root
            #expect(root[0]?.int64 == Int64(digits))
            #expect(root[1]?.double == Double("-\(digits).25"))
            #expect(root[2]?.double == Double("\(digits)e2"))
            #expect(root[3]?.int64 == Int64(digits))
            #expect(root[0]?.rawText == digits)
            #expect(failure("[\(digits)x, 1, \"........\"]")?.byteOffset == 1 + length)
        }
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let root = try parse(
            #"["a\"b\\c\/d\b\f\n\r\t", "\u041c\u0430\u0447\u0443\u043b\u0456\u0448\u0447\u044b", "\ud83d\ude80 go", "#
                + #""\u00e9\u0000x", "lone \ud800 high", "lone \udc00 low", "\ud83d\u0041"]"#
        ).root
        #expect(root[0]?.string == "a\"b\\c/d\u{8}\u{c}\n\r\t")
        #expect(root[1]?.string == "Мачулішчы")
        #expect(root[2]?.string == "🚀 go")
        #expect(root[3]?.string == "é\u{0}x")
        #expect(root[4]?.string == "lone \u{FFFD} high")
        #expect(root[5]?.string == "lone \u{FFFD} low")
        // A high surrogate followed by a non-surrogate escape: replacement, then the letter.
        #expect(root[6]?.string == "\u{FFFD}A")
    }

    @Test func keepsRawUTF8AndEscapedKeys() throws {
        let root = try parse(#"{"текст": "Лунінец 🛩", "k\u0065y": 7}"#).root
        #expect(root["текст"]?.string == "Лунінец 🛩")
        #expect(root["key"]?.int64 == 7)
    }

    @Test func longStringsCrossTheWordAtATimeScan() throws {
        let plain = String(repeating: "abcdefgh", count: 100)
        let mixed = String(repeating: "колонна ", count: 50)
        let root = try parse("[\"\(plain)\", \"\(mixed)x\\n\"]").root
        #expect(root[0]?.string == plain)
        #expect(root[1]?.string == mixed + "x\n")
    }

    /// Keys and short values are read inline a word at a time up to 24 bytes, then handed to the full scan from
    /// where the inline read stopped: whatever a string holds at whichever place (an escape, a non-ASCII letter,
    /// a control byte), the value, the numbers after it and the error positions are the full scan's.
    @Test func shortStringsAndKeysOfEveryLength() throws {
        let intruders: [(raw: String, decoded: String)] = [
            ("\\n", "\n"), ("é", "é"), ("\\u0041", "A"), ("\\\"", "\""),
        ]
        for length in 0..<34 {
            let plain = String(repeating: "k", count: length)
            let document = try parse(#"{"\#(plain)": "\#(plain)", "n": ["\#(plain)", 12345678901], "pad": "........"}"#)
            #expect(document.root[plain]?.string == plain)
            #expect(document.root["n"]?[0]?.string == plain)
            #expect(document.root["n"]?[1]?.int64 == 12_345_678_901)
            for place in 0...length {
                let head = String(plain.prefix(place))
                let tail = String(plain.dropFirst(place))
                for (raw, decoded) in intruders {
                    let literal = head + raw + tail
                    let value = head + decoded + tail
                    let document = try parse(#"{"\#(literal)": ["\#(literal)", 7], "pad": "........"}"#)
                    #expect(document.root[value]?[0]?.string == value, "\(literal)")
                    #expect(document.root[value]?[1]?.int64 == 7, "\(literal)")
                }
                let bytes = Array(#"{"\#(head)"#.utf8) + [0x01] + Array(#"\#(tail)": 1, "pad": "........"}"#.utf8)
                let error = failure(bytes)
                #expect(error?.kind == .controlCharacter, "control after \(place) of \(length)")
                #expect(error?.byteOffset == 2 + place, "control after \(place) of \(length)")
            }
        }
    }

    @Test func reportsLineColumnAndOffset() throws {
        let error = try #require(failure("{\n  \"a\": 1,\n  \"b\": x\n}"))
        #expect(error.kind == .unexpectedCharacter)
        #expect(error.line == 3)
        #expect(error.column == 8)
        #expect(error.byteOffset == 19)
        #expect(error.message == "expected a JSON value, found 'x'")
        #expect(error.description == "line 3, column 8 (byte 19): expected a JSON value, found 'x'")
    }

    @Test func rejectsMalformedInput() {
        let cases: [(String, JSONError.Kind, Int)] = [
            ("", .emptyInput, 0),
            ("   ", .emptyInput, 3),
            ("{", .unexpectedEnd, 1),
            (#"{"a":1,}"#, .unexpectedCharacter, 7),
            (#"[1,]"#, .unexpectedCharacter, 3),
            (#"[1 2]"#, .unexpectedCharacter, 3),
            (#"{"a" 1}"#, .unexpectedCharacter, 5),
            (#"{a:1}"#, .unexpectedCharacter, 1),
            (#"["abc"#, .unexpectedEnd, 5),
            (#"["a\qb"]"#, .invalidEscape, 3),
            (#"["\u12G4"]"#, .invalidEscape, 6),
            ("[\"a\nb\"]", .controlCharacter, 3),
            ("[01]", .invalidNumber, 1),
            ("[1.]", .invalidNumber, 3),
            ("[-]", .invalidNumber, 2),
            ("[1e]", .invalidNumber, 3),
            ("[tru]", .unexpectedCharacter, 4),
            ("[nul", .unexpectedEnd, 4),
            ("{} {}", .trailingData, 3),
            ("[NaN]", .unexpectedCharacter, 1),
        ]
        for (text, kind, offset) in cases {
            let error = failure(text)
            #expect(error?.kind == kind, "\(text)")
            #expect(error?.byteOffset == offset, "\(text)")
        }
    }

    @Test func truncationNamesTheOpenContainer() throws {
        let error = try #require(failure("{\"result\": [\n  {\"update_id\": 1},\n  {\"update_id\": 2"))
        #expect(error.kind == .unexpectedEnd)
        #expect(error.line == 3)
        #expect(error.message.contains("object that starts at line 3, byte 35"))
        #expect(error.message.contains("truncated"))
    }

    @Test func rejectsInvalidUTF8WithItsPosition() throws {
        var bytes = Array(#"{"text": "ok"#.utf8)
        bytes += [0xD0]  // a lead byte without its continuation
        bytes += Array(#"x"}"#.utf8)
        let error = try #require(failure(bytes))
        #expect(error.kind == .invalidUTF8)
        #expect(error.byteOffset == 12)
        #expect(error.message.contains("0xD0"))

        let cases: [[UInt8]] = [
            [0xC0, 0x80],  // overlong NUL
            [0xE0, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80],  // encoded surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xFF],
            [0x80],  // stray continuation
        ]
        for sequence in cases {
            let bad = failure([0x22] + sequence + [0x22])
            #expect(bad?.kind == .invalidUTF8, "\(sequence)")
            #expect(bad?.byteOffset == 1, "\(sequence)")
        }
        // Non-ASCII outside a string is a syntax error, not a crash.
        #expect(failure([0x5B, 0xD0, 0x9F, 0x5D])?.kind == .unexpectedCharacter)
    }

    /// Cyrillic text is scanned eight bytes at a time; a bad byte (or an escape, a control or the closing quote)
    /// at any place inside or around such a word is still found where it is, with the byte-by-byte message.
    @Test func badBytesInsideCyrillicWordsKeepTheirPositions() throws {
        let cyrillic = Array("колонна техники в Мозыре ".utf8)
        let intruders: [(bytes: [UInt8], kind: JSONError.Kind)] = [
            ([0xC0, 0x80], .invalidUTF8),  // overlong lead among two-byte sequences
            ([0xC1, 0xBF], .invalidUTF8),
            ([0x80], .invalidUTF8),  // stray continuation
            ([0xD0], .invalidUTF8),  // lead without its continuation (an ASCII byte follows)
            ([0xED, 0xA0, 0x80], .invalidUTF8),  // encoded surrogate
            ([0x01], .controlCharacter),
            ([0x0A], .controlCharacter),
        ]
        for (intruder, kind) in intruders {
            for prefixLength in 0..<20 {
                var bytes: [UInt8] = [0x5B, 0x22]
                // A prefix that ends on a character boundary: whole two-byte letters and spaces.
                var prefix = Array(cyrillic.prefix(prefixLength))
                while let last = prefix.last, last >= 0xC0 { prefix.removeLast() }
                bytes += prefix
                let offset = bytes.count
                bytes += intruder + Array("x".utf8) + cyrillic + [0x22, 0x5D]
                let error = try #require(failure(bytes), "\(intruder) after \(prefix.count) bytes")
                #expect(error.kind == kind, "\(intruder) after \(prefix.count) bytes")
                #expect(error.byteOffset == offset, "\(intruder) after \(prefix.count) bytes")
            }
        }
        // A lead byte cut off by the closing quote, at every alignment.
        for prefixLength in 0..<20 {
            var prefix = Array(cyrillic.prefix(prefixLength))
            while let last = prefix.last, last >= 0xC0 { prefix.removeLast() }
            let bytes: [UInt8] = [0x22] + prefix + [0xD0, 0x22]
            let error = try #require(failure(bytes))
            #expect(error.kind == .invalidUTF8)
            #expect(error.byteOffset == 1 + prefix.count)
        }
    }

    @Test func cyrillicEmojiAndEscapesAtEveryAlignmentDecode() throws {
        let text = "Ваенная тэхніка ⚠️ 🚁 каля Мазыра: \"14\" адзінак\n"
        for padding in 0..<16 {
            let value = String(repeating: "a", count: padding) + text
            let literal = JSONEscaping.quoted(value)
            let document = try parse("{\"text\": \(literal), \"next\": 1}")
            #expect(document.root["text"]?.string == value)
            #expect(document.root["next"]?.int64 == 1)
        }
    }

    @Test func enforcesTheDepthLimitWithoutRecursingForever() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = failure(deep)
        #expect(error?.kind == .tooDeep)
        #expect(error?.byteOffset == JSONDocument.defaultMaxDepth)
        #expect(failure(Array("[[[1]]]".utf8), maxDepth: 2)?.kind == .tooDeep)
        #expect(failure(Array("[[1]]".utf8), maxDepth: 2) == nil)
    }

    @Test func parsePrefixKeepsCompletedValues() throws {
        let text = #"{"ok": true, "result": [{"update_id": 1, "x": [1]}, {"update_id": 2}, {"update_id": 3, "te"#
        let (document, error) = JSONDocument.parsePrefix(Array(text.utf8))
        #expect(error?.kind == .unexpectedEnd)
        let root = try #require(document?.root)
        #expect(root.isComplete == false)
        #expect(root["ok"]?.bool == true)
        let result = try #require(root["result"])
        #expect(result.isComplete == false)
        #expect(result.elements.map { $0["update_id"]?.int64 } == [1, 2, 3])
        #expect(result.elements.map(\.isComplete) == [true, true, false])

        let (nothing, emptyError) = JSONDocument.parsePrefix([])
        #expect(nothing == nil)
        #expect(emptyError?.kind == .emptyInput)
    }

    @Test func parsesASubrangeWithAbsoluteOffsets() throws {
        let bytes = Array("{\"a\":1}\n{\"b\": ?}\n".utf8)
        let first = try JSONDocument.parse(bytes, in: 0..<7)
        #expect(first.root["a"]?.int64 == 1)
        do {
            _ = try JSONDocument.parse(bytes, in: 8..<17, firstLine: 2)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.byteOffset == 14)
            #expect(error.column == 7)
        }
    }

    @Test func nodesKnowTheirPositions() throws {
        let document = try parse("[\n  {\"a\": \"x\"},\n  7\n]")
        let object = try #require(document.root[0])
        #expect(object.byteOffset == 4)
        #expect(object.line == 2)
        #expect(object["a"]?.byteOffset == 10)
        #expect(document.root[1]?.line == 3)
        #expect(object.rawText == #"{"a": "x"}"#)
        #expect(object["a"]?.encodedLength == 1)
    }

    @Test func valueTreeRoundTrips() throws {
        let text = #"{"a":[1,2.5,"x\n",null,true],"b":{"c":false}}"#
        let value = try JSONValue(parsing: text)
        #expect(value["a"]?[0] == .int(1))
        #expect(value["a"]?[1]?.doubleValue == 2.5)
        #expect(value["a"]?[2]?.stringValue == "x\n")
        #expect(value["b"]?["c"]?.boolValue == false)
        #expect(value.jsonText == text)
        #expect(try JSONValue(parsing: value.jsonText) == value)
    }
}
