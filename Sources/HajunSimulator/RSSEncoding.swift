import HajunCore

/// Encodes a channel as an RSS 2.0 feed the way RSSHub's `/telegram/channel/:username` route does: newest item
/// first, HTML descriptions in CDATA, `guid` and `link` pointing at `t.me`.
public enum RSSEncoding {
    /// - Parameters:
    ///   - posts: the channel's posts, oldest first (as `ChannelArchive` keeps them).
    ///   - limit: keep only the newest posts (RSSHub shows a channel's last page).
    public static func feed(
        channel: SimulatedChannel, posts: [SimulatedPost], limit: Int? = nil, selfLink: String? = nil
    )
        -> [UInt8]
    {
        var items = posts.reversed()[...]
        if let limit { items = items.prefix(limit) }
        var xml = ""
        xml.reserveCapacity(1024 + items.count * 700)
        xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\" version=\"2.0\">\n  <channel>\n"
        xml += "    <title>" + cdata(channel.title + " - Telegram Channel") + "</title>\n"
        xml += "    <link>https://t.me/s/\(channel.username)</link>\n"
        let feedLink = selfLink ?? "http://localhost:1200/telegram/channel/\(channel.username)"
        xml += "    <atom:link href=\"\(escape(feedLink))\" rel=\"self\" type=\"application/rss+xml\"></atom:link>\n"
        xml +=
            "    <description>" + cdata(channel.title + " - Telegram Channel - Powered by RSSHub") + "</description>\n"
        xml += "    <generator>RSSHub</generator>\n"
        xml += "    <webMaster>contact@rsshub.app (RSSHub)</webMaster>\n"
        xml += "    <language>en</language>\n"
        if let newest = items.first {
            xml += "    <lastBuildDate>\(SimulatorDates.rfc822(newest.editDate ?? newest.date))</lastBuildDate>\n"
        }
        xml += "    <ttl>5</ttl>\n"
        for post in items {
            xml += "    <item>\n"
            xml += "      <title>" + cdata(title(post)) + "</title>\n"
            xml += "      <description>" + cdata(description(post)) + "</description>\n"
            xml += "      <pubDate>\(SimulatorDates.rfc822(post.date))</pubDate>\n"
            xml += "      <guid isPermaLink=\"false\">\(post.url)</guid>\n"
            xml += "      <link>\(post.url)</link>\n"
            if let author = post.authorSignature { xml += "      <author>" + cdata(author) + "</author>\n" }
            xml += "    </item>\n"
        }
        xml += "  </channel>\n</rss>\n"
        return Array(xml.utf8)
    }

    /// The first line, shortened as RSSHub does.
    private static func title(_ post: SimulatedPost) -> String {
        let firstLine = post.text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return firstLine.count > 100 ? String(firstLine.prefix(100)) + "…" : firstLine
    }

    private static func description(_ post: SimulatedPost) -> String {
        var html = ""
        if let origin = post.forwardOrigin {
            html += "<p>Forwarded From <b><a href=\"https://t.me/\(origin.chat.username)/\(origin.messageID)\">"
            html += escape(origin.chat.title) + "</a></b></p>"
        }
        if post.hasPhoto {
            html += "<img src=\"https://cdn4.telesco.pe/file/\(post.chat.username)_\(post.messageID).jpg\" "
            html += "referrerpolicy=\"no-referrer\">"
        }
        let units = Array(post.text.utf16)
        var body = ""
        var position = 0
        for entity in post.entities.sorted(by: { $0.offset < $1.offset }) where entity.offset >= position {
            body += escape(String(decoding: units[position..<entity.offset], as: UTF16.self))
            let end = min(units.count, entity.offset + entity.length)
            let part = escape(String(decoding: units[entity.offset..<end], as: UTF16.self))
            switch entity.type {
            case "bold": body += "<b>" + part + "</b>"
            case "hashtag": body += "<a href=\"?q=%23" + part.dropFirst() + "\">" + part + "</a>"
            case "mention": body += "<a href=\"https://t.me/" + part.dropFirst() + "\">" + part + "</a>"
            default: body += part
            }
            position = end
        }
        body += escape(String(decoding: units[position...], as: UTF16.self))
        html += body.replacingNewlines()
        if post.editDate != nil { html += "<p><i>edited</i></p>" }
        return html
    }

    private static func cdata(_ text: String) -> String {
        "<![CDATA["
            + text.split(separator: "]]>", omittingEmptySubsequences: false).joined(separator: "]]]]><![CDATA[>")
            + "]]>"
    }

    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.append(character)
            }
        }
        return output
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }
}
