import HajunCore

/// Date formats the feed writers need besides RFC 3339.
enum SimulatorDates {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2022-02-24T06:41:00`: local time without a zone, as Telegram Desktop exports write it (Minsk, UTC+3).
    static func exportLocal(_ time: Timestamp) -> String {
        String(shifted(time).rfc3339.prefix(19))
    }

    /// `Thu, 24 Feb 2022 03:41:00 GMT` (RFC 822, as RSS writes it).
    static func rfc822(_ time: Timestamp) -> String {
        let text = Array(Timestamp(secondsSince1970: time.secondsSince1970).rfc3339)
        let year = String(text[0..<4])
        let month = Int(String(text[5..<7])) ?? 1
        let day = String(text[8..<10])
        let clock = String(text[11..<19])
        let days = Int(
            time.secondsSince1970 >= 0 ? time.secondsSince1970 / 86_400 : (time.secondsSince1970 - 86_399) / 86_400)
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(day) \(months[month - 1]) \(year) \(clock) GMT"
    }

    /// `24-02-2022_06-41-00`, as exports name media files.
    static func exportFileStamp(_ time: Timestamp) -> String {
        let text = Array(exportLocal(time))
        return String(text[8..<10]) + "-" + String(text[5..<7]) + "-" + String(text[0..<4]) + "_"
            + String(text[11..<13]) + "-" + String(text[14..<16]) + "-" + String(text[17..<19])
    }

    private static func shifted(_ time: Timestamp) -> Timestamp {
        Timestamp(secondsSince1970: time.secondsSince1970 + 3 * 3600)
    }
}
