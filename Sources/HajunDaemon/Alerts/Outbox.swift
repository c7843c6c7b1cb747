import Foundation
import GRDB

/// The durable alert outbox: one SQLite database (`outbox.sqlite` in the state directory) holding every alert
/// until its receiver took it, the rule engine's state, and Alertmanager's active alerts.
///
/// Enqueueing is idempotent by (receiver, key), and committed with `synchronous = FULL` before it returns, so
/// nothing enqueued is lost to a crash, SIGKILL or power loss. Delivered and dead entries stay as tombstones for
/// a week so that an alert re-enqueued after a crash is recognised.
final class Outbox: Sendable {
    /// How long delivered and dead entries are kept.
    static let tombstoneMilliseconds: Int64 = 7 * 86_400_000

    let path: String
    private let database: DatabaseQueue

    init(directory: String) throws {
        (database, path) = try DurableDatabase.open(
            directory: directory, name: "outbox.sqlite", migrator: Self.migrator)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE delivery (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        receiver TEXT NOT NULL,
                        key TEXT NOT NULL,
                        alert_id TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        status TEXT NOT NULL,
                        series TEXT,
                        payload BLOB NOT NULL,
                        state INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        enqueued_at INTEGER NOT NULL,
                        next_attempt_at INTEGER NOT NULL,
                        done_at INTEGER,
                        last_error TEXT,
                        UNIQUE (receiver, key)
                    );
                    CREATE INDEX delivery_due ON delivery (receiver, next_attempt_at, id) WHERE state = 0;
                    CREATE INDEX delivery_done ON delivery (done_at) WHERE state <> 0;
                    CREATE TABLE rule_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL, saved_at INTEGER NOT NULL
                    );
                    CREATE TABLE alertmanager_active (
                        receiver TEXT NOT NULL,
                        series TEXT NOT NULL,
                        alert_id TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        payload BLOB NOT NULL,
                        next_resend_at INTEGER NOT NULL,
                        PRIMARY KEY (receiver, series)
                    );
                    """
            )
        }
        return migrator
    }

    // MARK: - Writing

    /// Adds items (those already known by receiver and key are ignored), saves the rule state if given, and
    /// records Alertmanager's active alerts; one transaction. Returns the receivers that got new entries.
    @discardableResult
    func enqueue(
        _ items: [OutboxItem],
        ruleState: [UInt8]? = nil,
        activate: [(item: OutboxItem, resendAt: Int64)] = [],
        deactivate: [(receiver: String, series: String)] = [],
        now: Int64
    ) throws -> Set<String> {
        try database.write { db in
            var touched = Set<String>()
            let insert = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO delivery
                        (receiver, key, alert_id, rule, status, series, payload, enqueued_at, next_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            for item in items {
                try insert.execute(arguments: [
                    item.receiver, item.key, item.alertID, item.rule, item.status, item.series, Data(item.payload), now,
                    now,
                ])
                if db.changesCount > 0 { touched.insert(item.receiver) }
            }
            for (item, resendAt) in activate {
                try db.execute(
                    sql: """
                        INSERT INTO alertmanager_active (receiver, series, alert_id, rule, payload, next_resend_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (receiver, series) DO UPDATE SET alert_id = excluded.alert_id,
                            payload = excluded.payload, next_resend_at = excluded.next_resend_at
                        """,
                    arguments: [item.receiver, item.series, item.alertID, item.rule, Data(item.payload), resendAt]
                )
            }
            for (receiver, series) in deactivate {
                try db.execute(
                    sql: "DELETE FROM alertmanager_active WHERE receiver = ? AND series = ?",
                    arguments: [receiver, series]
                )
            }
            if let ruleState {
                try db.execute(
                    sql: """
                        INSERT INTO rule_state (id, data, saved_at) VALUES (1, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at
                        """,
                    arguments: [Data(ruleState), now]
                )
            }
            return touched
        }
    }

    /// Queues a re-send of every active Alertmanager alert that is due, unless one for the same alert is still
    /// pending. Returns the receivers that got entries.
    func queueResends(now: Int64, interval: (String) -> Int64) throws -> Set<String> {
        try writeRelaxed { db in
            var touched = Set<String>()
            let due = try Row.fetchAll(
                db,
                sql:
                    """
                    SELECT receiver, series, alert_id, rule, payload FROM alertmanager_active
                    WHERE next_resend_at <= ?
                    """,
                arguments: [now]
            )
            for row in due {
                let receiver: String = row["receiver"]
                let series: String = row["series"]
                let pending =
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT EXISTS (SELECT 1 FROM delivery WHERE receiver = ? AND series = ? AND state = 0)",
                        arguments: [receiver, series]
                    ) ?? false
                if !pending {
                    let alertID: String = row["alert_id"]
                    try db.execute(
                        sql: """
                            INSERT OR IGNORE INTO delivery
                                (receiver, key, alert_id, rule, status, series, payload, enqueued_at, next_attempt_at)
                            VALUES (?, ?, ?, ?, 'firing', ?, ?, ?, ?)
                            """,
                        arguments: [
                            receiver, "\(alertID)@\(now)", alertID, row["rule"] as String, series,
                            row["payload"] as Data, now, now,
                        ]
                    )
                    touched.insert(receiver)
                }
                try db.execute(
                    sql: "UPDATE alertmanager_active SET next_resend_at = ? WHERE receiver = ? AND series = ?",
                    arguments: [now + interval(receiver), receiver, series]
                )
            }
            return touched
        }
    }

    func markDelivered(_ id: Int64, now: Int64) throws {
        try markDelivered([id], now: now)
    }

    /// Marks entries delivered in one transaction.
    func markDelivered(_ ids: [Int64], now: Int64) throws {
        try writeRelaxed { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE delivery SET state = 1, attempts = attempts + 1, done_at = ?, payload = x'', last_error = NULL
                    WHERE id = ?
                    """)
            for id in ids { try statement.execute(arguments: [now, id]) }
        }
    }

    func markRetry(_ id: Int64, nextAttemptAt: Int64, error: String) throws {
        try writeRelaxed { db in
            try db.execute(
                sql: "UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [nextAttemptAt, error, id]
            )
        }
    }

    func markDead(_ id: Int64, now: Int64, reason: String) throws {
        try writeRelaxed { db in
            try db.execute(
                sql:
                    """
                    UPDATE delivery SET state = 2, attempts = attempts + 1, done_at = ?, payload = x'', last_error = ?
                    WHERE id = ?
                    """,
                arguments: [now, reason, id]
            )
        }
    }

    /// Forgets tombstones older than a week.
    func purge(now: Int64) throws {
        try writeRelaxed { db in
            try db.execute(
                sql: "DELETE FROM delivery WHERE state <> 0 AND done_at < ?",
                arguments: [now - Self.tombstoneMilliseconds])
        }
    }

    /// A write that does not wait for fsync (`synchronous = NORMAL` in WAL mode): it survives a crash or SIGKILL
    /// but not a power loss. For delivery bookkeeping only, where losing the last updates means an alert is sent
    /// again (delivery is at least once anyway), never for enqueueing.
    private func writeRelaxed<T>(_ updates: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var result: T?
            try db.inTransaction {
                result = try updates(db)
                return .commit
            }
            return result!
        }
    }

    // MARK: - Reading

    /// Pending entries of `receiver` due at `now`, oldest first.
    func due(receiver: String, now: Int64, limit: Int) throws -> [OutboxEntry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM delivery WHERE receiver = ? AND state = 0 AND next_attempt_at <= ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [receiver, now, limit]
            ).map(Self.entry)
        }
    }

    /// When the next pending entry of `receiver` falls due.
    func nextAttempt(receiver: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT MIN(next_attempt_at) FROM delivery WHERE receiver = ? AND state = 0",
                arguments: [receiver])
        }
    }

    /// Every entry, for tests and diagnostics.
    func entries(receiver: String? = nil) throws -> [OutboxEntry] {
        try database.read { db in
            if let receiver {
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM delivery WHERE receiver = ? ORDER BY id", arguments: [receiver]
                ).map(Self.entry)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM delivery ORDER BY id").map(Self.entry)
        }
    }

    /// Pending entries per receiver.
    func pendingCounts() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT receiver, COUNT(*) AS n FROM delivery WHERE state = 0 GROUP BY receiver")
            {
                counts[row["receiver"]] = row["n"]
            }
            return counts
        }
    }

    func ruleState() throws -> [UInt8]? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT data FROM rule_state WHERE id = 1").map { [UInt8]($0) }
        }
    }

    private static func entry(_ row: Row) -> OutboxEntry {
        let payload: Data = row["payload"]
        return OutboxEntry(
            id: row["id"],
            receiver: row["receiver"],
            key: row["key"],
            alertID: row["alert_id"],
            rule: row["rule"],
            status: row["status"],
            payload: [UInt8](payload),
            state: OutboxEntry.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"],
            enqueuedAt: row["enqueued_at"],
            nextAttemptAt: row["next_attempt_at"],
            lastError: row["last_error"]
        )
    }
}
