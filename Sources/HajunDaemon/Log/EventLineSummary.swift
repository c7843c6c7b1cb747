import Foundation
import HajunCore

/// The fields of an event line that `hajund tail` shows and filters on, read leniently: a field that is missing
/// or of another type shows as `-` rather than hiding the event.
public struct EventLineSummary: Sendable, Equatable {
    public var seq: Int64?
    public var receivedAt: String?
    public var postedAt: String?
    public var feed: String?
    public var category: String?
    public var severity: String?
    public var placeName: String?
    public var region: String?
    public var dedupStatus: String?
    public var text: String?

    public init(
        seq: Int64? = nil, receivedAt: String? = nil, postedAt: String? = nil, feed: String? = nil,
        category: String? = nil, severity: String? = nil, placeName: String? = nil, region: String? = nil,
        dedupStatus: String? = nil, text: String? = nil
    ) {
        self.seq = seq
        self.receivedAt = receivedAt
        self.postedAt = postedAt
        self.feed = feed
        self.category = category
        self.severity = severity
        self.placeName = placeName
        self.region = region
        self.dedupStatus = dedupStatus
        self.text = text
    }

    /// Reads an event line (schema v1, `docs/events.md`); nil if it is not a JSON object.
    public init?(json: ArraySlice<UInt8>) {
        guard let decoded = try? JSONDecoder().decode(Decoded.self, from: Data(json)) else { return nil }
        self.init(
            seq: decoded.seq?.value,
            receivedAt: decoded.received_at?.value,
            postedAt: decoded.posted_at?.value,
            feed: decoded.feed?.value,
            category: decoded.category?.value,
            severity: decoded.severity?.value,
            placeName: decoded.location?.value?.name?.value,
            region: decoded.location?.value?.region?.value,
            dedupStatus: decoded.dedup?.value?.status?.value,
            text: decoded.text?.value
        )
    }

    /// When the event happened as far as filters go: received, else posted.
    public var time: Timestamp? {
        (receivedAt ?? postedAt).flatMap { Timestamp(parsing: $0) }
    }

    /// `2022-03-01T07:05:09Z  high      troop_movement  Mazyr (homiel)            new    Колонна из 27…`:
    /// time, severity, category, place, dedup status, text.
    public func oneLine(textWidth: Int = 100) -> String {
        let place: String
        switch (placeName, region) {
        case let (name?, region?): place = "\(name) (\(region))"
        case let (name?, nil): place = name
        case let (nil, region?): place = "(\(region))"
        case (nil, nil): place = "-"
        }
        var out = (receivedAt ?? postedAt ?? "-").padded(20)
        out += "  " + (severity ?? "-").padded(8)
        out += "  " + (category ?? "-").padded(14)
        out += "  " + place.padded(24)
        out += "  " + (dedupStatus ?? "-").padded(5)
        out += "  " + Self.shorten(text ?? "", to: textWidth)
        return out
    }

    /// One line of text: whitespace runs (newlines too) become one space; long text ends in `…`.
    static func shorten(_ text: String, to width: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard flat.count > width else { return flat }
        return String(flat.prefix(max(width - 1, 0))) + "…"
    }

    /// Accepts any JSON type without failing, so that one odd field does not hide an event.
    private struct Lenient<T: Decodable>: Decodable {
        var value: T?
        init(from decoder: any Decoder) throws {
            value = try? decoder.singleValueContainer().decode(T.self)
        }
    }

    private struct Decoded: Decodable {
        var seq: Lenient<Int64>?
        var received_at: Lenient<String>?
        var posted_at: Lenient<String>?
        var feed: Lenient<String>?
        var category: Lenient<String>?
        var severity: Lenient<String>?
        var location: Lenient<Location>?
        var dedup: Lenient<Dedup>?
        var text: Lenient<String>?
    }

    private struct Location: Decodable {
        var name: Lenient<String>?
        var region: Lenient<String>?
    }

    private struct Dedup: Decodable {
        var status: Lenient<String>?
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
