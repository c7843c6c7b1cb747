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
        raw(#"{"id":""#, &out)
        hex(event.id.rawValue, &out)
        raw(#"","seq":"#, &out)
        integer(event.seq, &out)
        key("feed", &out)
        string(report.feed, &out)
        raw(#","source":{"chat":"#, &out)
        string(report.chat, &out)
        key("message_id", &out)
        if let id = report.messageID { integer(id, &out) } else { null(&out) }
        key("url", &out)
        optionalString(report.url, &out)
        key("author", &out)
        optionalString(report.author, &out)
        out.append(UInt8(ascii: "}"))
        key("posted_at", &out)
        timestamp(report.postedAt, &out)
        key("edited_at", &out)
        if let editedAt = report.editedAt { timestamp(editedAt, &out) } else { null(&out) }
        key("received_at", &out)
        timestamp(event.receivedAt, &out)
        key("forward", &out)
        if let origin = report.forwardOrigin {
            raw(#"{"chat":"#, &out)
            optionalString(origin.chat, &out)
            key("message_id", &out)
            if let id = origin.messageID { integer(id, &out) } else { null(&out) }
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
        raw(#","entities":{"places":["#, &out)
        for (index, mention) in classification.entities.places.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            place(mention, &out)
        }
        raw(#"],"equipment":["#, &out)
        for (index, item) in classification.entities.equipment.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(item, &out)
        }
        raw(#"],"counts":["#, &out)
        for (index, count) in classification.entities.counts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            integer(Int64(count), &out)
        }
        raw(#"],"direction":"#, &out)
        if let direction = classification.entities.direction { place(direction, &out) } else { null(&out) }
        raw(#"},"classification":{"score":"#, &out)
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
        raw(#"},"dedup":{"status":"#, &out)
        string(event.dedup.status.rawValue, &out)
        key("of", &out)
        if let of = event.dedup.of {
            out.append(UInt8(ascii: "\""))
            hex(of.rawValue, &out)
            out.append(UInt8(ascii: "\""))
        } else {
            null(&out)
        }
        key("distance", &out)
        if let distance = event.dedup.distance { integer(Int64(distance), &out) } else { null(&out) }
        key("sources", &out)
        integer(Int64(event.dedup.sources), &out)
        raw(#"},"fingerprint":{"exact":""#, &out)
        hex(event.fingerprint.exact, &out)
        raw(#"","simhash":""#, &out)
        hex(event.fingerprint.simhash, &out)
        raw(#""},"alerts":["#, &out)
        for (index, name) in event.alerts.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(name, &out)
        }
        raw(#"],"v":1}"#, &out)
    }

    @inline(__always)
    private static func key(_ name: StaticString, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        raw(name, &out)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// Appends literal bytes. `StaticString` rather than `String.UTF8View`: a plain copy of contiguous bytes.
    @inline(__always)
    private static func raw(_ literal: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Decimal digits of `value`, as `String(value)` writes them, without making a `String`.
    private static func integer(_ value: Int64, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, stored backwards
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                magnitude /= 10
                count += 1
            } while magnitude > 0
        }
        withUnsafeMutableBytes(of: &digits) { buffer in
            buffer[0..<count].reverse()
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// 16 lowercase hex digits, as `UInt64.hex16` writes them, appended at once.
    private static func hex(_ value: UInt64, _ out: inout [UInt8]) {
        var digits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: (value >> UInt64(60 - 4 * index)) & 0xF)
                buffer[index] = nibble < 10 ? nibble &+ UInt8(ascii: "0") : nibble &+ (UInt8(ascii: "a") &- 10)
            }
        }
        withUnsafeBytes(of: &digits) { out.append(contentsOf: $0) }
    }

    /// `"` + `Timestamp.rfc3339` + `"` for years 0 to 9999 (all real ones), built on the stack and appended at once.
    private static func timestamp(_ time: Timestamp, _ out: inout [UInt8]) {
        let seconds = time.millisecondsSince1970.floorDivided(by: 1000)
        let millis = Int(time.millisecondsSince1970 - seconds * 1000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        guard year >= 0 && year <= 9999 else {
            string(time.rfc3339, &out)
            return
        }
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // `"2022-03-01T07:05:09.123Z"`: 26 bytes
        let count = withUnsafeMutableBytes(of: &text) { buffer in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func put(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    put(UInt8(truncatingIfNeeded: rest / divisor) &+ UInt8(ascii: "0"))
                    rest %= divisor
                    divisor /= 10
                }
            }
            put(UInt8(ascii: "\""))
            put(Int(year), 4)
            put(UInt8(ascii: "-"))
            put(month, 2)
            put(UInt8(ascii: "-"))
            put(day, 2)
            put(UInt8(ascii: "T"))
            put(secondOfDay / 3600, 2)
            put(UInt8(ascii: ":"))
            put(secondOfDay / 60 % 60, 2)
            put(UInt8(ascii: ":"))
            put(secondOfDay % 60, 2)
            if millis != 0 {
                put(UInt8(ascii: "."))
                put(millis, 3)
            }
            put(UInt8(ascii: "Z"))
            put(UInt8(ascii: "\""))
            return index
        }
        withUnsafeBytes(of: &text) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    /// `value` (0 ..< 10^width) zero-padded to `width` digits.
    @inline(__always)
    private static func digits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: rest / divisor) &+ UInt8(ascii: "0"))
            rest %= divisor
            divisor /= 10
        }
    }

    @inline(__always)
    private static func null(_ out: inout [UInt8]) {
        raw("null", &out)
    }

    @inline(__always)
    private static func string(_ value: String, _ out: inout [UInt8]) {
        JSONEscaping.append(value, to: &out)
    }

    private static func optionalString(_ value: String?, _ out: inout [UInt8]) {
        if let value { string(value, &out) } else { null(&out) }
    }

    private static func place(_ mention: PlaceMention, _ out: inout [UInt8]) {
        raw(#"{"id":"#, &out)
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
        integer(Int64(magnitude / 1000), &out)
        var fraction = Int(magnitude % 1000)
        if fraction != 0 {
            var width = 3
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            out.append(UInt8(ascii: "."))
            digits(fraction, width, &out)
        }
    }
}
