import HajunCore

/// An event read back from the log, with enough of its report to judge the post again (dedup) and to know it was
/// taken (its post key): the feed, the source fields, the times and the text (event schema v1).
struct LoggedEvent {
    var seq: Int64
    var id: EventID
    var report: Report
    var receivedAt: Timestamp
    var dedupStatus: String?
    /// The classifier's facts as logged: dedup compares them, and reading them back spares classifying again.
    var entities: Entities
    /// The logged category, which dedup weighs with the facts.
    var category: HajunCore.Category?

    /// Decodes one complete event line; nil when a field the report needs is missing or malformed.
    init?(line: ArraySlice<UInt8>) {
        guard let document = try? JSONDocument.parse(Array(line)) else { return nil }
        let root = document.root
        guard let seq = root["seq"]?.int64, let id = root["id"]?.string.flatMap({ EventID($0) }),
            let feed = root["feed"]?.string, let source = root["source"],
            let chat = source["chat"]?.string, let text = root["text"]?.string,
            let postedAt = root["posted_at"]?.string.flatMap({ Timestamp(parsing: $0) }),
            let receivedAt = root["received_at"]?.string.flatMap({ Timestamp(parsing: $0) })
        else { return nil }
        var forward: ForwardOrigin?
        if let origin = root["forward"], !origin.isNull {
            forward = ForwardOrigin(
                chat: origin["chat"]?.string,
                messageID: origin["message_id"]?.int64,
                senderName: origin["sender"]?.string
            )
        }
        self.seq = seq
        self.id = id
        self.receivedAt = receivedAt
        dedupStatus = root["dedup"]?["status"]?.string
        category = root["category"]?.string.flatMap { HajunCore.Category(rawValue: $0) }
        let logged = root["entities"]
        entities = Entities(
            places: logged?["places"].map { $0.elements.compactMap(Self.place) } ?? [],
            equipment: logged?["equipment"].map { $0.elements.compactMap(\.string) } ?? [],
            counts: logged?["counts"].map { $0.elements.compactMap { $0.int64.map { Int($0) } } } ?? [],
            direction: logged?["direction"].flatMap(Self.place)
        )
        report = Report(
            feed: feed,
            chat: chat,
            messageID: source["message_id"]?.int64,
            url: source["url"]?.string,
            postedAt: postedAt,
            editedAt: root["edited_at"]?.string.flatMap { Timestamp(parsing: $0) },
            text: text,
            author: source["author"]?.string,
            forwardOrigin: forward
        )
    }

    private static func place(_ node: JSONNode) -> PlaceMention? {
        guard let id = node["id"]?.string, let name = node["name"]?.string,
            let region = node["region"]?.string.flatMap(Region.init(rawValue:)),
            let kind = node["kind"]?.string.flatMap(PlaceKind.init(rawValue:))
        else { return nil }
        return PlaceMention(id: id, name: name, region: region, kind: kind)
    }
}
