/// A regular expression over a post's text, compiled once; case-insensitive.
///
/// Equality and hashing go by the pattern's source, so rules stay `Hashable`.
///
/// Matching a Swift `Regex` costs tens of microseconds a post, so patterns avoid it where they can while giving
/// exactly its answer: a literal or an alternation of literals (`пуск|ракет|Iskander`) is searched for in the
/// post's lowercased bytes (`FoldedText`), and another pattern runs the `Regex` only on posts that contain a
/// literal every match must contain. Texts with scalars that byte search cannot judge like the `Regex` (combining
/// marks, CR LF, emoji sequences, Greek) always go to the `Regex`.
public struct TextPattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    // Regex values are immutable after compilation; matching does not mutate them.
    public let pattern: String
    private let regex: Regex<AnyRegexOutput>
    private let plan: TextPatternPlan

    /// Compiles `pattern` (Swift regex syntax, which accepts the usual PCRE-style constructs).
    public init(_ pattern: String) throws(TextPatternError) {
        do {
            regex = try Regex(pattern).ignoresCase()
        } catch {
            throw TextPatternError(pattern: pattern, message: "\(error)")
        }
        self.pattern = pattern
        plan = TextPatternPlan(pattern)
    }

    public func matches(_ text: String) -> Bool {
        switch plan {
        case .regex: return matchesRegex(text)
        default: return matches(FoldedText(text), text: text)
        }
    }

    /// Whether `text`, already folded as `folded`, contains a match.
    func matches(_ folded: FoldedText, text: String) -> Bool {
        guard folded.isSimple else { return matchesRegex(text) }
        switch plan {
        case .regex:
            return matchesRegex(text)
        case .literals(let alternatives):
            return alternatives.contains { folded.contains($0) }
        case .required(let literal):
            return folded.contains(literal) && matchesRegex(text)
        }
    }

    /// Whether matching needs the folded text at all (a pattern without a usable literal does not).
    var usesFoldedText: Bool {
        if case .regex = plan { return false }
        return true
    }

    /// The `Regex` alone, which defines what matches.
    func matchesRegex(_ text: String) -> Bool {
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
