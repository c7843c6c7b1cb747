/// Short human durations for log lines and dead-letter reasons: `850ms`, `12s`, `4m10s`, `3h5m`.
enum AlertDurations {
    static func text(_ milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(max(0, milliseconds))ms" }
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" + (seconds % 60 == 0 ? "" : "\(seconds % 60)s") }
        let minutes = seconds / 60
        return "\(minutes / 60)h" + (minutes % 60 == 0 ? "" : "\(minutes % 60)m")
    }
}
