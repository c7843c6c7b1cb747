import HajunCore

/// How busy channels are by hour of the day in Minsk (UTC+3): quiet nights, a morning rise, an evening peak.
enum DailyRhythm {
    /// Relative activity for local hours 0–23 (mean 1).
    static let hourly: [Double] = {
        let raw: [Double] = [
            0.35, 0.25, 0.2, 0.2, 0.3, 0.5, 0.8, 1.1, 1.3, 1.4, 1.4, 1.3,
            1.3, 1.3, 1.3, 1.3, 1.3, 1.4, 1.5, 1.5, 1.3, 1.1, 0.8, 0.55,
        ]
        let mean = raw.reduce(0, +) / Double(raw.count)
        return raw.map { $0 / mean }
    }()

    static func activity(at time: Timestamp) -> Double {
        let localHour = Int(((time.secondsSince1970 + 3 * 3600) % 86_400 + 86_400) % 86_400 / 3600)
        return hourly[localHour]
    }
}
