import Foundation
import GRDB

/// hajund's embedded state in one SQLite database (`state.sqlite` in the state directory): the last logged
/// `seq` the state describes, per-feed cursors, the keys of posts already taken from each feed, and the dedup
/// index snapshot. Everything a poll changes is committed in one transaction, after the log write it describes
/// is durable, so the state never runs ahead of the log.
public final class StateStore {
    private let database: DatabaseQueue
    public let path: String

    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("state.sqlite")
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        database = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(database)
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
        return migrator
    }

    /// What the last commit recorded.
    public func load() throws -> StateSnapshot {
        try database.read { db in
            var snapshot = StateSnapshot()
            snapshot.lastSeq = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'last_seq'") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT feed, bot_offset FROM cursor") {
                let feed: String = row["feed"]
                snapshot.botOffsets[feed] = row["bot_offset"]
            }
            for row in try Row.fetchAll(db, sql: "SELECT feed, key FROM seen") {
                let feed: String = row["feed"]
                let key: Int64 = row["key"]
                snapshot.seen[feed, default: []].insert(UInt64(bitPattern: key))
            }
            snapshot.dedupSnapshot = try Data.fetchOne(db, sql: "SELECT data FROM dedup_snapshot WHERE id = 1")
                .map { [UInt8]($0) }
            return snapshot
        }
    }

    /// Commits one poll's changes atomically.
    public func commit(_ batch: StateCommit) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT INTO meta (key, value) VALUES ('last_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [String(batch.lastSeq)]
            )
            for (feed, offset) in batch.botOffsets {
                try db.execute(
                    sql: "INSERT INTO cursor (feed, bot_offset) VALUES (?, ?) ON CONFLICT(feed) DO UPDATE SET bot_offset = excluded.bot_offset",
                    arguments: [feed, offset]
                )
            }
            let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO seen (feed, key, posted_at) VALUES (?, ?, ?)")
            for item in batch.newlySeen {
                try insert.execute(arguments: [item.feed, Int64(bitPattern: item.key), item.postedAtSeconds])
            }
            if let cutoff = batch.forgetSeenBeforeSeconds {
                try db.execute(sql: "DELETE FROM seen WHERE posted_at < ?", arguments: [cutoff])
            }
            if let dedup = batch.dedupSnapshot {
                try db.execute(
                    sql: "INSERT INTO dedup_snapshot (id, data) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                    arguments: [Data(dedup)]
                )
            }
        }
    }
}

/// The state as the last commit left it.
public struct StateSnapshot: Sendable {
    public var lastSeq: Int64 = 0
    public var botOffsets: [String: Int64] = [:]
    public var seen: [String: Set<UInt64>] = [:]
    public var dedupSnapshot: [UInt8]?
}

/// What one poll changed.
public struct StateCommit: Sendable {
    public struct SeenPost: Sendable {
        public var feed: String
        public var key: UInt64
        public var postedAtSeconds: Int64
    }

    public var lastSeq: Int64
    public var botOffsets: [String: Int64] = [:]
    public var newlySeen: [SeenPost] = []
    public var forgetSeenBeforeSeconds: Int64?
    public var dedupSnapshot: [UInt8]?

    public init(lastSeq: Int64) {
        self.lastSeq = lastSeq
    }
}
