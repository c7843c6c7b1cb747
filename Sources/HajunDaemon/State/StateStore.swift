import Foundation
import GRDB

/// hajund's embedded state in one SQLite database (`state.sqlite` in the state directory): the last logged `seq`
/// the state describes, per-feed cursors (Bot API offsets, HTTP validators), the keys of posts already taken from
/// each feed, and the dedup index snapshot with the `seq` it covers.
///
/// The event log is the write-ahead record: everything a batch changes is committed in one transaction only after
/// the log lines it describes are durable, so the state never runs ahead of the log, and a start re-applies the
/// log lines the state does not cover yet (`LogRecovery`).
public final class StateStore {
    private let database: DatabaseQueue
    public let path: String

    public init(directory: String) throws {
        (database, path) = try DurableDatabase.open(directory: directory, name: "state.sqlite", migrator: Self.migrator)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE cursor (feed TEXT PRIMARY KEY NOT NULL, bot_offset INTEGER);
                    CREATE TABLE seen (
                        feed TEXT NOT NULL, key INTEGER NOT NULL, posted_at INTEGER NOT NULL,
                        PRIMARY KEY (feed, key)
                    ) WITHOUT ROWID;
                    CREATE INDEX seen_by_time ON seen (posted_at);
                    CREATE TABLE dedup_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
                    """
            )
        }
        migrator.registerMigration("v2-validators-and-dedup-seq") { db in
            try db.execute(
                sql: """
                    ALTER TABLE cursor ADD COLUMN etag TEXT;
                    ALTER TABLE cursor ADD COLUMN last_modified TEXT;
                    INSERT INTO meta (key, value)
                        SELECT 'dedup_seq', value FROM meta WHERE key = 'last_seq'
                        AND EXISTS (SELECT 1 FROM dedup_snapshot);
                    """
            )
        }
        migrator.registerMigration("v3-seen-bounds") { db in
            // Until now nothing was forgotten: the range of forgotten times starts empty.
            try db.execute(
                sql: """
                    CREATE TABLE seen_bounds (
                        feed TEXT PRIMARY KEY NOT NULL, oldest INTEGER NOT NULL, forgotten_before INTEGER NOT NULL
                    );
                    INSERT INTO seen_bounds (feed, oldest, forgotten_before)
                        SELECT feed, MIN(posted_at), MIN(posted_at) FROM seen GROUP BY feed;
                    """
            )
        }
        return migrator
    }

    /// What the last commit recorded.
    public func load() throws -> StateSnapshot {
        try database.read { db in
            var snapshot = StateSnapshot()
            snapshot.lastSeq = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'") ?? 0
            snapshot.dedupSeq = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'dedup_seq'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT feed, bot_offset, etag, last_modified FROM cursor") {
                let feed: String = row["feed"]
                snapshot.cursors[feed] = FeedCursor(
                    botOffset: row["bot_offset"],
                    etag: row["etag"],
                    lastModified: row["last_modified"]
                )
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT feed, key, posted_at FROM seen ORDER BY feed")
            while let row = try rows.next() {
                let feed: String = row["feed"]
                let key: Int64 = row["key"]
                let time: Int64 = row["posted_at"]
                snapshot.seenTimes[feed, default: [:]][UInt64(bitPattern: key)] = time
            }
            for row in try Row.fetchAll(db, sql: "SELECT feed, oldest, forgotten_before FROM seen_bounds") {
                let feed: String = row["feed"]
                snapshot.seenBounds[feed] = .init(oldest: row["oldest"], forgottenBefore: row["forgotten_before"])
            }
            snapshot.dedupSnapshot = try Data.fetchOne(db, sql: "SELECT data FROM dedup_snapshot WHERE id = 1")
                .map { [UInt8]($0) }
            if snapshot.dedupSnapshot == nil { snapshot.dedupSeq = 0 }
            return snapshot
        }
    }

    /// Commits one batch's changes atomically.
    public func commit(_ batch: StateCommit) throws {
        try database.write { db in
            try Self.setMeta(db, "last_seq", batch.lastSeq)
            for (feed, cursor) in batch.cursors {
                try db.execute(
                    sql: """
                        INSERT INTO cursor (feed, bot_offset, etag, last_modified) VALUES (?, ?, ?, ?)
                        ON CONFLICT(feed) DO UPDATE SET bot_offset = excluded.bot_offset, etag = excluded.etag,
                            last_modified = excluded.last_modified
                        """,
                    arguments: [feed, cursor.botOffset, cursor.etag, cursor.lastModified]
                )
            }
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO seen (feed, key, posted_at) VALUES (?, ?, ?)")
            for item in batch.newlySeen {
                try insert.execute(arguments: [item.feed, Int64(bitPattern: item.key), item.postedAtSeconds])
            }
            if let cutoff = batch.forgetSeenBeforeSeconds {
                try db.execute(sql: "DELETE FROM seen WHERE posted_at < ?", arguments: [cutoff])
            }
            for (feed, cutoff) in batch.forgetSeenBefore {
                try db.execute(sql: "DELETE FROM seen WHERE feed = ? AND posted_at < ?", arguments: [feed, cutoff])
            }
            for (feed, bounds) in batch.seenBounds {
                try db.execute(
                    sql: """
                        INSERT INTO seen_bounds (feed, oldest, forgotten_before) VALUES (?, ?, ?)
                        ON CONFLICT(feed) DO UPDATE SET oldest = excluded.oldest,
                            forgotten_before = excluded.forgotten_before
                        """,
                    arguments: [feed, bounds.oldest, bounds.forgottenBefore]
                )
            }
            if let dedup = batch.dedupSnapshot {
                try db.execute(
                    sql:
                        "INSERT INTO dedup_snapshot (id, data) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                    arguments: [Data(dedup.bytes)]
                )
                try Self.setMeta(db, "dedup_seq", dedup.seq)
            }
        }
    }

    private static func setMeta(_ db: Database, _ key: String, _ value: Int64) throws {
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, String(value)]
        )
    }
}
