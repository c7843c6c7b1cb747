import Testing

@testable import HajunCore

/// The encoder writes numbers, hex ids and dates byte by byte; these hold them to the model's own spellings.
@Suite("Event encoder")
struct EventEncoderTests {
    private func event(
        seq: Int64, postedAt: Int64, receivedAt: Int64, score: Double, runnerUpScore: Double, counts: [Int]
    ) -> Event {
        let report = Report(
            feed: "bot", chat: "hajun_test", messageID: -42, url: nil,
            postedAt: Timestamp(millisecondsSince1970: postedAt),
            editedAt: Timestamp(millisecondsSince1970: postedAt + 1),
            text: "Колонна \"техники\"\n\tв Мозыре \\ 12 единиц \u{01}")
        let classification = Classification(
            category: .troopMovement, severity: .medium, language: .ru,
            entities: Entities(places: [], equipment: ["t-72"], counts: counts, direction: nil), score: score,
            matchedTerms: ["ru:колонна"], runnerUp: .aviation, runnerUpScore: runnerUpScore)
        return Event(
            id: EventID(rawValue: 0x00ab_cdef_0123_4567), seq: seq, report: report,
            receivedAt: Timestamp(millisecondsSince1970: receivedAt), classification: classification,
            dedup: DedupVerdict(status: .near, of: EventID(rawValue: 0xffff_0000_0000_000f), distance: 3, sources: 2),
            fingerprint: Fingerprint(exact: 0, simhash: UInt64.max))
    }

    @Test(arguments: [
        (Int64(1), Int64(1_645_675_200_000), Int64(1_645_675_200_123), 9.0, 0.0, [14]),
        (Int64(9_223_372_036_854_775_807), Int64(0), Int64(1_700_000_000_010), 2.5, 0.125, [0, 10_000]),
        (Int64(-7), Int64(-86_400_001), Int64(253_402_300_799_999), -0.25, 1.0005, []),
    ])
    func writesTheModelsOwnSpellings(
        seq: Int64, postedAt: Int64, receivedAt: Int64, score: Double, runnerUpScore: Double, counts: [Int]
    ) throws {
        let event = event(
            seq: seq, postedAt: postedAt, receivedAt: receivedAt, score: score, runnerUpScore: runnerUpScore,
            counts: counts)
        let json = try JSONValue(parsing: EventEncoder.encode(event))
        #expect(json["id"]?.stringValue == event.id.description)
        #expect(json["seq"]?.int64Value == seq)
        #expect(json["source"]?["message_id"]?.int64Value == -42)
        #expect(json["posted_at"]?.stringValue == event.report.postedAt.rfc3339)
        #expect(json["edited_at"]?.stringValue == event.report.editedAt?.rfc3339)
        #expect(json["received_at"]?.stringValue == event.receivedAt.rfc3339)
        #expect(json["text"]?.stringValue == event.report.text)
        #expect(json["entities"]?["counts"] == .array(counts.map { .int(Int64($0)) }))
        #expect(json["dedup"]?["of"]?.stringValue == "ffff00000000000f")
        #expect(json["dedup"]?["distance"]?.int64Value == 3)
        #expect(json["dedup"]?["sources"]?.int64Value == 2)
        #expect(json["fingerprint"]?["exact"]?.stringValue == "0000000000000000")
        #expect(json["fingerprint"]?["simhash"]?.stringValue == "ffffffffffffffff")
        let written = String(decoding: EventEncoder.encode(event), as: UTF8.self)
        #expect(written.contains(#""score":\#(threeDecimals(score)),"#))
        #expect(written.contains(#""runner_up_score":\#(threeDecimals(runnerUpScore))}"#))
    }

    /// The encoder writes through a pointer into room sized by `encodedLengthBound`; text that escapes to six
    /// times its length must still fit, and come back unchanged.
    @Test func boundCoversTextThatEscapesToSixTimesItsLength() throws {
        var event = event(seq: 1, postedAt: 0, receivedAt: 0, score: 1, runnerUpScore: 0, counts: [1, 2, 3])
        event.report.text = String(repeating: "\u{01}\u{1F}", count: 500) + String(repeating: "\"\\\n", count: 300)
        event.report.author = String(repeating: "\u{02}", count: 99)
        event.alerts = ["a\u{03}", "b"]
        let bytes = EventEncoder.encode(event)
        #expect(bytes.count <= EventEncoder.encodedLengthBound(event))
        let json = try JSONValue(parsing: bytes)
        #expect(json["text"]?.stringValue == event.report.text)
        #expect(json["source"]?["author"]?.stringValue == event.report.author)
        var appended = Array("prefix".utf8)
        EventEncoder.encode(event, into: &appended)
        #expect(appended == Array("prefix".utf8) + bytes)
    }

    /// The enums are written from literals rather than escaped from their raw values: each literal must be
    /// exactly what escaping the raw value gives.
    @Test func enumLiteralsAreTheQuotedRawValues() {
        expectQuotedRawValues(Language.self, EventEncoder.jsonLiteral)
        expectQuotedRawValues(Category.self, EventEncoder.jsonLiteral)
        expectQuotedRawValues(Severity.self, EventEncoder.jsonLiteral)
        expectQuotedRawValues(Region.self, EventEncoder.jsonLiteral)
        expectQuotedRawValues(PlaceKind.self, EventEncoder.jsonLiteral)
        expectQuotedRawValues(DedupStatus.self, EventEncoder.jsonLiteral)
    }

    private func expectQuotedRawValues<Value: CaseIterable & RawRepresentable>(
        _ type: Value.Type, _ literal: (Value) -> StaticString
    ) where Value.RawValue == String {
        for value in Value.allCases {
            #expect("\(literal(value))" == JSONEscaping.quoted(value.rawValue), "\(type).\(value)")
        }
    }

    /// At most three decimals, trailing zeros dropped: what the schema promises for scores.
    private func threeDecimals(_ value: Double) -> String {
        let thousandths = Int64((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = thousandths.magnitude
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
