/// Reads RSS 2.0 (and RSS 1.0 / RDF) and Atom feeds, RSSHub's Telegram channel feeds being the typical case.
///
/// Each item's chat and message id come from its link when that is a t.me post link
/// (`https://t.me/hajun/123`), else from the channel's t.me link, else the channel link's host, else the feed
/// name. The text is the HTML of `content:encoded` or `description` (Atom: `content`, else `summary`) made
/// plain, falling back to the title.
enum RSSParser {
    static func parse(_ context: inout FeedParseContext) {
        let (root, failure) = XMLReader.read(context.bytes)
        if let failure { context.problem(at: failure.offset, "malformed XML: \(failure.message)") }
        guard let root else { return }
        switch root.name {
        case "rss", "rdf:RDF":
            readRSS(root, &context)
        case "feed":
            readAtom(root, &context)
        default:
            context.problem(at: root.byteOffset, "not an RSS or Atom feed: the root element is <\(root.name)>")
        }
    }

    // MARK: - RSS

    private static func readRSS(_ root: XMLTreeElement, _ context: inout FeedParseContext) {
        let channel = root.child("channel")
        let channelChat = chat(ofFeedLink: channel?.childText("link"), feed: context.feed)
        // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it.
        let items = (channel?.children("item") ?? []) + root.children("item")
        for item in items {
            guard item.isClosed else { continue }  // cut off: the XML problem covers it
            let link = item.childText("link") ?? item.childText("guid").flatMap { $0.hasPrefix("http") ? $0 : nil }
            let html = item.childText("content:encoded") ?? item.childText("description")
            let text = html.map(HTMLText.plainText(fromHTML:)).flatMap(FeedText.nonBlank) ?? item.childText("title")
            let dateText = item.childText("pubDate") ?? item.childText("dc:date")
            report(
                item, link: link, text: text, dateText: dateText, updatedText: nil,
                author: item.childText("dc:creator") ?? item.childText("author"), channelChat: channelChat,
                label: "item", &context)
        }
    }

    // MARK: - Atom

    private static func readAtom(_ feed: XMLTreeElement, _ context: inout FeedParseContext) {
        let channelChat = chat(ofFeedLink: alternateLink(feed), feed: context.feed)
        for entry in feed.children("entry") {
            guard entry.isClosed else { continue }
            let link = alternateLink(entry) ?? entry.childText("id").flatMap { $0.hasPrefix("http") ? $0 : nil }
            let text =
                atomText(entry.child("content")) ?? atomText(entry.child("summary")) ?? atomText(entry.child("title"))
            let published = entry.childText("published")
            let updated = entry.childText("updated")
            report(
                entry, link: link, text: text, dateText: published ?? updated,
                updatedText: published == nil ? nil : updated, author: entry.child("author")?.childText("name"),
                channelChat: channelChat, label: "entry", &context)
        }
    }

    /// The `href` of the `rel="alternate"` link (or a link without `rel`).
    private static func alternateLink(_ element: XMLTreeElement) -> String? {
        let links = element.children("link")
        let chosen = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        return FeedText.nonBlank(chosen?.attribute("href")) ?? chosen?.childText("link")
    }

    /// Atom text constructs: `type="html"` is HTML, `xhtml` is inline markup, anything else is plain text.
    private static func atomText(_ element: XMLTreeElement?) -> String? {
        guard let element else { return nil }
        switch element.attribute("type") {
        case "html": return FeedText.nonBlank(HTMLText.plainText(fromHTML: element.text))
        case "xhtml": return FeedText.nonBlank(HTMLText.plainText(fromXHTML: element))
        default: return FeedText.nonBlank(element.text)
        }
    }

    // MARK: - Shared

    private static func report(
        _ element: XMLTreeElement, link: String?, text: String?, dateText: String?, updatedText: String?,
        author: String?, channelChat: String, label: String, _ context: inout FeedParseContext
    ) {
        guard let text else { return }  // nothing to judge
        let position = context.position(at: element.byteOffset)
        let name = "\(label) at line \(position.line ?? 0)"
        guard let dateText else {
            context.problem(at: position, "\(name) has no date (\(label == "item" ? "pubDate" : "published"))")
            return
        }
        guard let postedAt = Timestamp(parsing: dateText) else {
            context.problem(at: position, "\(name): cannot read the date \(JSONEscaping.quoted(dateText))")
            return
        }
        var editedAt = updatedText.flatMap { Timestamp(parsing: $0) }
        if let edited = editedAt, edited <= postedAt { editedAt = nil }
        let post = link.flatMap(TelegramNames.parseLink)
        let messageID = post?.messageID
        var url = link
        if let post, let messageID, post.chat.first?.isLetter == true {
            url = TelegramNames.postURL(username: post.chat, messageID: messageID)
        }
        let report = Report(
            feed: context.feed, chat: post?.chat ?? channelChat, messageID: messageID, url: url,
            postedAt: postedAt, editedAt: editedAt, text: text, author: author, position: position)
        context.accept(report, label: name)
    }

    /// The chat of a feed's items without a post link of their own.
    private static func chat(ofFeedLink link: String?, feed: String) -> String {
        guard let link else { return feed }
        return TelegramNames.parseLink(link)?.chat ?? TelegramNames.host(of: link) ?? feed
    }
}
