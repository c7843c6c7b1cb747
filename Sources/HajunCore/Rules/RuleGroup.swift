/// The state of one group (one `group_by` key) of one rule: its window, its cooldown and its current episode.
struct RuleGroup: Sendable, Hashable {
    /// A stretch of time during which a stateful rule's condition holds.
    struct Episode: Sendable, Hashable {
        var startedAt: Int64
        /// Whether a firing notice went out for it; only then does its end send a resolved notice.
        var notified: Bool
        /// Firing notices sent in this episode (the first one and reminders).
        var notices: Int
    }

    var labels: [GroupLabel]
    var window = EventWindow()
    var episode: Episode?
    /// The time of the last firing notice, for the cooldown.
    var lastNotice: Int64?
    /// The current cooldown (grows with back-off).
    var interval: Int64 = 0
    /// Since when the group has been watched: flatline does not fire before a whole window has passed.
    var watchingSince: Int64
    /// Declared by the rule (a flatline's listed feeds): kept even when idle.
    var declared = false

    init(labels: [GroupLabel], watchingSince: Int64) {
        self.labels = labels
        self.watchingSince = watchingSince
    }

    var key: String { GroupLabel.key(labels) }

    /// Nothing worth keeping: no events in reach, no episode, no running cooldown.
    func isIdle(at now: Int64, policy: RealertPolicy) -> Bool {
        guard !declared, window.isEmpty, episode == nil else { return false }
        guard let lastNotice else { return true }
        return now - lastNotice > max(2 * interval, policy.maximumMilliseconds)
    }
}
