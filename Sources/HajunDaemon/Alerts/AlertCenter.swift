import Foundation
import HajunCore
import HajunHTTP
import Logging
import Synchronization

/// The daemon's one door to alerting: the rule engine, the durable outbox and the receivers.
///
/// The daemon builds its pipeline with `engine`, calls `enqueue` with each batch's alerts once the log lines they
/// come from are durable (and before committing its state), runs `run()` for the lifetime of the process, and
/// calls `drain(timeout:)` before exiting. `enqueue` wakes the receiver's delivery task at once: nothing polls.
public final class AlertCenter: Sendable {
    /// The outbox database (`outbox.sqlite` in the state directory).
    public var outboxPath: String { outbox.path }
    /// Alerts refused for good or out of time, with the reason (`dead-letters.jsonl` in the state directory).
    public var deadLetterPath: String { deadLetters.path }
    /// Runtime silences (`silences.yaml` in the state directory).
    public var silencesPath: String { silencesFile.path }

    /// How often `run()` ticks the rules (flatline, reminders, resolved notices, Alertmanager re-sends).
    static let tickInterval = Duration.seconds(1)
    /// Entries read from the outbox at a time per receiver.
    static let batchSize = 32

    private let logger: Logger
    private let outbox: Outbox
    private let deadLetters: DeadLetterFile
    private let silencesFile: SilencesFile
    private let environment: [String: String]
    private let observer: (@Sendable (AlertDelivery) -> Void)?
    private let state: Mutex<State>
    /// Serialises "snapshot the rule state, write it": snapshots reach the disk in the order they were taken.
    private let persisted = Mutex<Persisted>(Persisted())
    /// Wakes `run()` when the set of receivers changes.
    private let supervisor = WakeSignal()
    /// Where blocking outbox work runs (see `offload`).
    private let databaseQueue = DispatchQueue(label: "hajund.alerts.outbox")

    private struct State: Sendable {
        var engine: RuleEngine
        var receivers: [String: any AlertReceiver]
        var signals: [String: WakeSignal]
        /// Receivers whose oldest entry waits for a retry: nothing newer goes before it.
        var blockedUntil: [String: Int64] = [:]
        /// Entries being delivered (by `run()` or `drain`), so that no entry is sent twice at once.
        var inFlight: Set<Int64> = []
        /// Receivers with a delivery task in `run()`.
        var running: Set<String> = []
        /// Notices the previous engine recorded before a configuration reload.
        var carried: [String: Alert] = [:]
        var silencesVersion: [Int64]?
        var lastPurge: Int64 = 0
    }

    private struct Persisted: Sendable {
        var engine: ObjectIdentifier?
        var generation: UInt64 = 0
    }

    /// Opens (or creates) the outbox in the state directory, restores the rule state, resolves the receivers'
    /// secrets and reads the runtime silences.
    ///
    /// - Parameter observer: called after every delivery attempt (for metrics); must be quick.
    public convenience init(
        configuration: HajunConfiguration,
        logger: Logger,
        observer: (@Sendable (AlertDelivery) -> Void)? = nil
    ) throws {
        try self.init(
            configuration: configuration, logger: logger, environment: ProcessInfo.processInfo.environment,
            observer: observer)
    }

    init(
        configuration: HajunConfiguration,
        logger: Logger,
        environment: [String: String],
        observer: (@Sendable (AlertDelivery) -> Void)? = nil
    ) throws {
        self.logger = logger
        self.environment = environment
        self.observer = observer
        try Self.checkNames(configuration)
        let receivers = try Self.makeReceivers(configuration, environment: environment)
        let outbox = try Outbox(directory: configuration.state.directory)
        self.outbox = outbox
        deadLetters = DeadLetterFile(directory: configuration.state.directory)
        silencesFile = SilencesFile(directory: configuration.state.directory)
        let engine = RuleEngine(rules: configuration.rules, recordsAlerts: true)
        if let saved = try outbox.ruleState() {
            do {
                try engine.restore(saved, resumingAt: Timestamp.now)
            } catch {
                logger.error("cannot restore the rule state from \(outbox.path), starting afresh: \(error)")
            }
        }
        state = Mutex(State(engine: engine, receivers: receivers, signals: receivers.mapValues { _ in WakeSignal() }))
        persisted.withLock { $0 = Persisted(engine: ObjectIdentifier(engine), generation: engine.generation) }
        reloadSilences()
        for (name, count) in try outbox.pendingCounts() where receivers[name] == nil {
            logger.warning("\(count) alerts wait in the outbox for receiver '\(name)', which is no longer configured")
        }
    }

