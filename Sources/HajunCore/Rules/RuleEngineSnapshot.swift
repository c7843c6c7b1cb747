/// The rule engine's state as bytes, saved beside the alert outbox so that a restart neither re-fires nor forgets.
///
/// Little-endian, versioned, checksummed:
/// ```
/// "HJRE" version:u8 rules:u32
///   (name:str kind:str groupBy:str watchingSince:i64
///    fired:u32 (event:u64 time:i64)*  incidents:u32 (incident:u64 time:i64)*
///    groups:u32 (labels:u32 (name:str value:str)* watchingSince:i64 declared:u8 lastNotice:i64 interval:i64
///                episode:u8 [startedAt:i64 notified:u8 notices:u32] window:u32 (time:i64 key:u64)*)*)*
/// xxh3:u64 of everything before
/// ```
/// `str` is a u32 length and UTF-8; an absent time is `Int64.min`.
enum RuleEngineSnapshot {
    static let magic: [UInt8] = Array("HJRE".utf8)
    static let version: UInt8 = 1

    static func encode(rules: [AlertRule], states: [RuleState]) -> [UInt8] {
        var out = Writer()
        out.bytes.append(contentsOf: magic)
        out.bytes.append(version)
        out.u32(rules.count)
        for (rule, state) in zip(rules, states) {
            out.string(rule.name)
            out.string(rule.kind.rawValue)
            out.string(groupSignature(rule))
            out.i64(state.watchingSince ?? .min)
            for table in [state.firedEvents, state.incidents] {
                out.u32(table.count)
                for (key, time) in table.sorted(by: { $0.key < $1.key }) {
                    out.u64(key)
                    out.i64(time)
                }
            }
            out.u32(state.groups.count)
            for (_, group) in state.groups.sorted(by: { $0.key < $1.key }) {
                out.u32(group.labels.count)
                for label in group.labels {
                    out.string(label.name)
                    out.string(label.value)
                }
                out.i64(group.watchingSince)
                out.bytes.append(group.declared ? 1 : 0)
                out.i64(group.lastNotice ?? .min)
                out.i64(group.interval)
                if let episode = group.episode {
                    out.bytes.append(1)
                    out.i64(episode.startedAt)
                    out.bytes.append(episode.notified ? 1 : 0)
                    out.u32(episode.notices)
                } else {
                    out.bytes.append(0)
                }
                out.u32(group.window.count)
                for (time, key) in zip(group.window.times, group.window.keys) {
                    out.i64(time)
                    out.u64(key)
                }
            }
        }
        out.u64(XXH3.hash64(out.bytes))
        return out.bytes
    }

    /// The saved state of each configured rule, by index; nil for rules the snapshot does not know.
    static func decode(_ bytes: [UInt8], rules: [AlertRule]) throws(RuleSnapshotError) -> [Int: RuleState] {
        guard bytes.count >= magic.count + 1 + 8, Array(bytes.prefix(magic.count)) == magic else {
            throw RuleSnapshotError("not a rule-engine snapshot (no HJRE header)")
        }
        guard bytes[magic.count] == version else {
            throw RuleSnapshotError("snapshot version \(bytes[magic.count]), this build reads version \(version)")
        }
        let end = bytes.count - 8
        var stored: UInt64 = 0
        for offset in 0..<8 { stored |= UInt64(bytes[end + offset]) << UInt64(8 * offset) }
        guard XXH3.hash64(bytes[0..<end]) == stored else {
            throw RuleSnapshotError("checksum mismatch (truncated or damaged)")
        }
        var input = Reader(bytes: bytes, end: end, offset: magic.count + 1)
        var result: [Int: RuleState] = [:]
        for _ in 0..<(try input.u32()) {
            let name = try input.string()
            let kind = try input.string()
            let signature = try input.string()
            var state = RuleState()
            let watching = try input.i64()
            state.watchingSince = watching == .min ? nil : watching
            for table in 0..<2 {
                var values: [UInt64: Int64] = [:]
                for _ in 0..<(try input.u32()) { values[try input.u64()] = try input.i64() }
                if table == 0 { state.firedEvents = values } else { state.incidents = values }
            }
            for _ in 0..<(try input.u32()) {
                var labels: [GroupLabel] = []
                for _ in 0..<(try input.u32()) {
                    labels.append(GroupLabel(name: try input.string(), value: try input.string()))
                }
                var group = RuleGroup(labels: labels, watchingSince: try input.i64())
                group.declared = try input.u8() == 1
                let lastNotice = try input.i64()
                group.lastNotice = lastNotice == .min ? nil : lastNotice
                group.interval = try input.i64()
                if try input.u8() == 1 {
                    group.episode = RuleGroup.Episode(
                        startedAt: try input.i64(), notified: try input.u8() == 1, notices: try input.u32())
                }
                var times: [Int64] = []
                var keys: [UInt64] = []
                for _ in 0..<(try input.u32()) {
                    times.append(try input.i64())
                    keys.append(try input.u64())
                }
                group.window = EventWindow(times: times, keys: keys)
                state.groups[group.key] = group
            }
            guard let index = rules.firstIndex(where: { $0.name == name }), rules[index].kind.rawValue == kind else {
                continue
            }
            if groupSignature(rules[index]) != signature { state.groups = [:] }
            result[index] = state
        }
        guard input.offset == end else { throw RuleSnapshotError("\(end - input.offset) unexpected bytes at the end") }
        return result
    }

    private static func groupSignature(_ rule: AlertRule) -> String {
        rule.groupBy.map(\.rawValue).joined(separator: ",") + "|" + "\(rule.condition)"
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func u32(_ value: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func u64(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func i64(_ value: Int64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func string(_ value: String) {
            u32(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        let end: Int
        var offset: Int

        mutating func take(_ count: Int) throws(RuleSnapshotError) -> ArraySlice<UInt8> {
            guard count >= 0, end - offset >= count else { throw RuleSnapshotError("truncated at byte \(offset)") }
            defer { offset += count }
            return bytes[offset..<(offset + count)]
        }

        mutating func u8() throws(RuleSnapshotError) -> UInt8 { try take(1).first! }

        mutating func u32() throws(RuleSnapshotError) -> Int {
            var value: UInt32 = 0
            for (shift, byte) in try take(4).enumerated() { value |= UInt32(byte) << UInt32(8 * shift) }
            return Int(value)
        }

        mutating func u64() throws(RuleSnapshotError) -> UInt64 {
            var value: UInt64 = 0
            for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << UInt64(8 * shift) }
            return value
        }

        mutating func i64() throws(RuleSnapshotError) -> Int64 { Int64(bitPattern: try u64()) }

        mutating func string() throws(RuleSnapshotError) -> String {
            String(decoding: try take(try u32()), as: UTF8.self)
        }
    }
}
