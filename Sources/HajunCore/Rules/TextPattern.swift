/// A regular expression over a post's text, compiled once; case-insensitive.
///
/// Equality and hashing go by the pattern's source, so rules stay `Hashable`.
public struct TextPattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    // Regex values are immutable after compilation; matching does not mutate them.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern` (Swift regex syntax, which accepts the usual PCRE-style constructs).
    public init(_ pattern: String) throws(TextPatternError) {
        do {
            regex = try Regex(pattern).ignoresCase()
        } catch {
            throw TextPatternError(pattern: pattern, message: "\(error)")
        }
        self.pattern = pattern
    }

    public func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }

    public var description: String { pattern }

    public static func == (lhs: TextPattern, rhs: TextPattern) -> Bool { lhs.pattern == rhs.pattern }

    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// A text pattern that does not compile.
public struct TextPatternError: Error, Sendable, CustomStringConvertible {
    public var pattern: String
    public var message: String

    public var description: String { "invalid regular expression '\(pattern)': \(message)" }
}
