/// Identifies one delivery of a post within a feed, so a poller takes each post (and each edit) once even when
/// a file or a feed is read again.
public enum PostKey {
    public static func key(for report: Report) -> UInt64 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(report.chat.utf8.count + 24)
        bytes.append(contentsOf: report.chat.utf8)
        bytes.append(0)
        if let id = report.messageID {
            withUnsafeBytes(of: id.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: (report.editedAt?.millisecondsSince1970 ?? -1).littleEndian) {
                bytes.append(contentsOf: $0)
            }
            // An edit without an edit time is still a different delivery when its text differs.
            if report.editedAt == nil { bytes.append(contentsOf: report.text.utf8) }
        } else {
            bytes.append(contentsOf: (report.url ?? "").utf8)
            bytes.append(0)
            bytes.append(contentsOf: report.text.utf8)
        }
        return XXH3.hash64(bytes)
    }
}
