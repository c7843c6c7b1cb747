/// What one rule remembers between events, and how it decides. Times are milliseconds since 1970.
///
/// Evaluating the same event twice gives the same answer (a re-processed event after a crash fires again with the
/// same alert id, and counts once), so the state can be saved after the log and replayed over.
struct RuleState: Sendable, Hashable {
    /// How long fired events and handled incidents are remembered: longer than the dedup stage's exact window.
    static let memoryMilliseconds: Int64 = 8 * 86_400_000
    /// Whole-state pruning runs at most this often.
    static let pruneIntervalMilliseconds: Int64 = 60_000

    /// Events the rule fired for.
    var firedEvents: [UInt64: Int64] = [:]
    /// Incidents already handled by `any` and `corroborated`: fired, or muted when they came.
    var incidents: [UInt64: Int64] = [:]
    var groups: [String: RuleGroup] = [:]
    /// When the rule began watching: a spike needs a whole reference window behind it.
    var watchingSince: Int64?
    var lastPrune: Int64?

    /// How the rule fired for an event: enough to make the notice later, since the pipeline mostly needs only the
    /// rule's name and a notice's summary (an excerpt of the text) is costly.
    enum Firing: Sendable, Hashable {
        /// `any`, `corroborated`: the event's own notice.
        case instant
        /// A stateful rule's condition began to hold (or holds) with this event.
        case condition(labels: [GroupLabel], startedAt: Int64, count: Int)

        /// The notice for `event`.
        func alert(rule: AlertRule, event: Event) -> Alert {
            switch self {
            case .instant:
                return Alert(rule: rule, event: event, firedAt: event.receivedAt)
            case .condition(let labels, let startedAt, let count):
                let now = event.receivedAt.millisecondsSince1970
                return RuleState.conditionAlert(
                    id: Alert.id(rule: rule.name, event: event.id), rule: rule, labels: labels, status: .firing,
                    now: now, startedAt: startedAt, count: count, event: event
                )
            }
        }
    }

    /// How the rule fires for `event`, if it does. `changed` tells whether anything worth saving changed.
    mutating func evaluate(_ event: Event, rule: AlertRule, silences: [Silence]) -> (firing: Firing?, changed: Bool) {
        let now = event.receivedAt.millisecondsSince1970
        var changed = false
        if watchingSince == nil {
            watchingSince = now
            changed = true
        }
        if firedEvents[event.id.rawValue] != nil { return (refire(event, rule: rule), changed) }
        let incident = (event.dedup.of ?? event.id).rawValue
        let labels = GroupField.labels(rule.groupBy, for: event)
        switch rule.condition {
        case .any:
            guard incidents.updateValue(now, forKey: incident) == nil else { return (nil, changed) }
            return (notifyInstant(event, labels: labels, now: now, rule: rule, silences: silences), true)
        case .corroborated(let sources):
            guard event.dedup.sources >= sources, incidents.updateValue(now, forKey: incident) == nil else {
                return (nil, changed)
            }
            return (notifyInstant(event, labels: labels, now: now, rule: rule, silences: silences), true)
        case .frequency, .spike:
            let time = min(event.report.postedAt.millisecondsSince1970, now)
            let key = GroupLabel.key(labels)
            var group = groups[key] ?? RuleGroup(labels: labels, watchingSince: now)
            guard time > now - rule.condition.horizonMilliseconds, group.window.insert(incident, at: time) else {
                return (nil, changed)
            }
            group.window.removeAll(through: now - rule.condition.horizonMilliseconds)
            var firing: Firing?
            let (holding, count) = holds(group, now: now, rule: rule)
            if holding, group.episode == nil {
                var episode = RuleGroup.Episode(startedAt: now, notified: false, notices: 0)
                if mayNotify(&group, event: event, now: now, rule: rule, silences: silences) {
                    episode.notified = true
                    episode.notices = 1
                    firedEvents[event.id.rawValue] = now
                    firing = .condition(labels: group.labels, startedAt: now, count: count)
                }
                group.episode = episode
            }
            groups[key] = group
            return (firing, true)
        case .flatline(_, let window):
            let key = GroupLabel.key(labels)
            var group = groups[key] ?? RuleGroup(labels: labels, watchingSince: now)
            guard group.window.insert(event.id.rawValue, at: now) else { return (nil, changed) }
            group.window.removeAll(through: now - window)
            groups[key] = group
            return (nil, true)
        }
    }

