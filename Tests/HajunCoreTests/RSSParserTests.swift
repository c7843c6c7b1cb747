import Foundation
import Testing

@testable import HajunCore

@Suite("RSS and Atom parser")
struct RSSParserTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func fixture(_ name: String) throws -> FeedParseResult {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Tests/Fixtures/formats/\(name)")))
        return FeedParser.parse(bytes, format: .rss, feed: "rsshub", origin: name)
    }

    private func parse(_ text: String) -> FeedParseResult {
        FeedParser.parse(Array(text.utf8), format: .rss, feed: "rsshub", origin: "inline.xml")
    }

    @Test func readsAnRSSHubChannelFeed() throws {
        let result = try fixture("rsshub-channel.xml")
        #expect(result.format == .rss)
        #expect(result.reports.map(\.messageID) == [3901, 2210, 2211, nil, 2303])

        let first = result.reports[0]
        #expect(first.chat == "hajun_test")
        #expect(first.url == "https://t.me/hajun_test/3901")
        #expect(first.postedAt == Timestamp(parsing: "2022-12-29T07:12:00Z"))
        #expect(first.author == "Адмін")
        #expect(
            first.text
                == "Мачулішчы, 10:12.\nУзляцеў МіГ-31К — носьбіт «Кінжала».\nПаветраная трывога па ўсёй Украіне.\n\n"
                + "5 < 6 & 7 > 3 #авіяцыя")
        #expect(first.position.line == 14)
    }

    @Test func decodesEntitiesAtBothLevels() throws {
        let result = try fixture("rsshub-channel.xml")
        let escaped = result.reports[1]
        // XML entities give HTML; its own entities (`&amp;amp;` → `&amp;` → `&`) are decoded by the HTML step.
        #expect(escaped.text == "Барановичи: 4 Су-30СМ & А-50 — фото\nКА🚀 café")
        #expect(escaped.postedAt == Timestamp(parsing: "2022-02-27T09:20:00Z"))
        #expect(escaped.url == "https://t.me/hajun_test/2210")  // from a t.me/s/ link with a query
    }

    @Test func fallsBackToTitleAndToContentEncoded() throws {
        let result = try fixture("rsshub-channel.xml")
        #expect(result.reports[2].text == "Title only, description empty")
        #expect(result.reports[2].url == "https://t.me/hajun_test/2211")  // the guid when there is no link
        let encoded = result.reports[3]
        #expect(encoded.text == "Full text: колонна из 12 КамАЗов")
        #expect(encoded.url == "https://example.org/news/123")
        #expect(encoded.chat == "hajun_test")  // not a t.me link: the channel's chat
        #expect(encoded.postedAt == Timestamp(parsing: "2022-03-01T05:00:00Z"))
        #expect(encoded.author == "reporter@example.org (Reporter)")
    }

    @Test func itemsWithoutUsableDatesAreProblems() throws {
        let result = try fixture("rsshub-channel.xml")
        #expect(
            result.problems.map(\.message) == [
                "item at line 43 has no date (pubDate)",
                "item at line 48: cannot read the date \"yesterday, around noon\"",
            ])
        #expect(result.problems.map(\.position.line) == [43, 48])
        #expect(result.reports.last?.text == "Лунинец: Су-25 на аэродроме.")
    }

    @Test func readsAtomEntries() throws {
        let result = try fixture("atom-entries.xml")
        #expect(result.problems.isEmpty)
        #expect(result.reports.count == 6)
        let html = result.reports[0]
        #expect(html.chat == "air_test")
        #expect(html.messageID == 10)
        #expect(html.text == "Machulishchy: an A-50 damaged.\nUpdate: people detained.")
        #expect(html.postedAt == Timestamp(parsing: "2023-02-26T16:45:00Z"))
        #expect(html.editedAt == Timestamp(parsing: "2023-02-26T19:20:00Z"))
        #expect(html.author == "K.")

        #expect(result.reports[1].text == "Lida air base: six Su-25.\nTwo more on approach.")
        #expect(result.reports[1].editedAt == nil)  // updated == published
        #expect(result.reports[2].text == "Luninets: <b> stays literal in text content.")
        #expect(result.reports[2].postedAt == Timestamp(parsing: "2023-01-16T09:55:00Z"))  // updated only

        let summary = result.reports[3]
        #expect(summary.text == "MiG-31K landed.")
        #expect(summary.chat == "air_test")  // the feed's alternate link
        #expect(summary.messageID == nil)
        #expect(summary.url == nil)
        #expect(result.reports[4].text == "Title only")
        #expect(result.reports[5].editedAt == nil)
    }

    @Test func rss1AndPlainSitesAndBareFeeds() {
        let rdf = parse(
            """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel><title>News</title><link>https://news.example.org/by</link></channel>
              <item><title>Convoy near Lida</title><link>https://news.example.org/by/1</link>
                <dc:date>2022-10-15T14:20:00Z</dc:date></item>
            </rdf:RDF>
            """)
        #expect(rdf.problems.isEmpty)
        #expect(rdf.reports.first?.chat == "news.example.org")
        #expect(rdf.reports.first?.text == "Convoy near Lida")
        let bare = parse(
            "<rss><channel><item><title>t</title><pubDate>Sat, 15 Oct 2022 14:20:00 GMT</pubDate></item>"
                + "</channel></rss>")
        #expect(bare.reports.first?.chat == "rsshub")  // no link anywhere: the feed name
    }

    @Test func xmlSyntaxErrorsKeepTheItemsBefore() {
        let text = """
            <rss><channel>
            <item><title>one</title><pubDate>Sat, 15 Oct 2022 14:20:00 GMT</pubDate></item>
            <item><title>two</title><pubDate>Sat, 15 Oct 2022 14:21:00 GMT</pubDate></channel>
            <item><title>three</title></item>
            </rss>
            """
        let result = parse(text)
        #expect(result.reports.map(\.text) == ["one"])
        #expect(result.problems.count == 1)
        #expect(result.problems[0].position.line == 3)
        #expect(
            result.problems[0].message
                == "malformed XML: the end tag </channel> does not match <item> opened at line 3, byte 95")
    }

    @Test func xmlReaderRefusesWhatItCannotRead() {
        let cases: [(String, String)] = [
            ("<rss><channel></rss>", "does not match <channel>"),
            ("<rss></rss><rss/>", "a second root element <rss>"),
            ("<rss><item a=b/></rss>", "must be quoted"),
            ("<rss><item a=\"x<y\"/></rss>", "'<' in the value of a"),
            ("<rss>text</rss> trailing", "text outside the root element"),
            ("<rss><!-- unterminated", "comment that starts here is not closed"),
            ("<rss><![CDATA[ open", "CDATA section that starts here is not closed"),
            ("<rss><channel", "unexpected end of input in the start tag <channel>"),
            ("<rss></>", "expected a name after '</'"),
            ("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss/>", "declares encoding windows-1251"),
            ("<rss>", "<rss> opened at line 1, byte 0 is not closed"),
        ]
        for (text, expected) in cases {
            let result = parse(text)
            #expect(result.reports.isEmpty, "\(text)")
            #expect(result.problems.count == 1, "\(text)")
            #expect(result.problems.first?.message.contains(expected) == true, "\(text): \(result.problems)")
        }
    }

    @Test func notAFeed() {
        let result = parse("<html><body>502 Bad Gateway</body></html>")
        #expect(result.problems.map(\.message) == ["not an RSS or Atom feed: the root element is <html>"])
    }

    @Test func htmlToPlainText() {
        let cases: [(String, String)] = [
            ("<p>a</p><p>b</p>", "a\nb"),
            ("a<br>b<br/><br />c", "a\nb\n\nc"),
            ("a<br><br><br><br>b", "a\n\nb"),
            ("  lots   of\n\t space  ", "lots of space"),
            ("<ul><li>one</li><li>two</li></ul>", "one\ntwo"),
            ("x<script type='text/javascript'>if (a < b) {}</script>y", "xy"),
            ("<STYLE>p{}</STYLE>z", "z"),
            ("<!-- c -->v", "v"),
            ("<a href=\"x>y\">link</a>", "link"),
            ("1 < 2 and 3 <4", "1 < 2 and 3 <4"),
            ("&unknown; &amp &#xZZ; &#0;", "&unknown; &amp &#xZZ; &#0;"),
            ("a&nbsp;&nbsp;b&shy;c", "a bc"),
            ("&#1052;&#x456;&quot;&apos;&hellip;", "Мі\"'…"),
        ]
        for (html, expected) in cases {
            #expect(HTMLText.plainText(fromHTML: html) == expected, "\(html)")
        }
    }
}
