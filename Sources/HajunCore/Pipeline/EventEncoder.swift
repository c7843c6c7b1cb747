/// Encodes events as one line of JSON each (event schema v1, `docs/events.md`), keys in a fixed order.
///
/// Hand-written rather than `JSONEncoder` because it runs once per post on the hot path and its output is a
/// stable contract: the same event always encodes to the same bytes.
public enum EventEncoder {
    /// The event as one JSON object, without a trailing newline.
    public static func encode(_ event: Event) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + event.report.text.utf8.count * 2)
        encode(event, into: &out)
        return out
    }

    public static func encode(_ event: Event, into out: inout [UInt8]) {
        let report = event.report
        let classification = event.classification
        out.append(contentsOf: #"{"id":""#.utf8)
        out.append(contentsOf: event.id.description.utf8)
        out.append(contentsOf: #"","seq":"#.utf8)
        out.append(contentsOf: String(event.seq).utf8)
        key("feed", &out)
        string(report.feed, &out)
        out.append(contentsOf: #","source":{"chat":"#.utf8)
        string(report.chat, &out)
        key("message_id", &out)
        if let id = report.messageID { out.append(contentsOf: String(id).utf8) } else { null(&out) }
        key("url", &out)
        optionalString(report.url, &out)
        key("author", &out)
        optionalString(report.author, &out)
        out.append(UInt8(ascii: "}"))
        key("posted_at", &out)
        string(report.postedAt.rfc3339, &out)
        key("edited_at", &out)
        optionalString(report.editedAt?.rfc3339, &out)
        key("received_at", &out)
        string(event.receivedAt.rfc3339, &out)
        key("forward", &out)
        if let origin = report.forwardOrigin {
            out.append(contentsOf: #"{"chat":"#.utf8)
            optionalString(origin.chat, &out)
            key("message_id", &out)
            if let id = origin.messageID { out.append(contentsOf: String(id).utf8) } else { null(&out) }
            key("sender", &out)
            optionalString(origin.senderName, &out)
            out.append(UInt8(ascii: "}"))
        } else {
            null(&out)
        }
        key("text", &out)
        string(report.text, &out)
        key("lang", &out)
        string(classification.language.rawValue, &out)
        key("category", &out)
        string(classification.category.rawValue, &out)
        key("severity", &out)
        string(classification.severity.rawValue, &out)
        key("location", &out)
        if let location = classification.location { place(location, &out) } else { null(&out) }
        out.append(contentsOf: #","entities":{"places":["#.utf8)
        for (index, mention) in classification.entities.places.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            place(mention, &out)
        }
        out.append(contentsOf: #"],"equipment":["#.utf8)
        for (index, item) in classification.entities.equipment.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(item, &out)
        }
        out.append(contentsOf: #"],"counts":["#.utf8)
        for (index, count) in classification.entities.counts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: String(count).utf8)
        }
        out.append(contentsOf: #"],"direction":"#.utf8)
        if let direction = classification.entities.direction { place(direction, &out) } else { null(&out) }
        out.append(contentsOf: #"},"classification":{"score":"#.utf8)
        number(classification.score, &out)
        key("terms", &out)
        out.append(UInt8(ascii: "["))
        for (index, term) in classification.matchedTerms.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(term, &out)
        }
        out.append(UInt8(ascii: "]"))
        key("runner_up", &out)
        optionalString(classification.runnerUp?.rawValue, &out)
        key("runner_up_score", &out)
        number(classification.runnerUpScore, &out)
        out.append(contentsOf: #"},"dedup":{"status":"#.utf8)
        string(event.dedup.status.rawValue, &out)
        key("of", &out)
        optionalString(event.dedup.of?.description, &out)
        key("distance", &out)
        if let distance = event.dedup.distance { out.append(contentsOf: String(distance).utf8) } else { null(&out) }
        key("sources", &out)
        out.append(contentsOf: String(event.dedup.sources).utf8)
        out.append(contentsOf: #"},"fingerprint":{"exact":""#.utf8)
        out.append(contentsOf: event.fingerprint.exact.hex16.utf8)
        out.append(contentsOf: #"","simhash":""#.utf8)
        out.append(contentsOf: event.fingerprint.simhash.hex16.utf8)
        out.append(contentsOf: #""},"alerts":["#.utf8)
        for (index, name) in event.alerts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(name, &out)
        }
        out.append(contentsOf: #"],"v":1}"#.utf8)
    }

    @inline(__always)
    private static func key(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: #",""#.utf8)
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(contentsOf: #"":"#.utf8)
    }

    @inline(__always)
    private static func null(_ out: inout [UInt8]) {
        out.append(contentsOf: "null".utf8)
    }

    @inline(__always)
    private static func string(_ value: String, _ out: inout [UInt8]) {
        JSONEscaping.append(value, to: &out)
    }

    private static func optionalString(_ value: String?, _ out: inout [UInt8]) {
        if let value { string(value, &out) } else { null(&out) }
    }

    private static func place(_ mention: PlaceMention, _ out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        string(mention.id, &out)
        key("name", &out)
        string(mention.name, &out)
        key("region", &out)
        string(mention.region.rawValue, &out)
        key("kind", &out)
        string(mention.kind.rawValue, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A finite number with at most three decimals (scores are rounded, not reported to the last bit).
    private static func number(_ value: Double, _ out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(UInt8(ascii: "0"))
            return
        }
        let thousandths = Int64((value * 1000).rounded())
        if thousandths < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        out.append(contentsOf: String(magnitude / 1000).utf8)
        let fraction = magnitude % 1000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits.utf8)
        }
    }
}