    /// Time-driven notices at `now`: flatline firing, reminders while a condition holds, resolved notices.
    mutating func tick(now: Int64, rule: AlertRule, silences: [Silence]) -> (alerts: [Alert], changed: Bool) {
        var changed = false
        if watchingSince == nil {
            watchingSince = now
            changed = true
        }
        if now - (lastPrune ?? .min / 2) >= RuleState.pruneIntervalMilliseconds { prune(now: now, rule: rule) }
        guard rule.kind.isStateful else { return ([], changed) }
        if rule.kind == .flatline { changed = declareGroups(rule: rule, now: now) || changed }
        var alerts: [Alert] = []
        for key in groups.keys.sorted() {
            guard var group = groups[key] else { continue }
            group.window.removeAll(through: now - rule.condition.horizonMilliseconds)
            let (holding, count) = holds(group, now: now, rule: rule)
            if var episode = group.episode {
                if !holding {
                    group.episode = nil
                    changed = true
                    if episode.notified {
                        alerts.append(
                            RuleState.conditionAlert(
                                id: Alert.id(
                                    rule: rule.name, groupKey: key,
                                    episodeStart: Timestamp(millisecondsSince1970: episode.startedAt),
                                    sequence: -1
                                ),
                                rule: rule, labels: group.labels, status: .resolved, now: now,
                                startedAt: episode.startedAt, count: count, event: nil
                            )
                        )
                    }
                } else if (!episode.notified || rule.realert.intervalMilliseconds > 0),
                    mayNotify(&group, event: nil, now: now, rule: rule, silences: silences)
                {
                    alerts.append(timedFiring(rule: rule, group: group, episode: episode, now: now, count: count))
                    episode.notified = true
                    episode.notices += 1
                    group.episode = episode
                    changed = true
                }
            } else if holding {
                var episode = RuleGroup.Episode(startedAt: now, notified: false, notices: 0)
                if mayNotify(&group, event: nil, now: now, rule: rule, silences: silences) {
                    alerts.append(timedFiring(rule: rule, group: group, episode: episode, now: now, count: count))
                    episode.notified = true
                    episode.notices = 1
                }
                group.episode = episode
                changed = true
            }
            if group.isIdle(at: now, policy: rule.realert) {
                groups[key] = nil
            } else {
                groups[key] = group
            }
        }
        return (alerts, changed)
    }

    /// After a restart: idle flatline groups get a whole window again, since posts that came while hajund was
    /// down arrive with the first poll.
    mutating func resume(at now: Int64, rule: AlertRule) {
        guard rule.kind == .flatline else { return }
        for (key, group) in groups where group.episode == nil {
            groups[key]?.watchingSince = max(group.watchingSince, now)
        }
    }

    // MARK: - Deciding

    /// Whether the condition holds for `group` at `now`, and the count it compares.
    private func holds(_ group: RuleGroup, now: Int64, rule: AlertRule) -> (Bool, Int) {
        switch rule.condition {
        case .any, .corroborated:
            return (false, 0)
        case .frequency(let threshold, let window):
            let count = group.window.count(after: now - window, through: now)
            return (count >= threshold, count)
        case .spike(let factor, let window, let reference, let minimum):
            let count = group.window.count(after: now - window, through: now)
            let before = group.window.count(after: now - window - reference, through: now - window)
            let watched = now - (watchingSince ?? now) >= window + reference
            // rate = count / window against before / reference, without dividing.
            let holding =
                watched && count >= minimum
                && Double(count) * Double(reference) >= factor * Double(before) * Double(window)
            return (holding, count)
        case .flatline(let below, let window):
            let count = group.window.count(after: now - window, through: now)
            return (now - group.watchingSince >= window && count < below, count)
        }
    }

