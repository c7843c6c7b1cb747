/// Encodes events as one line of JSON each (event schema v1, `docs/events.md`), keys in a fixed order.
///
/// Hand-written rather than `JSONEncoder` because it runs once per post on the hot path and its output is a
/// stable contract: the same event always encodes to the same bytes.
public enum EventEncoder {
    /// The event as one JSON object, without a trailing newline.
    public static func encode(_ event: Event) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLengthBound(event))
        encode(event, into: &out)
        return out
    }

    public static func encode(_ event: Event, into out: inout [UInt8]) {
        let bound = encodedLengthBound(event)
        let start = out.count
        // Sized once, then written through a pointer; the zeros cost less than a check on every small append.
        out.append(contentsOf: repeatElement(0, count: bound))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            encode(event, to: buffer.baseAddress! + start)
        }
        out.removeLast(bound - written)
    }

    /// An upper bound of the bytes `encode(_:to:)` writes for `event`.
    public static func encodedLengthBound(_ event: Event) -> Int {
        // The keys, punctuation, literals, ids, numbers and dates: under 700 bytes; strings are counted below.
        var bound = 1024 + stringsBound(event.report) + stringsBound(event.classification)
        for name in event.alerts { bound += JSONByteWriter.stringBound(name) + 1 }
        return bound
    }

    // The parts are borrowed rather than bound to locals: `let report = event.report` retained and released
    // every string of the report for each event.
    private static func stringsBound(_ report: borrowing Report) -> Int {
        var bound = 0
        bound += JSONByteWriter.stringBound(report.feed) + JSONByteWriter.stringBound(report.chat)
        bound += report.url.map(JSONByteWriter.stringBound) ?? 0
        bound += report.author.map(JSONByteWriter.stringBound) ?? 0
        if let origin = report.forwardOrigin {
            bound += origin.chat.map(JSONByteWriter.stringBound) ?? 0
            bound += origin.senderName.map(JSONByteWriter.stringBound) ?? 0
        }
        bound += JSONByteWriter.stringBound(report.text)
        return bound
    }

    private static func stringsBound(_ classification: borrowing Classification) -> Int {
        var bound = classification.location.map(placeBound) ?? 0
        for place in classification.entities.places { bound += placeBound(place) + 1 }
        for item in classification.entities.equipment { bound += JSONByteWriter.stringBound(item) + 1 }
        bound += classification.entities.counts.count * (JSONByteWriter.integerBound + 1)
        bound += classification.entities.direction.map(placeBound) ?? 0
        for term in classification.matchedTerms { bound += JSONByteWriter.stringBound(term) + 1 }
        return bound
    }

    private static func placeBound(_ mention: PlaceMention) -> Int {
        // Region and kind are short enum names; the keys and braces about 40 bytes.
        128 + JSONByteWriter.stringBound(mention.id) + JSONByteWriter.stringBound(mention.name)
    }

    /// Writes the event as one JSON object (no newline) to `destination`, which must have room for
    /// `encodedLengthBound(event)` bytes; returns the number of bytes written.
    public static func encode(_ event: Event, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        var out = JSONByteWriter(destination)
        write(event, &out)
        return out.position - destination
    }

    private static func write(_ event: Event, _ out: inout JSONByteWriter) {
        out.raw(#"{"id":""#)
        out.hex16(event.id.rawValue)
        out.raw(#"","seq":"#)
        out.integer(event.seq)
        write(event.report, receivedAt: event.receivedAt, &out)
        write(event.classification, &out)
        write(event.dedup, event.fingerprint, &out)
        out.raw(#","alerts":["#)
        for (index, name) in event.alerts.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(name)
        }
        out.raw(#"],"v":1}"#)
    }

    /// From `"feed"` to `"text"`.
    private static func write(_ report: borrowing Report, receivedAt: Timestamp, _ out: inout JSONByteWriter) {
        out.raw(#","feed":"#)
        out.string(report.feed)
        out.raw(#","source":{"chat":"#)
        out.string(report.chat)
        out.raw(#","message_id":"#)
        if let id = report.messageID { out.integer(id) } else { out.raw("null") }
        out.raw(#","url":"#)
        optionalString(report.url, &out)
        out.raw(#","author":"#)
        optionalString(report.author, &out)
        out.raw(#"},"posted_at":"#)
        timestamp(report.postedAt, &out)
        out.raw(#","edited_at":"#)
        if let editedAt = report.editedAt { timestamp(editedAt, &out) } else { out.raw("null") }
        out.raw(#","received_at":"#)
        timestamp(receivedAt, &out)
        out.raw(#","forward":"#)
        if let origin = report.forwardOrigin {
            out.raw(#"{"chat":"#)
            optionalString(origin.chat, &out)
            out.raw(#","message_id":"#)
            if let id = origin.messageID { out.integer(id) } else { out.raw("null") }
            out.raw(#","sender":"#)
            optionalString(origin.senderName, &out)
            out.byte(UInt8(ascii: "}"))
        } else {
            out.raw("null")
        }
        out.raw(#","text":"#)
        out.string(report.text)
    }

    /// From `"lang"` to `"classification"`.
    private static func write(_ classification: borrowing Classification, _ out: inout JSONByteWriter) {
        out.raw(#","lang":"#)
        out.raw(jsonLiteral(classification.language))
        out.raw(#","category":"#)
        out.raw(jsonLiteral(classification.category))
        out.raw(#","severity":"#)
        out.raw(jsonLiteral(classification.severity))
        out.raw(#","location":"#)
        if let location = classification.location { place(location, &out) } else { out.raw("null") }
        out.raw(#","entities":{"places":["#)
        for (index, mention) in classification.entities.places.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            place(mention, &out)
        }
        out.raw(#"],"equipment":["#)
        for (index, item) in classification.entities.equipment.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(item)
        }
        out.raw(#"],"counts":["#)
        for (index, count) in classification.entities.counts.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.integer(Int64(count))
        }
        out.raw(#"],"direction":"#)
        if let direction = classification.entities.direction { place(direction, &out) } else { out.raw("null") }
        out.raw(#"},"classification":{"score":"#)
        number(classification.score, &out)
        out.raw(#","terms":["#)
        for (index, term) in classification.matchedTerms.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(term)
        }
        out.raw(#"],"runner_up":"#)
        if let runnerUp = classification.runnerUp { out.raw(jsonLiteral(runnerUp)) } else { out.raw("null") }
        out.raw(#","runner_up_score":"#)
        number(classification.runnerUpScore, &out)
        out.byte(UInt8(ascii: "}"))
    }

    /// `"dedup"` and `"fingerprint"`.
    private static func write(_ dedup: DedupVerdict, _ fingerprint: Fingerprint, _ out: inout JSONByteWriter) {
        out.raw(#","dedup":{"status":"#)
        out.raw(jsonLiteral(dedup.status))
        out.raw(#","of":"#)
        if let of = dedup.of {
            out.byte(UInt8(ascii: "\""))
            out.hex16(of.rawValue)
            out.byte(UInt8(ascii: "\""))
        } else {
            out.raw("null")
        }
        out.raw(#","distance":"#)
        if let distance = dedup.distance { out.integer(Int64(distance)) } else { out.raw("null") }
        out.raw(#","sources":"#)
        out.integer(Int64(dedup.sources))
        out.raw(#"},"fingerprint":{"exact":""#)
        out.hex16(fingerprint.exact)
        out.raw(#"","simhash":""#)
        out.hex16(fingerprint.simhash)
        out.raw(#""}"#)
    }

    /// `"` + `Timestamp.rfc3339` + `"`; years 0 to 9999 (all real ones) are written in place.
    private static func timestamp(_ time: Timestamp, _ out: inout JSONByteWriter) {
        let seconds = time.millisecondsSince1970.floorDivided(by: 1000)
        let millis = Int(time.millisecondsSince1970 - seconds * 1000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        guard year >= 0 && year <= 9999 else {
            out.string(time.rfc3339)
            return
        }
        out.byte(UInt8(ascii: "\""))
        out.digits(Int(year), width: 4)
        out.byte(UInt8(ascii: "-"))
        out.digits(month, width: 2)
        out.byte(UInt8(ascii: "-"))
        out.digits(day, width: 2)
        out.byte(UInt8(ascii: "T"))
        out.digits(secondOfDay / 3600, width: 2)
        out.byte(UInt8(ascii: ":"))
        out.digits(secondOfDay / 60 % 60, width: 2)
        out.byte(UInt8(ascii: ":"))
        out.digits(secondOfDay % 60, width: 2)
        if millis != 0 {
            out.byte(UInt8(ascii: "."))
            out.digits(millis, width: 3)
        }
        out.byte(UInt8(ascii: "Z"))
        out.byte(UInt8(ascii: "\""))
    }

    private static func optionalString(_ value: String?, _ out: inout JSONByteWriter) {
        if let value { out.string(value) } else { out.raw("null") }
    }

    private static func place(_ mention: PlaceMention, _ out: inout JSONByteWriter) {
        out.raw(#"{"id":"#)
        out.string(mention.id)
        out.raw(#","name":"#)
        out.string(mention.name)
        out.raw(#","region":"#)
        out.raw(jsonLiteral(mention.region))
        out.raw(#","kind":"#)
        out.raw(jsonLiteral(mention.kind))
        out.byte(UInt8(ascii: "}"))
    }

    /// A finite number with at most three decimals (scores are rounded, not reported to the last bit).
    private static func number(_ value: Double, _ out: inout JSONByteWriter) {
        guard value.isFinite else {
            out.byte(UInt8(ascii: "0"))
            return
        }
        let thousandths = Int64((value * 1000).rounded())
        if thousandths < 0 { out.byte(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        out.integer(Int64(magnitude / 1000))
        var fraction = Int(magnitude % 1000)
        if fraction != 0 {
            var width = 3
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            out.byte(UInt8(ascii: "."))
            out.digits(fraction, width: width)
        }
    }
}

// The enums' raw values as JSON literals, quotes included: copied as they are rather than escaped byte by byte,
// a dozen times an event. `EventEncoderTests` holds each to `JSONEscaping.quoted(rawValue)`.
extension EventEncoder {
    static func jsonLiteral(_ language: Language) -> StaticString {
        switch language {
        case .ru: return #""ru""#
        case .be: return #""be""#
        case .uk: return #""uk""#
        case .en: return #""en""#
        case .undetermined: return #""und""#
        }
    }

    static func jsonLiteral(_ category: Category) -> StaticString {
        switch category {
        case .troopMovement: return #""troop_movement""#
        case .aviation: return #""aviation""#
        case .missileLaunch: return #""missile_launch""#
        case .railSabotage: return #""rail_sabotage""#
        case .cyberAttack: return #""cyber_attack""#
        case .arrest: return #""arrest""#
        case .mobilization: return #""mobilization""#
        case .exercise: return #""exercise""#
        case .protest: return #""protest""#
        case .other: return #""other""#
        }
    }

    static func jsonLiteral(_ severity: Severity) -> StaticString {
        switch severity {
        case .info: return #""info""#
        case .low: return #""low""#
        case .medium: return #""medium""#
        case .high: return #""high""#
        case .critical: return #""critical""#
        }
    }

    static func jsonLiteral(_ region: Region) -> StaticString {
        switch region {
        case .brest: return #""brest""#
        case .homiel: return #""homiel""#
        case .hrodna: return #""hrodna""#
        case .mahiliou: return #""mahiliou""#
        case .minsk: return #""minsk""#
        case .minskCity: return #""minsk-city""#
        case .vitsebsk: return #""vitsebsk""#
        }
    }

    static func jsonLiteral(_ kind: PlaceKind) -> StaticString {
        switch kind {
        case .city: return #""city""#
        case .town: return #""town""#
        case .village: return #""village""#
        case .airfield: return #""airfield""#
        case .station: return #""station""#
        case .region: return #""region""#
        case .other: return #""other""#
        }
    }

    static func jsonLiteral(_ status: DedupStatus) -> StaticString {
        switch status {
        case .new: return #""new""#
        case .exact: return #""exact""#
        case .near: return #""near""#
        case .edit: return #""edit""#
        }
    }
}
