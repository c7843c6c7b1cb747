import Foundation
import GRDB

/// Opens one of hajund's SQLite files in the state directory the way every one of them must be opened: WAL with
/// `synchronous = FULL`, so that a commit that returned is on disk (the state and the outbox commit only after the
/// log lines they describe are durable, and must be just as durable themselves), and migrated to the newest schema.
enum DurableDatabase {
    /// Creates `directory` if needed and opens `directory/name`; returns the queue and the file's path.
    static func open(
        directory: String, name: String, migrator: DatabaseMigrator
    ) throws -> (database: DatabaseQueue, path: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        // Another hajund process (a replay, a second daemon by mistake) holding a write lock: wait rather than fail.
        configuration.busyMode = .timeout(10)
        let database = try DatabaseQueue(path: path, configuration: configuration)
        try migrator.migrate(database)
        return (database, path)
    }
}
