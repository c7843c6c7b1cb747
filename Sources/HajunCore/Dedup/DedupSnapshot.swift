/// The dedup index's binary snapshot, saved in the state directory so that a restart does not forget.
///
/// Little-endian, versioned, checksummed:
/// ```
/// "HJDX" version:u8 highWater:u32
/// posts:u32      postKey[n]:u64 exact[n]:u64 seconds[n]:u32 incident[n]:u32
/// incidents:u32  eventID[m]:u64 simhash[m]:u64 firstSource[m]:u32 sourceCount[m]:u8
/// others:u32     ((incident + 1) << 32 | source):u64*
/// places:u32 (length:u16 utf8)*   equipment:u32 (length:u16 utf8)*
/// near:u32       (simhash:u64 post:u32 seconds:u32 profile:104 bytes)*
/// xxh3:u64 of everything before
/// ```
/// Lookup tables are rebuilt on load, not stored.
enum DedupSnapshot {
    static let magic: [UInt8] = Array("HJDX".utf8)
    /// Version 2 keeps plain numbers by value (`PostProfile.numberCode`); version 1 kept hashes of their digits,
    /// which are still read, without those numbers (a number not stated is no conflict).
    static let version: UInt8 = 2
    static let oldestReadableVersion: UInt8 = 1

    static func encode(_ engine: DedupEngine) -> [UInt8] {
        var out = Writer()
        let posts = engine.posts
        let incidents = engine.incidents
        out.bytes.reserveCapacity(64 + posts.count * 24 + incidents.count * 21 + engine.near.count * 120)
        out.bytes.append(contentsOf: magic)
        out.u8(version)
        out.u32(engine.highWater)
        out.u32(UInt32(posts.count))
        for value in posts.postKey { out.u64(value) }
        for value in posts.exact { out.u64(value) }
        for value in posts.seconds { out.u32(value) }
        for value in posts.incident { out.u32(value) }
        out.u32(UInt32(incidents.count))
        for value in incidents.eventID { out.u64(value) }
        for value in incidents.simhash { out.u64(value) }
        for value in incidents.firstSource { out.u32(value) }
        for value in incidents.sourceCount { out.u8(value) }
        let others = incidents.otherSources.keys.sorted()
        out.u32(UInt32(others.count))
        for key in others { out.u64(key) }
        for ids in [engine.interner.placeIDs, engine.interner.equipmentIDs] {
            out.u32(UInt32(ids.count))
            for id in ids {
                let utf8 = Array(id.utf8.prefix(Int(UInt16.max)))
                out.u16(UInt16(utf8.count))
                out.bytes.append(contentsOf: utf8)
            }
        }
        let near = engine.near
        out.u32(UInt32(near.count))
        for entry in 0..<near.count {
            out.u64(near.hot[entry].simhash)
            out.u32(near.post[entry])
            out.u32(near.hot[entry].seconds)
            out.profile(near.profile[entry])
        }
        out.u64(XXH3.hash64(out.bytes))
        return out.bytes
    }