    /// Applies silences and the cooldown; on success starts the next cooldown.
    private func mayNotify(
        _ group: inout RuleGroup, event: Event?, now: Int64, rule: AlertRule, silences: [Silence]
    ) -> Bool {
        let time = Timestamp(millisecondsSince1970: now)
        let muted =
            rule.silences.contains { $0.mutes(rule: rule.name, event: event, labels: group.labels, at: time) }
            || silences.contains { $0.mutes(rule: rule.name, event: event, labels: group.labels, at: time) }
        guard !muted, rule.realert.allows(last: group.lastNotice, current: group.interval, now: now) else {
            return false
        }
        group.interval = rule.realert.nextInterval(last: group.lastNotice, current: group.interval, now: now)
        group.lastNotice = now
        return true
    }

    /// `any` and `corroborated`: the event fires, unless muted or cooling down.
    private mutating func notifyInstant(
        _ event: Event, labels: [GroupLabel], now: Int64, rule: AlertRule, silences: [Silence]
    ) -> Firing? {
        let key = GroupLabel.key(labels)
        var group = groups[key] ?? RuleGroup(labels: labels, watchingSince: now)
        let allowed = mayNotify(&group, event: event, now: now, rule: rule, silences: silences)
        // Without a cooldown there is nothing per group to remember.
        if rule.realert.intervalMilliseconds > 0 { groups[key] = group }
        guard allowed else { return nil }
        firedEvents[event.id.rawValue] = now
        return .instant
    }

    /// An event the rule already fired for fires again, with the same notice id.
    private func refire(_ event: Event, rule: AlertRule) -> Firing {
        guard rule.kind.isStateful else { return .instant }
        let labels = GroupField.labels(rule.groupBy, for: event)
        let now = event.receivedAt.millisecondsSince1970
        let group = groups[GroupLabel.key(labels)] ?? RuleGroup(labels: labels, watchingSince: now)
        let count = holds(group, now: now, rule: rule).1
        return .condition(labels: group.labels, startedAt: group.episode?.startedAt ?? now, count: count)
    }

    private func timedFiring(
        rule: AlertRule, group: RuleGroup, episode: RuleGroup.Episode, now: Int64, count: Int
    ) -> Alert {
        let id = Alert.id(
            rule: rule.name, groupKey: group.key, episodeStart: Timestamp(millisecondsSince1970: episode.startedAt),
            sequence: episode.notices
        )
        return RuleState.conditionAlert(
            id: id, rule: rule, labels: group.labels, status: .firing, now: now, startedAt: episode.startedAt,
            count: count, event: nil
        )
    }

    private static func conditionAlert(
        id: String, rule: AlertRule, labels: [GroupLabel], status: Alert.Status, now: Int64, startedAt: Int64,
        count: Int, event: Event?
    ) -> Alert {
        Alert(
            id: id,
            rule: rule,
            status: status,
            firedAt: Timestamp(millisecondsSince1970: now),
            startsAt: Timestamp(millisecondsSince1970: startedAt),
            endsAt: status == .resolved ? Timestamp(millisecondsSince1970: now) : nil,
            group: labels,
            count: count,
            event: event,
            summary: AlertSummary.condition(rule: rule, status: status, count: count, labels: labels, event: event)
        )
    }

    // MARK: - Housekeeping

    /// Flatline watches its listed feeds (grouped by feed) or its one group even before any event comes.
    private mutating func declareGroups(rule: AlertRule, now: Int64) -> Bool {
        var declared: [[GroupLabel]] = []
        if rule.groupBy.isEmpty {
            declared = [[]]
        } else if rule.groupBy == [.feed] {
            declared = rule.match.feeds.sorted().map { [GroupLabel(name: GroupField.feed.rawValue, value: $0)] }
        }
        var changed = false
        for labels in declared where groups[GroupLabel.key(labels)] == nil {
            var group = RuleGroup(labels: labels, watchingSince: now)
            group.declared = true
            groups[GroupLabel.key(labels)] = group
            changed = true
        }
        return changed
    }

    private mutating func prune(now: Int64, rule: AlertRule) {
        lastPrune = now
        let cutoff = now - RuleState.memoryMilliseconds
        firedEvents = firedEvents.filter { $0.value > cutoff }
        incidents = incidents.filter { $0.value > cutoff }
        if !rule.kind.isStateful {
            groups = groups.filter { !$0.value.isIdle(at: now, policy: rule.realert) }
        }
    }
}