    /// The rule engine the pipeline must use, so that the notices it records reach `enqueue` in full.
    public var engine: RuleEngine { state.withLock { $0.engine } }

    // MARK: - Enqueueing

    /// Stores `alerts` durably (idempotent by alert id and receiver) with the rule state, and wakes their
    /// receivers. Call it after the log lines the alerts come from are durable, before committing the state, and
    /// also with an empty list: that saves the rule state the events changed.
    public func enqueue(_ alerts: [Alert]) throws {
        let engine = self.engine
        var recorded = engine.takeRecordedAlerts()
        let carried = state.withLock { state in
            defer { state.carried = [:] }
            return state.carried
        }
        recorded.merge(carried) { current, _ in current }
        do {
            try persist(engine: engine, now: Timestamp.now) { alerts.map { recorded[$0.id] ?? $0 } }
        } catch {
            // The daemon tries again with the same alerts: keep their full notices for then.
            state.withLock { $0.carried.merge(recorded) { current, _ in current } }
            throw error
        }
    }

    /// Time-driven notices at `now` (flatline, reminders, resolved), Alertmanager re-sends, runtime silences and
    /// outbox housekeeping. `run()` calls it every second; call it yourself only without `run()`.
    public func tick(now: Timestamp) throws {
        reloadSilences()
        let engine = self.engine
        // Ticking inside `persist` keeps time-driven notices and the state that records them in one write.
        try persist(engine: engine, now: now) { engine.tick(now: now) }
        let resend = state.withLock { state in
            state.receivers.compactMapValues { ($0 as? AlertmanagerReceiver)?.resendMilliseconds }
        }
        if !resend.isEmpty {
            let touched = try outbox.queueResends(now: now.millisecondsSince1970) { resend[$0] ?? 60_000 }
            wake(touched)
        }
        let purgeDue = state.withLock { state in
            guard now.millisecondsSince1970 - state.lastPurge >= 3_600_000 else { return false }
            state.lastPurge = now.millisecondsSince1970
            return true
        }
        if purgeDue { try outbox.purge(now: now.millisecondsSince1970) }
    }

    /// Writes the alerts `make` returns and, if it changed, the rule state, in one transaction; snapshots reach
    /// the disk in the order they are taken.
    private func persist(engine: RuleEngine, now: Timestamp, _ make: () -> [Alert]) throws {
        let touched = try persisted.withLock { persisted -> Set<String> in
            let (items, activate, deactivate) = outboxItems(for: make(), now: now)
            let identity = ObjectIdentifier(engine)
            let snapshot =
                persisted.engine != identity || persisted.generation != engine.generation ? engine.snapshot() : nil
            guard !items.isEmpty || snapshot != nil else { return [] }
            let touched = try outbox.enqueue(
                items, ruleState: snapshot?.bytes, activate: activate, deactivate: deactivate,
                now: now.millisecondsSince1970
            )
            if let snapshot { persisted = Persisted(engine: identity, generation: snapshot.generation) }
            return touched
        }
        wake(touched)
    }

