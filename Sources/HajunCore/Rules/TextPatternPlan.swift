/// How a `TextPattern` is matched without running its `Regex` on every post, worked out from the pattern's source.
///
/// The analysis is deliberately conservative: anything it does not fully understand (option groups, quoting,
/// escapes that read further characters, a top-level alternation of non-literals) leaves the pattern to the `Regex`.
enum TextPatternPlan: Sendable, Hashable {
    /// Only the `Regex` can tell.
    case regex
    /// The pattern is an alternation of literals, given folded (`FoldedText`); an empty one matches every text.
    case literals([[UInt8]])
    /// Every match contains this literal (folded): texts without it cannot match.
    case required([UInt8])

    /// The regex metacharacters outside a character class.
    private static let metacharacters: Set<Character> = [
        "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]",
        "{", "}",
    ]
    /// Escapes of one letter that match a class or an assertion and read nothing further.
    private static let simpleEscapes: Set<Character> = ["d", "D", "w", "W", "s", "S", "b", "B", "h", "H", "v", "V"]

    init(_ pattern: String) {
        if let alternatives = TextPatternPlan.literalAlternatives(pattern) {
            self = .literals(alternatives)
        } else if let literal = TextPatternPlan.requiredLiteral(pattern) {
            self = .required(literal)
        } else {
            self = .regex
        }
    }

    /// `a|b|c` where each alternative is plain text (metacharacters escaped), folded; nil for anything else.
    private static func literalAlternatives(_ pattern: String) -> [[UInt8]]? {
        var alternatives: [String] = []
        var current = ""
        var characters = pattern.makeIterator()
        while let character = characters.next() {
            if character == "|" {
                alternatives.append(current)
                current = ""
            } else if character == "\\" {
                guard let escaped = characters.next(), metacharacters.contains(escaped) || escaped == "-" else {
                    return nil
                }
                current.append(escaped)
            } else if metacharacters.contains(character) {
                return nil
            } else {
                current.append(character)
            }
        }
        alternatives.append(current)
        var folded: [[UInt8]] = []
        for alternative in alternatives {
            let text = FoldedText(alternative)
            guard text.isSimple, !text.hasVariationSelector else { return nil }
            folded.append(text.bytes)
        }
        return folded
    }

    /// The longest run of plain text at the top level of a pattern without top-level alternation, folded.
    private static func requiredLiteral(_ pattern: String) -> [UInt8]? {
        let characters = Array(pattern)
        var runs: [String] = []
        var run = ""
        var depth = 0
        var index = 0
        func endRun() {
            if !run.isEmpty { runs.append(run) }
            run = ""
        }
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\\":
                guard index < characters.count else { return nil }
                let escaped = characters[index]
                index += 1
                if metacharacters.contains(escaped) || escaped == "-" {
                    if depth == 0 { run.append(escaped) }
                } else if simpleEscapes.contains(escaped) {
                    endRun()
                } else {
                    return nil
                }
            case "(":
                if index < characters.count, characters[index] == "?" {
                    // Only a plain non-capturing group; option groups can change what the rest means.
                    guard index + 1 < characters.count, characters[index + 1] == ":" else { return nil }
                    index += 2
                }
                endRun()
                depth += 1
            case ")":
                guard depth > 0 else { return nil }
                depth -= 1
                endRun()
            case "[":
                guard let end = classEnd(characters, from: index) else { return nil }
                index = end
                endRun()
            case "|":
                if depth == 0 { return nil }
            case "?", "*", "{":
                // The previous character may be absent: it is not required.
                if !run.isEmpty { run.removeLast() }
                endRun()
                if character == "{" {
                    guard let close = characters[index...].firstIndex(of: "}") else { return nil }
                    index = close + 1
                }
            case "+", ".", "^", "$":
                endRun()
            case "]", "}":
                return nil
            default:
                if depth == 0 { run.append(character) } else { endRun() }
            }
        }
        endRun()
        guard depth == 0 else { return nil }
        var best: [UInt8]?
        for candidate in runs {
            let folded = FoldedText(candidate)
            guard folded.isSimple, !folded.hasVariationSelector, folded.bytes.count > (best?.count ?? 0) else {
                continue
            }
            best = folded.bytes
        }
        return best
    }

    /// The index after the `]` closing a class opened just before `start`; nil when unsure.
    private static func classEnd(_ characters: [Character], from start: Int) -> Int? {
        var index = start
        if index < characters.count, characters[index] == "^" { index += 1 }
        // A `]` first in the class is read differently by different engines.
        if index < characters.count, characters[index] == "]" { return nil }
        var depth = 1
        while index < characters.count {
            let character = characters[index]
            index += 1
            switch character {
            case "\\":
                guard index < characters.count else { return nil }
                let escaped = characters[index]
                guard !escaped.isLetter || simpleEscapes.contains(escaped) else { return nil }
                index += 1
            case "[":
                depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
        }
        return nil
    }
}
