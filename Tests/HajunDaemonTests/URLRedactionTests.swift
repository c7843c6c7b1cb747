import HajunHTTP
import Testing

@Suite struct URLRedactionTests {
    @Test(arguments: [
        (
            "https://api.telegram.org/bot123456:AAE-secret_Token/getUpdates?timeout=30",
            "https://api.telegram.org/bot<redacted>/getUpdates?timeout=30"
        ),
        ("http://user:pw@example.org/feed.xml", "http://<redacted>@example.org/feed.xml"),
        (
            "https://rsshub.example/telegram/channel/hajun?key=abc&limit=5",
            "https://rsshub.example/telegram/channel/hajun?key=<redacted>&limit=5"
        ),
        ("https://example.org/rss", "https://example.org/rss"),
    ])
    func redacts(url: String, expected: String) {
        #expect(URLRedaction.redact(url) == expected)
    }

    @Test func redactsTokensInFreeText() {
        let text = "Could not resolve host for https://api.telegram.org/bot98765:XyZ_123-abc/getMe"
        #expect(!URLRedaction.redactBotTokens(text).contains("XyZ_123-abc"))
        #expect(URLRedaction.redactBotTokens("a robot said: bot") == "a robot said: bot")
    }
}