    /// Each alert as its receiver's outbox entry, and the Alertmanager alerts it starts or ends.
    private func outboxItems(
        for alerts: [Alert], now: Timestamp
    ) -> (
        items: [OutboxItem], activate: [(item: OutboxItem, resendAt: Int64)],
        deactivate: [(receiver: String, series: String)]
    ) {
        let receivers = state.withLock { $0.receivers }
        var items: [OutboxItem] = []
        var activate: [(item: OutboxItem, resendAt: Int64)] = []
        var deactivate: [(receiver: String, series: String)] = []
        for alert in alerts {
            guard let receiver = receivers[alert.receiver] else {
                logger.error(
                    "alert for unknown receiver '\(alert.receiver)' dropped", metadata: ["rule": "\(alert.rule)"])
                continue
            }
            let series = receiver.series(for: alert)
            let item = OutboxItem(
                receiver: receiver.name, key: alert.id, alertID: alert.id, rule: alert.rule,
                status: alert.status.rawValue,
                payload: receiver.payload(for: alert), series: series
            )
            items.append(item)
            if let series, let manager = receiver as? AlertmanagerReceiver {
                if alert.status == .firing {
                    activate.append((item, now.millisecondsSince1970 + manager.resendMilliseconds))
                } else {
                    deactivate.append((receiver.name, series))
                }
            }
        }
        return (items, activate, deactivate)
    }

    private func wake(_ receivers: Set<String>) {
        guard !receivers.isEmpty else { return }
        let signals = state.withLock { state in receivers.compactMap { state.signals[$0] } }
        for signal in signals { signal.signal() }
    }

    // MARK: - Delivering

