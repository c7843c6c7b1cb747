import Synchronization

/// Evaluates alert rules against each event as it is logged, and against the clock for time-driven notices.
///
/// The engine never reads the wall clock: an event's `receivedAt` is its "now", and `tick(now:)` is given the
/// time. Its state can be saved (`snapshot()`) and restored, so a restart neither re-fires nor forgets.
/// Thread-safe: the pipeline evaluates events while a delivery task ticks.
public final class RuleEngine: Sendable {
    public let rules: [AlertRule]
    /// `rules[i].match`, prepared for evaluating every event.
    private let matches: [CompiledMatch]
    private let state: Mutex<State>

    private struct State: Sendable {
        var rules: [RuleState]
        /// Silences added at runtime (the silences file), besides each rule's configured ones.
        var silences: [Silence] = []
        /// Event-driven notices kept for `takeRecordedAlerts`, when recording.
        var recorded: [String: Alert] = [:]
        var recording: Bool
        /// Increases whenever something worth saving changes.
        var generation: UInt64 = 0
    }

    /// - Parameter recordsAlerts: keep each event-driven notice for `takeRecordedAlerts()` (the alert center
    ///   uses it to get the full notice for the rules the pipeline reports as fired).
    public init(rules: [AlertRule], recordsAlerts: Bool = false) {
        self.rules = rules
        matches = rules.map { CompiledMatch($0.match) }
        state = Mutex(State(rules: Array(repeating: RuleState(), count: rules.count), recording: recordsAlerts))
    }

    /// The rules that fire for `event`. Notices are made only when recording: the pipeline needs only the rules.
    public func evaluate(_ event: Event) -> [AlertRule] {
        firedRules(event).map { rules[$0] }
    }

    /// The positions in `rules` of the rules that fire for `event`, in order: what `evaluate` returns, without a
    /// copy of each rule (a retain and a release of each of its fields) for callers that need only names.
    // Not inlined: a caller holding the event `inout` (the pipeline) would copy the whole event for the closures.
    @inline(never)
    public func firedRules(_ event: Event) -> [Int] {
        var input = RuleInput()
        // Most events match no rule: they need neither the lock nor the rules' state.
        guard let first = firstMatch(event, from: 0, &input) else { return [] }
        return state.withLock { state in
            var fired: [Int] = []
            evaluate(event, from: first, input: &input, state: &state) { index, firing, event, state in
                fired.append(index)
                guard state.recording else { return }
                let alert = rules.withUnsafeBufferPointer { firing.alert(rule: $0[index], event: event) }
                state.recorded[alert.id] = alert
            }
            return fired
        }
    }

    /// The notices `event` causes, one per rule that fires.
    @inline(never)
    public func evaluateAlerts(_ event: Event) -> [Alert] {
        var input = RuleInput()
        guard let first = firstMatch(event, from: 0, &input) else { return [] }
        return state.withLock { state in
            var alerts: [Alert] = []
            evaluate(event, from: first, input: &input, state: &state) { index, firing, event, state in
                let alert = firing.alert(rule: rules[index], event: event)
                alerts.append(alert)
                if state.recording { state.recorded[alert.id] = alert }
            }
            return alerts
        }
    }

    /// The first rule from `start` on whose match holds on `event`. Matching reads no state.
    private func firstMatch(_ event: Event, from start: Int, _ input: inout RuleInput) -> Int? {
        var index = start
        while index < matches.count {
            if matches[index].matches(event, &input) { return index }
            index += 1
        }
        return nil
    }

    /// Runs every rule whose match holds on `event`, `first` being the first of them, and calls `fire` for each
    /// that fires, in the rules' order. What several rules look up in the event (the folded text, place names) is
    /// made once and shared. The event is handed to `fire` rather than captured, which would copy it.
    private func evaluate(
        _ event: Event, from first: Int, input: inout RuleInput, state: inout State,
        fire: (Int, RuleState.Firing, Event, inout State) -> Void
    ) {
        var changed = false
        var next: Int? = first
        while let index = next {
            // The rule is read in place: `rules[index]` as an argument would copy it (a retain and a release for
            // each of its fields) for every event a rule's match holds on.
            let result = rules.withUnsafeBufferPointer { rules in
                state.rules[index].evaluate(event, rule: rules[index], silences: state.silences)
            }
            changed = changed || result.changed
            if let firing = result.firing { fire(index, firing, event, &state) }
            next = firstMatch(event, from: index + 1, &input)
        }
        if changed { state.generation &+= 1 }
    }

    /// Time-driven notices at `now`: flatline, reminders while a condition holds, resolved notices.
    public func tick(now: Timestamp) -> [Alert] {
        state.withLock { state in
            var alerts: [Alert] = []
            var changed = false
            for (index, rule) in rules.enumerated() {
                let result = state.rules[index].tick(
                    now: now.millisecondsSince1970, rule: rule, silences: state.silences)
                alerts += result.alerts
                changed = changed || result.changed
            }
            if changed { state.generation &+= 1 }
            return alerts
        }
    }

    /// The notices recorded since the last call, by alert id, and forgets them.
    public func takeRecordedAlerts() -> [String: Alert] {
        state.withLock { state in
            defer { state.recorded = [:] }
            return state.recorded
        }
    }

    /// Silences added at runtime, replacing the previous runtime set.
    public var runtimeSilences: [Silence] {
        get { state.withLock { $0.silences } }
        set { state.withLock { $0.silences = newValue } }
    }

    /// Increases whenever the state changes in a way `snapshot()` would show.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// The state as bytes, with the generation it describes.
    public func snapshot() -> (generation: UInt64, bytes: [UInt8]) {
        state.withLock { state in
            (state.generation, RuleEngineSnapshot.encode(rules: rules, states: state.rules))
        }
    }

    /// Restores a snapshot. Rules are matched by name and kind; state of rules no longer configured is dropped,
    /// and groups are dropped when a rule's `group_by` changed. `now` starts idle flatline groups' windows anew.
    public func restore(_ bytes: [UInt8], resumingAt now: Timestamp) throws(RuleSnapshotError) {
        let decoded = try RuleEngineSnapshot.decode(bytes, rules: rules)
        state.withLock { state in
            for (index, rule) in rules.enumerated() {
                guard var restored = decoded[index] else { continue }
                restored.resume(at: now.millisecondsSince1970, rule: rule)
                state.rules[index] = restored
            }
        }
    }
}
