/// A point in time as milliseconds since the Unix epoch (UTC).
///
/// The core keeps its own type instead of `Foundation.Date` so that formatting and parsing RFC 3339
/// stay allocation-light and exact on the hot path.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public init(secondsSince1970: Int64) {
        self.millisecondsSince1970 = secondsSince1970 * 1000
    }

    public var secondsSince1970: Int64 { millisecondsSince1970.floorDivided(by: 1000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    /// RFC 3339 in UTC: `2022-03-01T07:05:09Z`, with `.mmm` when the time has milliseconds.
    public var rfc3339: String {
        let seconds = millisecondsSince1970.floorDivided(by: 1000)
        let millis = Int(millisecondsSince1970 - seconds * 1000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        var out = ""
        out.reserveCapacity(24)
        out += Timestamp.pad(Int(year), 4) + "-" + Timestamp.pad(month, 2) + "-" + Timestamp.pad(day, 2)
        out += "T" + Timestamp.pad(secondOfDay / 3600, 2) + ":" + Timestamp.pad(secondOfDay / 60 % 60, 2)
        out += ":" + Timestamp.pad(secondOfDay % 60, 2)
        if millis != 0 { out += "." + Timestamp.pad(millis, 3) }
        return out + "Z"
    }

    public var description: String { rfc3339 }

    /// Parses RFC 3339 / ISO 8601 date-times as feeds write them (`2022-03-01T07:05:09Z`,
    /// `2022-03-01T10:05:09+03:00`, fractional seconds, a space instead of `T`), and the RFC 822 dates of RSS
    /// (`Tue, 01 Mar 2022 07:05:09 GMT`, `+0300`). Returns nil for anything else.
    public init?(parsing text: some StringProtocol) {
        if let value = Timestamp.parseISO(Array(text.utf8)) ?? Timestamp.parseRFC822(String(text)) {
            self = value
        } else {
            return nil
        }
    }

    // MARK: - Calendar arithmetic (Howard Hinnant's civil-from-days algorithms)

    static func civil(fromDays z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(fromCivil year: Int64, _ month: Int, _ day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func parseISO(_ b: [UInt8]) -> Timestamp? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let c = b[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = days(fromCivil: Int64(year), month, day) * 86_400
        var millis: Int64 = 0
        if i == b.count { return Timestamp(secondsSince1970: seconds) }
        guard expect(84) || expect(116) || expect(32) else { return nil }
        guard let hour = number(2), expect(58), let minute = number(2) else { return nil }
        var second = 0
        if expect(58) {
            guard let s = number(2) else { return nil }
            second = s
        }
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if expect(46) {
            var scale: Int64 = 100
            var any = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                millis += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
                any = true
            }
            guard any else { return nil }
        }
        if i == b.count || expect(90) || expect(122) {
            guard i == b.count else { return nil }
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign: Int64 = b[i] == 43 ? 1 : -1
            i += 1
            guard let oh = number(2) else { return nil }
            _ = expect(58)
            guard let om = number(2), i == b.count else { return nil }
            seconds -= sign * Int64(oh * 3600 + om * 60)
        } else {
            return nil
        }
        return Timestamp(millisecondsSince1970: seconds * 1000 + millis)
    }

    private static let monthNames = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]

    private static func parseRFC822(_ text: String) -> Timestamp? {
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, first.count == 3, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]),
            let month = monthNames.firstIndex(of: parts[1].lowercased().prefix(3).description),
            var year = Int(parts[2])
        else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (1...31).contains(day) else { return nil }
        var seconds = days(fromCivil: Int64(year), month + 1, day) * 86_400
        seconds += Int64(clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0))
        if parts.count > 4 {
            let zone = parts[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let hhmm = Int(zone.dropFirst()) {
                let offset = Int64(hhmm / 100 * 3600 + hhmm % 100 * 60)
                seconds -= sign == "+" ? offset : -offset
            }
        }
        return Timestamp(secondsSince1970: seconds)
    }
}

extension Int64 {
    @inlinable func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