    static func decode(_ bytes: [UInt8], into engine: inout DedupEngine) throws {
        guard bytes.count >= magic.count + 1 + 8, Array(bytes.prefix(magic.count)) == magic else {
            throw DedupSnapshotError("not a dedup snapshot (no HJDX header)")
        }
        let snapshotVersion = bytes[magic.count]
        guard snapshotVersion >= oldestReadableVersion && snapshotVersion <= version else {
            throw DedupSnapshotError(
                "dedup snapshot version \(bytes[magic.count]), this build reads version \(version)")
        }
        let body = bytes.count - 8
        var stored: UInt64 = 0
        for offset in 0..<8 { stored |= UInt64(bytes[body + offset]) << UInt64(8 * offset) }
        guard XXH3.hash64(bytes[0..<body]) == stored else {
            throw DedupSnapshotError("dedup snapshot checksum mismatch (truncated or damaged)")
        }
        var input = Reader(bytes: bytes, end: body, offset: magic.count + 1)
        let highWater = try input.u32()

        let postCount = Int(try input.u32())
        try input.require(postCount * 24, "posts")
        let postKey = try (0..<postCount).map { _ in try input.u64() }
        let exact = try (0..<postCount).map { _ in try input.u64() }
        let seconds = try (0..<postCount).map { _ in try input.u32() }
        let incident = try (0..<postCount).map { _ in try input.u32() }

        let incidentCount = Int(try input.u32())
        try input.require(incidentCount * 21, "incidents")
        let eventID = try (0..<incidentCount).map { _ in try input.u64() }
        let simhash = try (0..<incidentCount).map { _ in try input.u64() }
        let firstSource = try (0..<incidentCount).map { _ in try input.u32() }
        let sourceCount = try (0..<incidentCount).map { _ in try input.u8() }
        var incidents = IncidentStore(reserving: incidentCount)
        for number in 0..<incidentCount {
            incidents.restore(
                eventID: eventID[number], simhash: simhash[number], firstSource: firstSource[number],
                sources: sourceCount[number])
        }
        let otherCount = Int(try input.u32())
        try input.require(otherCount * 8, "sources")
        for _ in 0..<otherCount {
            let key = try input.u64()
            guard incidents.restore(otherSource: key) else { throw DedupSnapshotError("source of unknown incident") }
        }

        var posts = PostStore(reserving: postCount)
        for row in 0..<postCount {
            guard Int(incident[row]) < incidentCount else {
                throw DedupSnapshotError("post \(row) of unknown incident \(incident[row])")
            }
            posts.append(
                postKey: postKey[row], exact: exact[row], seconds: seconds[row], incident: incident[row],
                indexText: true)
        }
        let places = try input.strings()
        let equipment = try input.strings()
        let nearCount = Int(try input.u32())
        try input.require(nearCount * 120, "near entries")
        var near = NearStore(radius: engine.configuration.maxSimHashDistance, expectedCount: nearCount)
        for _ in 0..<nearCount {
            let (simhash, post, seconds) = (try input.u64(), try input.u32(), try input.u32())
            var profile = try input.profile()
            if snapshotVersion < 2 {
                for index in 0..<4 where profile.numbers[index] & 1 == 0 { profile.numbers[index] = 0 }
            }
            guard Int(post) < postCount else { throw DedupSnapshotError("near entry for unknown post \(post)") }
            near.insert(
                simhash: simhash, post: post, incident: posts.incident[Int(post)], seconds: seconds, profile: profile)
        }
        guard input.offset == body else {
            throw DedupSnapshotError("\(body - input.offset) unexpected bytes at the end")
        }
        engine.highWater = highWater
        engine.posts = posts
        engine.incidents = incidents
        engine.near = near
        engine.interner = FactInterner(places: places, equipment: equipment)
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }

        mutating func profile(_ profile: PostProfile) {
            for index in 0..<16 { u16(profile.stems[index]) }
            u8(profile.stemCount)
            u8(profile.wordCount)
            for index in 0..<4 { u16(profile.numbers[index]) }
            for index in 0..<4 { u16(profile.names[index]) }
            for index in 0..<3 { u16(profile.places[index]) }
            u16(profile.direction)
            for index in 0..<2 { u16(profile.equipment[index]) }
            for index in 0..<2 { u16(profile.counts[index]) }
            u8(profile.category)
            u8(profile.script)
            for index in 0..<4 { u64(profile.wordSkeletons[index]) }
            for index in 0..<2 { u16(profile.textAnchors[index]) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        let end: Int
        var offset: Int

        func require(_ count: Int, _ what: String) throws {
            guard count >= 0, end - offset >= count else {
                throw DedupSnapshotError("dedup snapshot too short for its \(what) at byte \(offset)")
            }
        }

        mutating func take(_ count: Int) throws -> UInt64 {
            try require(count, "fields")
            var value: UInt64 = 0
            for index in 0..<count { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            offset += count
            return value
        }

        mutating func u8() throws -> UInt8 { UInt8(try take(1)) }
        mutating func u16() throws -> UInt16 { UInt16(try take(2)) }
        mutating func u32() throws -> UInt32 { UInt32(try take(4)) }
        mutating func u64() throws -> UInt64 { try take(8) }

        mutating func strings() throws -> [String] {
            let count = Int(try u32())
            try require(count * 2, "ids")
            var result: [String] = []
            for _ in 0..<count {
                let length = Int(try u16())
                try require(length, "ids")
                result.append(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))
                offset += length
            }
            return result
        }

        mutating func profile() throws -> PostProfile {
            var profile = PostProfile()
            for index in 0..<16 { profile.stems[index] = try u16() }
            profile.stemCount = min(try u8(), UInt8(PostProfile.stemCapacity))
            profile.wordCount = try u8()
            for index in 0..<4 { profile.numbers[index] = try u16() }
            for index in 0..<4 { profile.names[index] = try u16() }
            for index in 0..<3 { profile.places[index] = try u16() }
            profile.direction = try u16()
            for index in 0..<2 { profile.equipment[index] = try u16() }
            for index in 0..<2 { profile.counts[index] = try u16() }
            profile.category = min(try u8(), UInt8(Category.allCases.count))
            profile.script = try u8()
            for index in 0..<4 { profile.wordSkeletons[index] = try u64() }
            for index in 0..<2 { profile.textAnchors[index] = try u16() }
            return profile
        }
    }
}
