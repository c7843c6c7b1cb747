import Foundation
import Testing

@testable import HajunCore

@Suite("Format detection")
struct FormatDetectorTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func detect(_ text: String) -> FeedFormat? {
        FormatDetector.detect(Array(text.utf8))
    }

    @Test func recognisesEachFormatFromItsContent() {
        #expect(detect(#"{"ok":true,"result":[]}"#) == .telegramBotAPI)
        #expect(detect(#"  {"result":[{"update_id":1}]}"#) == .telegramBotAPI)
        #expect(detect(#"{"update_id":5,"message":{"text":"x"}}"#) == .telegramBotAPI)
        #expect(detect(#"{"ok":false,"error_code":401,"description":"Unauthorized"}"#) == .telegramBotAPI)
        #expect(detect(#"[{"update_id":1}]"#) == .telegramBotAPI)
        #expect(detect("[ ]") == .telegramBotAPI)
        #expect(detect(#"{"name":"Hajun","type":"public_channel","id":1,"messages":[]}"#) == .telegramExport)
        #expect(detect(#"{"name":"x\"y","about":{"nested":[1,{"a":"}"}]},"messages":[]}"#) == .telegramExport)
        #expect(detect(#"{"chat":"a","date":1,"text":"t"}"#) == .jsonl)
        #expect(detect("{\"source\":1}\n{\"source\":2}\n") == .jsonl)
        #expect(detect("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>") == .rss)
        #expect(detect("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>") == .rss)
        #expect(detect("<!DOCTYPE rss>\n<rss/>") == .rss)
        #expect(detect("<rdf:RDF></rdf:RDF>") == .rss)
        #expect(FormatDetector.detect([0xEF, 0xBB, 0xBF] + Array("\n<rss/>".utf8)) == .rss)
    }

    @Test func detectsTheBundledFeeds() throws {
        let expected: [(String, FeedFormat)] = [
            ("feeds/hajun-bot-api.json", .telegramBotAPI),
            ("feeds/hajun-export/result.json", .telegramExport),
            ("feeds/hajun-rss.xml", .rss),
            ("feeds/hajun-atom.xml", .rss),
            ("feeds/hajun-reports.jsonl", .jsonl),
        ]
        for (path, format) in expected {
            let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(path)))
            #expect(FormatDetector.detect(bytes) == format, "\(path)")
        }
    }

    @Test func explainsWhatItCannotDetect() {
        let cases: [(String, String)] = [
            ("", "the input is empty"),
            ("hello", "the input starts with 'h': it is neither JSON ('{' or '[') nor XML ('<')"),
            ("<html><body/></html>", "an XML document whose root element is <html>, not <rss> or <feed>"),
            ("[1,2]", "a JSON array that does not hold Bot API updates (no \"update_id\")"),
            (#"{"foo":1,"bar":[2]}"#, "a JSON object with keys \"foo\", \"bar\": not a Bot API response"),
            (#"{"foo": }"#, "malformed JSON: expected a JSON value, found '}'"),
            (#"{"foo": 1"#, "malformed JSON: unexpected end of input"),
        ]
        for (text, message) in cases {
            guard case .failure(let failure) = FormatDetector.detectOrExplain(Array(text.utf8)) else {
                Issue.record("detected a format in \(text)")
                continue
            }
            #expect(failure.message.hasPrefix(message), "\(text): \(failure.message)")
        }
    }

    @Test func autoDetectionThroughTheEntryPoint() {
        let result = FeedParser.parse(
            Array(#"{"chat":"a","date":"2022-01-01T00:00:00Z","text":"t"}"#.utf8), format: .auto, feed: "f", origin: "o"
        )
        #expect(result.format == .jsonl)
        #expect(result.reports.count == 1)

        let unknown = FeedParser.parse(Array("PK\u{3}\u{4}binary".utf8), format: .auto, feed: "f", origin: "x.zip")
        #expect(unknown.format == .auto)
        #expect(unknown.reports.isEmpty)
        #expect(
            unknown.problems.map(\.description) == [
                "feed 'f': x.zip: line 1, byte 0: cannot detect the feed format: the input starts with 'P': it is "
                    + "neither JSON ('{' or '[') nor XML ('<')"
            ])
    }
}
