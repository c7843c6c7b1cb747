import HajunCore

/// The backups beside a live log file, as the writer, the maintainer and readers see them.
struct LogDirectory {
    /// One rotated-out generation. A backup being compressed can briefly exist twice (plain and `.gz`); the
    /// plain one is then preferred, since it is complete and the `.gz` may still be removed by a cleanup.
    struct Backup: Sendable {
        var path: String
        var firstSeq: Int64
        var compressed: Bool
        /// When the daemon rotated it out (from the name); nil for backups named by logrotate.
        var rotatedAt: Timestamp?
    }

    /// The daemon's own backups grouped by generation, for compression and retention.
    struct OwnGeneration: Sendable {
        var name: LogBackupName
        var plainPath: String?
        var gzipPath: String?
    }

    let livePath: String
    let directory: String
    let liveFileName: String
    let liveName: LogBackupName.LiveName

    init(livePath: String) {
        self.livePath = livePath
        directory = LogFileSystem.directoryName(of: livePath)
        liveFileName = LogFileSystem.fileName(of: livePath)
        liveName = .init(liveFileName)
    }

    func path(_ fileName: String) -> String {
        directory == "/" ? "/" + fileName : directory + "/" + fileName
    }

    func path(of name: LogBackupName) -> String {
        path(name.fileName(for: liveName))
    }

    /// The daemon's backups by generation, oldest first, and leftover temporary files of interrupted compressions.
    func ownGenerations() throws -> (generations: [OwnGeneration], temporaries: [String]) {
        var byKey: [Int64: OwnGeneration] = [:]
        var temporaries: [String] = []
        for fileName in try listing() {
            guard let name = LogBackupName(fileName: fileName, live: liveName) else { continue }
            let full = path(fileName)
            var plainName = name
            plainName.kind = .plain
            var generation = byKey[name.firstSeq] ?? OwnGeneration(name: plainName)
            switch name.kind {
            case .plain: generation.plainPath = full
            case .gzip: generation.gzipPath = full
            case .temporary:
                temporaries.append(full)
                continue
            }
            byKey[name.firstSeq] = generation
        }
        return (byKey.values.sorted { $0.name.firstSeq < $1.name.firstSeq }, temporaries)
    }

    /// Every backup a reader should consider, oldest first: the daemon's own (ordered by the `seq` in their
    /// names) and files logrotate made from the live name (`events.jsonl.1`, `events.jsonl-20260101.gz`, ordered
    /// by the `seq` of their first complete line).
    func backups() throws -> [Backup] {
        var result: [Backup] = []
        for generation in try ownGenerations().generations {
            if let plain = generation.plainPath {
                result.append(
                    .init(
                        path: plain, firstSeq: generation.name.firstSeq, compressed: false,
                        rotatedAt: generation.name.rotatedAt))
            } else if let gzip = generation.gzipPath {
                result.append(
                    .init(
                        path: gzip, firstSeq: generation.name.firstSeq, compressed: true,
                        rotatedAt: generation.name.rotatedAt))
            }
        }
        for fileName in try listing() where isExternalBackup(fileName) {
            let full = path(fileName)
            let compressed = fileName.hasSuffix(".gz")
            // A damaged or empty file holds nothing to read; it must not hide the others.
            guard let first = try? LogFileScan.firstSeq(path: full, compressed: compressed) else { continue }
            result.append(.init(path: full, firstSeq: first, compressed: compressed, rotatedAt: nil))
        }
        return result.sorted { $0.firstSeq < $1.firstSeq }
    }

    private func isExternalBackup(_ fileName: String) -> Bool {
        guard fileName.count > liveFileName.count, fileName.hasPrefix(liveFileName) else { return false }
        let separator = fileName[fileName.index(fileName.startIndex, offsetBy: liveFileName.count)]
        return (separator == "." || separator == "-") && !fileName.hasSuffix(".tmp")
    }

    private func listing() throws -> [String] {
        guard LogFileSystem.exists(directory) else { return [] }
        return try LogFileSystem.listDirectory(directory)
    }
}
