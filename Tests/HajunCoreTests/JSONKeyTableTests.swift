import Testing

@testable import HajunCore

@Suite("JSON key table")
struct JSONKeyTableTests {
    private let table = JSONKeyTable(["text", "date", "chat", "caption", "message_id", "forward_origin", "id"])

    private func matches(_ text: String) throws -> JSONKeyMatches {
        table.members(of: try JSONDocument.parse(Array(text.utf8)).root)
    }

    @Test func findsPresentKeysInOnePass() throws {
        let found = try matches(#"{"id": 1, "date": 2, "text": "t", "chat": {"id": 9}, "other": 0, "caption": null}"#)
        #expect(found[0]?.string == "t")
        #expect(found[1]?.int64 == 2)
        #expect(found[2]?["id"]?.int64 == 9)  // nested keys are not top-level matches
        #expect(found[3]?.isNull == true)
        #expect(found[4] == nil)
        #expect(found[5] == nil)
        #expect(found[6]?.int64 == 1)
    }

    @Test func firstOccurrenceWinsAsInLookups() throws {
        let text = #"{"date": 1, "date": 2}"#
        #expect(try matches(text)[1]?.int64 == 1)
        #expect(try JSONDocument.parse(Array(text.utf8)).root["date"]?.int64 == 1)
    }

    @Test func escapedKeysAndLookalikes() throws {
        let found = try matches(#"{"t\u0065xt": "escaped", "dat": 0, "dates": 0, "Date": 0, "message_idx": 0}"#)
        #expect(found[0]?.string == "escaped")
        #expect(found[1] == nil)
        #expect(found[4] == nil)
    }

    @Test func nonObjectsHaveNoMembers() throws {
        let found = try matches(#"["text", "date"]"#)
        #expect((0..<7).allSatisfy { found[$0] == nil })
    }

    @Test func isStringComparesRawBytes() throws {
        let root = try JSONDocument.parse(Array(#"["private", "privat", "priv\u0061te", 7]"#.utf8)).root
        #expect(root[0]?.isString("private") == true)
        #expect(root[1]?.isString("private") == false)
        #expect(root[2]?.isString("private") == true)  // escaped: compared after decoding
        #expect(root[3]?.isString("7") == false)
    }
}
