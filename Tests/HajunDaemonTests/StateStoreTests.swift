import Foundation
import GRDB
import HajunTestSupport
import Testing

@testable import HajunDaemon

@Suite struct StateStoreTests {
    @Test func commitsAndLoadsCursorsSeenKeysAndTheDedupCheckpoint() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(directory: directory.path)
        var batch = StateCommit(lastSeq: 41)
        batch.cursors["bot"] = FeedCursor(botOffset: 1042)
        batch.cursors["rss"] = FeedCursor(etag: "\"abc\"", lastModified: "Tue, 01 Mar 2022 07:05:09 GMT")
        batch.newlySeen = [
            .init(feed: "bot", key: 1, postedAtSeconds: 100), .init(feed: "bot", key: UInt64.max, postedAtSeconds: 200),
            .init(feed: "rss", key: 7, postedAtSeconds: 300),
        ]
        batch.dedupSnapshot = .init(seq: 40, bytes: [1, 2, 3])
        try store.commit(batch)
        var next = StateCommit(lastSeq: 45)
        next.cursors["bot"] = FeedCursor(botOffset: 1050)
        try store.commit(next)

        let reopened = try StateStore(directory: directory.path).load()
        #expect(reopened.lastSeq == 45)
        #expect(reopened.dedupSeq == 40, "the checkpoint keeps its own seq when later commits carry none")
        #expect(reopened.dedupSnapshot == [1, 2, 3])
        #expect(reopened.cursors["bot"] == FeedCursor(botOffset: 1050))
        #expect(reopened.cursors["rss"]?.etag == "\"abc\"")
        #expect(reopened.cursors["rss"]?.lastModified == "Tue, 01 Mar 2022 07:05:09 GMT")
        #expect(reopened.seen["bot"] == [1, UInt64.max])
        #expect(reopened.seen["rss"] == [7])
    }

    @Test func forgetsOldSeenKeys() throws {
        let directory = try TemporaryDirectory()
        let store = try StateStore(directory: directory.path)
        var batch = StateCommit(lastSeq: 2)
        batch.newlySeen = [
            .init(feed: "f", key: 1, postedAtSeconds: 100), .init(feed: "f", key: 2, postedAtSeconds: 500),
        ]
        try store.commit(batch)
        var prune = StateCommit(lastSeq: 2)
        prune.forgetSeenBeforeSeconds = 300
        try store.commit(prune)
        #expect(try store.load().seen["f"] == [2])
    }

    @Test func migratesAVersionOneDatabase() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.sqlite")
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                    CREATE TABLE cursor (feed TEXT PRIMARY KEY NOT NULL, bot_offset INTEGER);
                    CREATE TABLE seen (feed TEXT NOT NULL, key INTEGER NOT NULL, posted_at INTEGER NOT NULL,
                        PRIMARY KEY (feed, key)) WITHOUT ROWID;
                    CREATE INDEX seen_by_time ON seen (posted_at);
                    CREATE TABLE dedup_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
                    INSERT INTO meta VALUES ('last_seq', '12');
                    INSERT INTO cursor VALUES ('bot', 77);
                    INSERT INTO dedup_snapshot VALUES (1, x'0102');
                    """
            )
        }
        try old.close()
        let loaded = try StateStore(directory: directory.path).load()
        #expect(loaded.lastSeq == 12)
        #expect(loaded.dedupSeq == 12, "a v1 snapshot was written with every commit, so it covers last_seq")
        #expect(loaded.cursors["bot"] == FeedCursor(botOffset: 77))
    }
}
