import Foundation
import HajunCore

/// The parameters of a Bot API call, gathered the ways bot libraries send them: the query string,
/// `application/x-www-form-urlencoded`, `application/json` and `multipart/form-data` bodies.
/// Form values may themselves be JSON (`allowed_updates=["channel_post"]`), as Telegram accepts.
struct BotAPIParameters {
    private var text: [String: String] = [:]
    private var json: [String: JSONValue] = [:]

    init(query: String, contentType: String?, body: [UInt8]) throws(BotAPIError) {
        for (name, value) in BotAPIParameters.formPairs(query) { text[name] = value }
        guard !body.isEmpty else { return }
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("application/json") {
            let value: JSONValue
            do {
                value = try JSONValue(parsing: body)
            } catch {
                throw .badRequest("can't parse JSON object")
            }
            guard case .object(let members) = value else { throw .badRequest("JSON object expected") }
            for member in members { json[member.key] = member.value }
        } else if type.hasPrefix("multipart/form-data") {
            guard let boundary = BotAPIParameters.boundary(in: contentType ?? "") else {
                throw .badRequest("multipart boundary is missing")
            }
            for (name, value) in BotAPIParameters.multipartPairs(body, boundary: boundary) { text[name] = value }
        } else {
            for (name, value) in BotAPIParameters.formPairs(String(decoding: body, as: UTF8.self)) {
                text[name] = value
            }
        }
    }

    func contains(_ name: String) -> Bool { text[name] != nil || json[name] != nil }

    func string(_ name: String) -> String? {
        if let value = json[name] { return value.stringValue ?? value.jsonText }
        return text[name]
    }

    /// An integer given as digits or a JSON number; `null` or an empty value count as absent.
    func integer(_ name: String) throws(BotAPIError) -> Int64? {
        if let value = json[name] {
            switch value {
            case .null: return nil
            case .int(let number): return number
            case .double(let number) where number == number.rounded(): return Int64(number)
            case .string(let digits): return try parseInteger(name, digits)
            default: throw .badRequest("field \"\(name)\" must be of type Integer")
            }
        }
        guard let raw = text[name] else { return nil }
        return try parseInteger(name, raw)
    }

    /// A number of seconds (integer or fractional).
    func number(_ name: String) throws(BotAPIError) -> Double? {
        if let value = json[name] {
            if value.isNull { return nil }
            if let number = value.doubleValue { return number }
            if let string = value.stringValue, let number = Double(string) { return number }
            throw .badRequest("field \"\(name)\" must be a Number")
        }
        guard let raw = text[name]?.trimmingSpaces, !raw.isEmpty else { return nil }
        guard let number = Double(raw), number.isFinite else { throw .badRequest("field \"\(name)\" must be a Number") }
        return number
    }

    /// A list of strings: a JSON array, or a JSON-serialized array in a form value.
    func stringList(_ name: String) throws(BotAPIError) -> [String]? {
        var value = json[name]
        if value == nil, let raw = text[name]?.trimmingSpaces {
            if raw.isEmpty { return nil }
            value = try? JSONValue(parsing: raw)
            if value == nil { return raw.split(separator: ",").map { String($0).trimmingSpaces } }
        }
        guard let value, !value.isNull else { return nil }
        guard case .array(let elements) = value else { throw .badRequest("can't parse \(name) JSON array") }
        var list: [String] = []
        for element in elements {
            guard let string = element.stringValue else { throw .badRequest("can't parse \(name) JSON array") }
            list.append(string)
        }
        return list
    }

    private func parseInteger(_ name: String, _ raw: String) throws(BotAPIError) -> Int64? {
        let trimmed = raw.trimmingSpaces
        if trimmed.isEmpty { return nil }
        guard let number = Int64(trimmed) else { throw .badRequest("field \"\(name)\" must be of type Integer") }
        return number
    }

    // MARK: - Decoding

    static func formPairs(_ form: String) -> [(String, String)] {
        form.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty else { return nil }
            return (percentDecoded(name), parts.count > 1 ? percentDecoded(parts[1]) : "")
        }
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next()
                let low = iterator.next()
                if let high, let low, let h = hexValue(high), let l = hexValue(low) {
                    bytes.append(h << 4 | l)
                } else {
                    bytes.append(byte)
                    if let high { bytes.append(high) }
                    if let low { bytes.append(low) }
                }
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].hasPrefix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        return nil
    }

    static func multipartPairs(_ body: [UInt8], boundary: String) -> [(String, String)] {
        let text = String(decoding: body, as: UTF8.self)
        var pairs: [(String, String)] = []
        for part in text.components(separatedBy: "--" + boundary).dropFirst() {
            if part.hasPrefix("--") { break }
            let sections = part.components(separatedBy: "\r\n\r\n")
            guard sections.count >= 2 else { continue }
            let headers = sections[0].lowercased()
            guard let nameRange = headers.range(of: "name=\"") else { continue }
            let originalHeaders = sections[0]
            let start = originalHeaders.index(
                originalHeaders.startIndex,
                offsetBy: headers.distance(from: headers.startIndex, to: nameRange.upperBound)
            )
            guard let end = originalHeaders[start...].firstIndex(of: "\"") else { continue }
            var value = sections.dropFirst().joined(separator: "\r\n\r\n")
            if value.hasSuffix("\r\n") { value.removeLast() }
            pairs.append((String(originalHeaders[start..<end]), value))
        }
        return pairs
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