    /// Delivers until the task is cancelled: one task per receiver, woken by `enqueue` or by its next retry, and
    /// a tick every second.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.tickLoop() }
            while !Task.isCancelled {
                let start = state.withLock { state -> [String] in
                    let names = Set(state.receivers.keys).subtracting(state.running)
                    state.running.formUnion(names)
                    return names.sorted()
                }
                for name in start {
                    group.addTask {
                        await self.deliveryLoop(name)
                        _ = self.state.withLock { $0.running.remove(name) }
                    }
                }
                await supervisor.wait(until: .now + .seconds(3600))
            }
            group.cancelAll()
        }
    }

    /// Delivers what is due now, for every receiver at once, and returns when nothing due is left, a receiver
    /// must wait for a retry, or `timeout` has passed. For `run --once` and shutdown.
    public func drain(timeout: Duration) async {
        do {
            try await offload { try self.tick(now: Timestamp.now) }
        } catch {
            logger.error("alert tick failed: \(error)")
        }
        let deadline = ContinuousClock.now + timeout
        let receivers = state.withLock { Array($0.receivers.values) }
        await withTaskGroup(of: Void.self) { group in
            for receiver in receivers {
                group.addTask { _ = await self.deliverDue(receiver, until: deadline) }
            }
        }
    }

    private func tickLoop() async {
        while !Task.isCancelled {
            do {
                try await offload { try self.tick(now: Timestamp.now) }
            } catch {
                logger.error("alert tick failed: \(error)")
            }
            try? await Task.sleep(for: Self.tickInterval)
        }
    }

    /// Runs blocking outbox work (SQLite, fsync) on the center's own serial queue, so that neither the cooperative
    /// pool nor the width-limited global queue waits on the disk, and to completion even when the calling task is
    /// cancelled: a delivered alert is always recorded.
    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            databaseQueue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func deliveryLoop(_ name: String) async {
        while !Task.isCancelled {
            guard let slot = state.withLock({ state in state.receivers[name].map { ($0, state.signals[name]!) } })
            else { return }
            let (receiver, signal) = slot
            let next = await deliverDue(receiver, until: nil)
            guard !Task.isCancelled else { return }
            let now = Timestamp.now.millisecondsSince1970
            let delay = max(0, min((next ?? now + 60_000) - now, 60_000))
            await signal.wait(until: .now + .milliseconds(delay))
        }
    }

    /// Delivers `receiver`'s due entries in order. Returns when its next entry falls due, or nil when it has none
    /// (or the deadline passed, or the task was cancelled).
    private func deliverDue(_ receiver: any AlertReceiver, until deadline: ContinuousClock.Instant?) async -> Int64? {
        while !Task.isCancelled {
            if let deadline, ContinuousClock.now >= deadline { return nil }
            let now = Timestamp.now.millisecondsSince1970
            if let blocked = state.withLock({ $0.blockedUntil[receiver.name] }), blocked > now { return blocked }
            let batch: [OutboxEntry]
            do {
                let name = receiver.name
                batch = try await offload { try self.outbox.due(receiver: name, now: now, limit: Self.batchSize) }
                if batch.isEmpty { return try await offload { try self.outbox.nextAttempt(receiver: name) } }
            } catch {
                logger.error("cannot read the alert outbox: \(error)")
                return now + 1000
            }
            var progressed = false
            if batch.count > 1 {
                guard let timeout = Self.attemptTimeout(receiver, until: deadline) else { return nil }
                if let together = await deliverTogether(batch, to: receiver, timeoutMilliseconds: timeout) {
                    if !together.progressed && !together.mustWait { return now + 50 }
                    continue
                }
            }
            for entry in batch {
                if Task.isCancelled { return nil }
                guard let timeout = Self.attemptTimeout(receiver, until: deadline) else { return nil }
                guard claim(entry.id) else { continue }
                progressed = true
                let outcome = await receiver.deliver(
                    entry.payload, key: entry.key, attempt: entry.attempts + 1, timeoutMilliseconds: timeout)
                let mustWait = await record(outcome, entry: entry, receiver: receiver)
                release(entry.id)
                if mustWait { break }
            }
            if !progressed { return now + 50 }
        }
        return nil
    }

    /// The receiver's attempt timeout, cut to what is left before `deadline`; nil when the deadline has passed.
    private static func attemptTimeout(
        _ receiver: any AlertReceiver, until deadline: ContinuousClock.Instant?
    ) -> Int64? {
        guard let deadline else { return receiver.timeoutMilliseconds }
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return nil }
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return min(receiver.timeoutMilliseconds, max(100, milliseconds))
    }

    /// Delivers the entries of `batch` not in flight elsewhere in one attempt, when the receiver takes several
    /// payloads at once; nil when it does not. On success they are marked delivered in one outbox transaction;
    /// any other outcome is recorded for each entry as for a single attempt.
    private func deliverTogether(
        _ batch: [OutboxEntry], to receiver: any AlertReceiver, timeoutMilliseconds: Int64
    ) async -> (progressed: Bool, mustWait: Bool)? {
        let claimed = batch.filter { claim($0.id) }
        defer { for entry in claimed { release(entry.id) } }
        guard !claimed.isEmpty else { return (false, false) }
        guard
            let outcome = await receiver.deliverAll(claimed.map(\.payload), timeoutMilliseconds: timeoutMilliseconds)
        else { return nil }
        guard case .delivered = outcome else {
            var mustWait = false
            for entry in claimed where !mustWait {
                mustWait = await record(outcome, entry: entry, receiver: receiver)
            }
            return (true, mustWait)
        }
        let now = Timestamp.now
        do {
            try await offload { try self.outbox.markDelivered(claimed.map(\.id), now: now.millisecondsSince1970) }
        } catch {
            logger.error(
                "cannot record an alert delivery in the outbox: \(error)",
                metadata: ["receiver": "\(receiver.name)", "alerts": "\(claimed.count)"])
            state.withLock { $0.blockedUntil[receiver.name] = now.millisecondsSince1970 + 1000 }
            return (true, true)
        }
        state.withLock { $0.blockedUntil[receiver.name] = nil }
        for entry in claimed {
            logger.debug(
                "alert delivered",
                metadata: [
                    "receiver": "\(receiver.name)", "alert": "\(entry.alertID)", "rule": "\(entry.rule)",
                    "attempt": "\(entry.attempts + 1)",
                ])
            observer?(
                AlertDelivery(
                    receiver: receiver.name, alertID: entry.alertID, rule: entry.rule, result: .delivered,
                    attempt: entry.attempts + 1,
                    queuedSeconds: Double(now.millisecondsSince1970 - entry.enqueuedAt) / 1000))
        }
        return (true, false)
    }

    private func claim(_ id: Int64) -> Bool {
        state.withLock { $0.inFlight.insert(id).inserted }
    }

    private func release(_ id: Int64) {
        _ = state.withLock { $0.inFlight.remove(id) }
    }

    /// Writes an attempt's outcome. Returns true when the receiver must wait before its next attempt.
    private func record(_ outcome: DeliveryOutcome, entry: OutboxEntry, receiver: any AlertReceiver) async -> Bool {
        let now = Timestamp.now
        let attempt = entry.attempts + 1
        var report = AlertDelivery(
            receiver: receiver.name, alertID: entry.alertID, rule: entry.rule, result: .delivered, attempt: attempt,
            queuedSeconds: Double(now.millisecondsSince1970 - entry.enqueuedAt) / 1000
        )
        let metadata: Logger.Metadata = [
            "receiver": "\(receiver.name)", "alert": "\(entry.alertID)", "rule": "\(entry.rule)",
            "attempt": "\(attempt)",
        ]
        var mustWait = false
        do {
            switch outcome {
            case .delivered:
                try await offload { try self.outbox.markDelivered(entry.id, now: now.millisecondsSince1970) }
                state.withLock { $0.blockedUntil[receiver.name] = nil }
                logger.debug("alert delivered", metadata: metadata)
            case .retry(let reason, let after):
                let horizonEnd = entry.enqueuedAt + receiver.retry.horizonMilliseconds
                if now.millisecondsSince1970 >= horizonEnd {
                    let waited = AlertDurations.text(now.millisecondsSince1970 - entry.enqueuedAt)
                    let why = "gave up after \(attempt) attempts in \(waited): \(reason)"
                    try await offload { try self.bury(entry, attempts: attempt, reason: why, now: now) }
                    report.result = .dead
                    logger.error("alert dead-lettered: \(reason)", metadata: metadata)
                } else {
                    let delay = after.map { max($0, 1) } ?? receiver.retry.delay(afterAttempt: attempt)
                    let next = min(now.millisecondsSince1970 + delay, horizonEnd)
                    try await offload { try self.outbox.markRetry(entry.id, nextAttemptAt: next, error: reason) }
                    state.withLock { $0.blockedUntil[receiver.name] = next }
                    report.result = .retrying
                    mustWait = true
                    let wait = AlertDurations.text(next - now.millisecondsSince1970)
                    logger.warning("alert delivery failed, next attempt in \(wait): \(reason)", metadata: metadata)
                }
            case .rejected(let reason):
                try await offload { try self.bury(entry, attempts: attempt, reason: reason, now: now) }
                report.result = .dead
                logger.error("alert refused, written to \(deadLetters.path): \(reason)", metadata: metadata)
            }
        } catch {
            logger.error("cannot record an alert delivery in the outbox: \(error)", metadata: metadata)
            state.withLock { $0.blockedUntil[receiver.name] = now.millisecondsSince1970 + 1000 }
            return true
        }
        observer?(report)
        return mustWait
    }

    /// Dead letter first, then the outbox: a crash in between repeats the dead letter rather than losing it.
    private func bury(_ entry: OutboxEntry, attempts: Int, reason: String, now: Timestamp) throws {
        try deadLetters.append(entry, attempts: attempts, reason: reason, at: now)
        try outbox.markDead(entry.id, now: now.millisecondsSince1970, reason: reason)
    }

    // MARK: - Configuration

    /// Applies a reloaded configuration's rules and receivers. The rule state carries over by rule name; the
    /// outbox and its entries stay. On error nothing changes. Rebuild the pipeline with the new `engine`.
    public func apply(_ configuration: HajunConfiguration) throws {
        try Self.checkNames(configuration)
        let receivers = try Self.makeReceivers(configuration, environment: environment)
        let old = engine
        let engine = RuleEngine(rules: configuration.rules, recordsAlerts: true)
        try engine.restore(old.snapshot().bytes, resumingAt: Timestamp.now)
        engine.runtimeSilences = old.runtimeSilences
        let recorded = old.takeRecordedAlerts()
        state.withLock { state in
            state.engine = engine
            state.receivers = receivers
            for name in receivers.keys where state.signals[name] == nil { state.signals[name] = WakeSignal() }
            state.carried.merge(recorded) { current, _ in current }
            state.blockedUntil = state.blockedUntil.filter { receivers[$0.key] != nil }
        }
        supervisor.signal()
        let signals = state.withLock { Array($0.signals.values) }
        for signal in signals { signal.signal() }
    }

    private func reloadSilences() {
        let version = silencesFile.version()
        let changed = state.withLock { state in
            defer { state.silencesVersion = version }
            return state.silencesVersion != version
        }
        guard changed else { return }
        do {
            let silences = try silencesFile.load()
            engine.runtimeSilences = silences
            logger.notice(
                "runtime silences loaded", metadata: ["file": "\(silencesFile.path)", "silences": "\(silences.count)"])
        } catch {
            logger.error("runtime silences not changed: \(error)")
        }
    }

    /// Pending entries per receiver.
    public func pendingCounts() throws -> [String: Int] { try outbox.pendingCounts() }

    /// Every outbox entry of `receiver` (or all), oldest first: for tests and diagnostics.
    public func outboxEntries(receiver: String? = nil) throws -> [OutboxEntry] {
        try outbox.entries(receiver: receiver)
    }

    // MARK: - Building

    private static func checkNames(_ configuration: HajunConfiguration) throws {
        for (list, names) in [
            ("receivers", configuration.receivers.map(\.name)), ("rules", configuration.rules.map(\.name)),
        ] {
            var seen = Set<String>()
            for (index, name) in names.enumerated() where !seen.insert(name).inserted {
                throw ConfigError(
                    file: configuration.file, line: nil, keyPath: "\(list)[\(index)].name",
                    message: "duplicate name '\(name)'")
            }
        }
    }

    static func makeReceivers(
        _ configuration: HajunConfiguration, environment: [String: String]
    ) throws -> [String: any AlertReceiver] {
        var receivers: [String: any AlertReceiver] = [:]
        for receiver in configuration.receivers {
            let http = HTTPPoster(base: configuration.limits.http, label: receiver.name)
            let retry = receiver.retry
            let timeout = receiver.timeoutMilliseconds
            switch receiver.kind {
            case .file:
                receivers[receiver.name] = FileReceiver(name: receiver.name, path: receiver.path!, retry: retry)
            case .webhook:
                var headers: [(name: String, value: String)] = []
                for (name, value) in receiver.headers.sorted(by: { $0.key < $1.key }) {
                    headers.append((name, try value.resolve(environment: environment)))
                }
                receivers[receiver.name] = WebhookReceiver(
                    name: receiver.name,
                    url: try receiver.url!.resolveURL(environment: environment),
                    secret: try receiver.secret.map { Array(try $0.resolve(environment: environment).utf8) },
                    headers: headers, retry: retry, timeoutMilliseconds: timeout, http: http
                )
            case .alertmanager:
                receivers[receiver.name] = AlertmanagerReceiver(
                    name: receiver.name, url: try receiver.url!.resolveURL(environment: environment),
                    labels: receiver.labels,
                    resendMilliseconds: receiver.resendMilliseconds, holdMilliseconds: receiver.holdMilliseconds,
                    retry: retry, timeoutMilliseconds: timeout, http: http
                )
            case .slack:
                receivers[receiver.name] = SlackReceiver(
                    name: receiver.name, url: try receiver.url!.resolveURL(environment: environment), retry: retry,
                    timeoutMilliseconds: timeout, http: http
                )
            case .telegram:
                receivers[receiver.name] = TelegramReceiver(
                    name: receiver.name, apiURL: receiver.apiURL,
                    token: try receiver.token!.resolve(environment: environment),
                    chatID: receiver.chatID!, retry: retry, timeoutMilliseconds: timeout, http: http
                )
            }
        }
        return receivers
    }
}
