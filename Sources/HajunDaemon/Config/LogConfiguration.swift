/// The `log:` section: where events go, how durable each append is, and how the file rotates (`docs/log.md`).
public struct LogConfiguration: Sendable, Hashable {
    /// When appended lines reach the disk (Redis's `appendfsync`).
    public enum FsyncPolicy: String, Sendable, Hashable, CaseIterable {
        /// `fdatasync` after every line: nothing acknowledged is ever lost, at the price of throughput.
        case always
        /// Group commit: at most once per `fsync_interval` and before every rotation and shutdown.
        case interval
        /// Leave it to the operating system; a power cut can lose the last seconds.
        case never
    }

    /// Who rotates the live file.
    public enum RotationMode: String, Sendable, Hashable, CaseIterable {
        /// hajund itself, by size and age, with compression and retention.
        case daemon = "internal"
        /// An outside tool such as logrotate, which renames the file and sends SIGHUP so hajund reopens it.
        case external
    }

    /// Absolute path of the live file.
    public var path: String
    public var fsync: FsyncPolicy
    public var fsyncIntervalMilliseconds: Int64
    public var rotation: RotationMode
    /// Rotate before the live file would exceed this many bytes; 0 disables rotation by size.
    public var rotateSize: Int64
    /// Rotate when the wall clock enters a new period of this length (UTC-aligned: `1d` rotates at midnight UTC);
    /// 0 disables rotation by age.
    public var rotateAgeMilliseconds: Int64
    /// Never rotate twice within this interval, so that a follower that polls sees every generation.
    public var minIntervalMilliseconds: Int64
    /// How many backups to keep.
    public var keep: Int
    /// Remove backups rotated out longer ago than this; 0 keeps them regardless of age.
    public var keepAgeMilliseconds: Int64
    /// gzip every backup but the newest.
    public var compress: Bool

    public static let defaultPath = "./var/log/events.jsonl"

    public init(
        path: String,
        fsync: FsyncPolicy = .interval,
        fsyncIntervalMilliseconds: Int64 = 1000,
        rotation: RotationMode = .daemon,
        rotateSize: Int64 = 64 << 20,
        rotateAgeMilliseconds: Int64 = 86_400_000,
        minIntervalMilliseconds: Int64 = 1000,
        keep: Int = 14,
        keepAgeMilliseconds: Int64 = 30 * 86_400_000,
        compress: Bool = true
    ) {
        self.path = path
        self.fsync = fsync
        self.fsyncIntervalMilliseconds = fsyncIntervalMilliseconds
        self.rotation = rotation
        self.rotateSize = rotateSize
        self.rotateAgeMilliseconds = rotateAgeMilliseconds
        self.minIntervalMilliseconds = minIntervalMilliseconds
        self.keep = keep
        self.keepAgeMilliseconds = keepAgeMilliseconds
        self.compress = compress
    }

    static let keys: Set<String> = [
        "path", "fsync", "fsync_interval", "rotate", "rotate_size", "rotate_age", "min_interval", "keep", "keep_age",
        "compress",
    ]

    /// Reads the `log:` section; a missing section gives the defaults. Relative paths resolve against
    /// `baseDirectory` (the config file's directory).
    public init(from node: ConfigNode?, baseDirectory: String) throws {
        let map = try node?.mapping(allowedKeys: Self.keys)
        let pathNode = map?.optional("path")
        let path = try pathNode?.string() ?? Self.defaultPath
        if let pathNode, path.isEmpty || path.hasSuffix("/") {
            throw pathNode.error("expected the path of a file, not '\(path)'")
        }
        self.init(path: ConfigPaths.resolve(path, against: baseDirectory))
        if let value = map?.optional("fsync") { fsync = try value.choice(FsyncPolicy.self) }
        if let value = map?.optional("fsync_interval") {
            fsyncIntervalMilliseconds = try value.durationMilliseconds()
            guard fsyncIntervalMilliseconds > 0 else { throw value.error("must be longer than 0") }
        }
        if let value = map?.optional("rotate") { rotation = try value.choice(RotationMode.self) }
        if let value = map?.optional("rotate_size") {
            rotateSize = try value.byteSize()
            guard rotateSize == 0 || rotateSize >= 4096 else {
                throw value.error("must be at least 4096 bytes (or 0 to rotate by age only)")
            }
        }
        if let value = map?.optional("rotate_age") { rotateAgeMilliseconds = try value.durationMilliseconds() }
        if let value = map?.optional("min_interval") { minIntervalMilliseconds = try value.durationMilliseconds() }
        if let value = map?.optional("keep") {
            keep = try value.int()
            guard keep >= 0 else { throw value.error("must be 0 or more") }
        }
        if let value = map?.optional("keep_age") { keepAgeMilliseconds = try value.durationMilliseconds() }
        if let value = map?.optional("compress") { compress = try value.bool() }
    }
}
