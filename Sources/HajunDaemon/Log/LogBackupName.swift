import HajunCore

/// The name of a backup the daemon rotated out: `events-20260101T120000Z-000000000042.jsonl[.gz]` for the live
/// file `events.jsonl`, where the time is the rotation (UTC) and the number is the first `seq` inside.
///
/// The stem is followed by `-`, not `.`, so that no backup matches the live file's name or the glob
/// `events.jsonl*`: `tail -F events.jsonl` and shippers that glob the live name never read a line twice. The first
/// `seq` in the name lets readers order backups and find the one holding a given `seq` without opening them.
struct LogBackupName: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case plain
        case gzip
        /// A compression in progress (or interrupted by a crash): `….jsonl.gz.tmp`.
        case temporary
    }

    var rotatedAt: Timestamp
    var firstSeq: Int64
    var kind: Kind

    static let gzipSuffix = ".gz"
    static let temporarySuffix = ".gz.tmp"

    /// The live file name split at its last dot: `events.jsonl` gives `events` and `.jsonl`.
    struct LiveName: Hashable, Sendable {
        var stem: String
        var fileExtension: String

        init(_ fileName: String) {
            if let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex {
                stem = String(fileName[..<dot])
                fileExtension = String(fileName[dot...])
            } else {
                stem = fileName
                fileExtension = ""
            }
        }
    }

    func fileName(for live: LiveName) -> String {
        // RFC 3339 without separators: 2026-01-01T12:00:00Z becomes 20260101T120000Z.
        let stamp = Timestamp(secondsSince1970: rotatedAt.secondsSince1970).rfc3339
        var name = live.stem + "-" + stamp.filter { $0 != "-" && $0 != ":" }.dropLast()
        name += "Z-" + Self.pad(Int(firstSeq), 12) + live.fileExtension
        switch kind {
        case .plain: break
        case .gzip: name += Self.gzipSuffix
        case .temporary: name += Self.temporarySuffix
        }
        return name
    }

    /// Parses a directory entry; nil for anything that is not one of this live file's backups.
    init?(fileName: String, live: LiveName) {
        var rest = Substring(fileName)
        guard rest.hasPrefix(live.stem + "-") else { return nil }
        rest = rest.dropFirst(live.stem.count + 1)
        if rest.hasSuffix(Self.temporarySuffix) {
            kind = .temporary
            rest = rest.dropLast(Self.temporarySuffix.count)
        } else if rest.hasSuffix(Self.gzipSuffix) {
            kind = .gzip
            rest = rest.dropLast(Self.gzipSuffix.count)
        } else {
            kind = .plain
        }
        guard rest.hasSuffix(live.fileExtension) else { return nil }
        rest = rest.dropLast(live.fileExtension.count)
        // 20260101T120000Z-000000000042
        let bytes = Array(rest.utf8)
        guard bytes.count >= 18, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes[16] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[4..<6]),
            let day = Self.number(bytes[6..<8]), let hour = Self.number(bytes[9..<11]),
            let minute = Self.number(bytes[11..<13]), let second = Self.number(bytes[13..<15]),
            let seq = Self.number(bytes[17...]),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let text =
            "\(Self.pad(Int(year), 4))-\(Self.pad(Int(month), 2))-\(Self.pad(Int(day), 2))T"
            + "\(Self.pad(Int(hour), 2)):\(Self.pad(Int(minute), 2)):\(Self.pad(Int(second), 2))Z"
        guard let time = Timestamp(parsing: text) else { return nil }
        rotatedAt = time
        firstSeq = seq
    }

    init(rotatedAt: Timestamp, firstSeq: Int64, kind: Kind) {
        self.rotatedAt = rotatedAt
        self.firstSeq = firstSeq
        self.kind = kind
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
