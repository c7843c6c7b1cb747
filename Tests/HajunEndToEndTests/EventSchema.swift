import Foundation
import Testing

/// Checks that a JSON object is a valid event of schema v1 (docs/events.md), recording an issue per problem.
enum EventSchema {
    static let categories: Set<String> = [
        "troop_movement", "aviation", "missile_launch", "rail_sabotage", "cyber_attack", "arrest", "mobilization",
        "exercise", "protest", "other",
    ]
    static let regions: Set<String> = ["brest", "homiel", "hrodna", "mahiliou", "minsk", "minsk-city", "vitsebsk"]

    static func parse(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    static func isHex16(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.count == 16 && text.allSatisfy { "0123456789abcdef".contains($0) }
    }

    static func validate(_ event: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        func check(_ condition: Bool, _ what: String) {
            if !condition { Issue.record("event \(event["seq"] ?? "?"): \(what)", sourceLocation: sourceLocation) }
        }
        check(isHex16(event["id"]), "id")
        check(event["seq"] is Int, "seq")
        check(event["feed"] is String, "feed")
        let source = event["source"] as? [String: Any]
        check(source?["chat"] is String, "source.chat")
        check(source?["message_id"] is Int || source?["message_id"] is NSNull, "source.message_id")
        check(source?["url"] is String || source?["url"] is NSNull, "source.url")
        for key in ["posted_at", "received_at"] {
            let text = event[key] as? String
            check(
                text.map { ISO8601DateFormatter.withFractions.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) }
                    != nil, key)
        }
        check(event["text"] is String, "text")
        check(["ru", "be", "uk", "en", "und"].contains(event["lang"] as? String ?? ""), "lang")
        check(categories.contains(event["category"] as? String ?? ""), "category")
        check(["info", "low", "medium", "high", "critical"].contains(event["severity"] as? String ?? ""), "severity")
        if let location = event["location"] as? [String: Any] {
            check(location["name"] is String, "location.name")
            check(regions.contains(location["region"] as? String ?? ""), "location.region")
        } else {
            check(event["location"] is NSNull, "location")
        }
        let dedup = event["dedup"] as? [String: Any]
        let status = dedup?["status"] as? String ?? ""
        check(["new", "exact", "near", "edit"].contains(status), "dedup.status")
        check(status == "new" ? dedup?["of"] is NSNull : isHex16(dedup?["of"]), "dedup.of")
        check(dedup?["distance"] is Int || dedup?["distance"] is NSNull, "dedup.distance")
        let fingerprint = event["fingerprint"] as? [String: Any]
        check(isHex16(fingerprint?["exact"]) && isHex16(fingerprint?["simhash"]), "fingerprint")
        check(event["alerts"] is [String], "alerts")
        check(event["entities"] is [String: Any], "entities")
        check(event["classification"] is [String: Any], "classification")
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
