import HajunCore
import Testing

@Suite struct TimestampTests {
    @Test func formatsRFC3339InUTC() {
        #expect(Timestamp(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(secondsSince1970: 1_645_674_060).rfc3339 == "2022-02-24T03:41:00Z")
        #expect(Timestamp(millisecondsSince1970: 1_645_674_060_007).rfc3339 == "2022-02-24T03:41:00.007Z")
        #expect(Timestamp(secondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59Z")
        #expect(Timestamp(secondsSince1970: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
    }

    @Test(arguments: [
        ("2022-02-24T03:41:00Z", Int64(1_645_674_060_000)),
        ("2022-02-24T06:41:00+03:00", 1_645_674_060_000),
        ("2022-02-24 03:41:00", 1_645_674_060_000),
        ("2022-02-24T03:41:00.250Z", 1_645_674_060_250),
        ("2022-02-24", 1_645_660_800_000),
        ("Thu, 24 Feb 2022 03:41:00 GMT", 1_645_674_060_000),
        ("Thu, 24 Feb 2022 06:41:00 +0300", 1_645_674_060_000),
    ])
    func parsesFeedDates(text: String, expected: Int64) {
        #expect(Timestamp(parsing: text)?.millisecondsSince1970 == expected)
    }

    @Test(arguments: ["", "yesterday", "2022-13-01T00:00:00Z", "2022-02-24T03:41:00Zjunk", "2022-02-24T25:00:00Z"])
    func rejectsGarbage(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        for seconds in stride(from: Int64(-5_000_000_000), to: 5_000_000_000, by: 86_399_917) {
            let stamp = Timestamp(secondsSince1970: seconds)
            #expect(Timestamp(parsing: stamp.rfc3339) == stamp)
        }
    }
}
