/// One run of the normalizer over valid UTF-8, writing the normalized bytes straight into the result's storage.
///
/// ASCII and two-byte Cyrillic take an inline path: lowercased and written as they are read. A word whose
/// letters turn out to mix Latin and Cyrillic is rewritten from its input bytes once it ends (`refold`);
/// a line holding a word that may start a channel signature is checked once it ends (`endLine`).
///
/// A word written only in look-alike letters of the script the text is not in (`P23`, `M5`, `A-50` typed in
/// Latin in a Russian post) is folded to the text's script too. Which script that is is known only at the end,
/// so such texts take a second pass (`foldTo` set); the rest take one.
struct NormalizationPass {
    let input: UnsafeBufferPointer<UInt8>
    /// True once the input is NFC: combining marks are then dropped instead of asking for composition.
    let composed: Bool
    let out: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// `TextCharacters.cyrillicLetters`, looked up at every Cyrillic letter.
    let cyrillicLetters: UnsafePointer<UInt32>
    var count = 0

    // The current word.
    var inWord = false
    var wordStart = 0
    var wordInputStart = 0
    var wordScalars = 0
    var pendingJoiner: UInt8 = 0
    var lastWasLetter = false
    var hasLatin = false
    var hasCyrillic = false
    /// Every letter of the word so far has a twin in the other script.
    var allTwins = true
    var firstIsUpper = false
    var laterIsLower = false

    // The current line and sentence.
    var lineStart = 0
    var lineMayHaveSignature = false
    var lastWordStart = -1
    var atSentenceStart = true
    var atChunkStart = true

    var namedWordStarts: [Int32] = []
    var dominantScript: Lookalikes.Script?

    // Look-alike words of one script: letters without a twin counted per script, the words seen, and on the
    // second pass the script to fold them to.
    var distinctLatin = 0
    var distinctCyrillic = 0
    var sawLatinLookalikeWord = false
    var sawCyrillicLookalikeWord = false
    var foldTo: Lookalikes.Script?

    /// The normalized text, or nil when `input` has combining marks and is not `composed` yet.
    static func run(_ input: UnsafeBufferPointer<UInt8>, composed: Bool) -> NormalizedText? {
        var foldTo: Lookalikes.Script?
        while true {
            // Output never exceeds twice the input (a look-alike ASCII letter becomes two bytes of Cyrillic; a
            // space per word at most matches the separator it replaces), plus slack for the last word.
            let capacity = input.count * 2 + 16
            var names: [Int32] = []
            var complete = true
            var refoldTo: Lookalikes.Script?
            let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                TextCharacters.cyrillicLetters.withUnsafeBufferPointer { cyrillicLetters in
                    var pass = NormalizationPass(
                        input: input, composed: composed, out: buffer.baseAddress!, capacity: capacity,
                        cyrillicLetters: cyrillicLetters.baseAddress!)
                    pass.foldTo = foldTo
                    complete = pass.scan()
                    initialized = complete ? pass.count : 0
                    names = pass.namedWordStarts
                    if foldTo == nil { refoldTo = pass.lookalikeWordsNeedFolding }
                }
            }
            guard complete else { return nil }
            guard let refoldTo else { return NormalizedText(bytes: bytes, namedWordStarts: names) }
            foldTo = refoldTo
        }
    }

    /// After a first pass: the text's script, if the text has look-alike words of the other script to fold.
    var lookalikeWordsNeedFolding: Lookalikes.Script? {
        if distinctCyrillic > distinctLatin && sawLatinLookalikeWord { return .cyrillic }
        if distinctLatin > distinctCyrillic && sawCyrillicLookalikeWord { return .latin }
        return nil
    }

    init(
        input: UnsafeBufferPointer<UInt8>, composed: Bool, out: UnsafeMutablePointer<UInt8>, capacity: Int,
        cyrillicLetters: UnsafePointer<UInt32>
    ) {
        self.input = input
        self.composed = composed
        self.out = out
        self.capacity = capacity
        self.cyrillicLetters = cyrillicLetters
    }

    /// Returns false when it meets a combining mark in text that is not composed yet.
    mutating func scan() -> Bool {
        var index = 0
        let end = input.count
        while index < end {
            let byte = input[index]
            if byte < 0x80 {
                if atChunkStart, let skip = chunkStart(at: index, byte) {
                    index = skip
                    continue
                }
                let lower = byte | 0x20
                if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    index = wordRun(from: index)
                    continue
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                    endWord(at: index)
                    atChunkStart = true
                } else if byte == 0x0A || byte == 0x0D {
                    endWord(at: index)
                    endLine()
                    atChunkStart = true
                    atSentenceStart = true
                } else if byte == 0x2D {
                    joiner(0x2D)
                } else if byte == 0x27 {
                    if lastWasLetter { joiner(0x27) } else { separator(UInt32(byte), at: index) }
                } else {
                    separator(UInt32(byte), at: index)
                }
                index += 1
                continue
            }
            if byte == 0xD0 || (byte == 0xD1 && input[index + 1] < 0xA0) {
                // Cyrillic letters of the common block (U+0400…U+045F): never a chunk opening.
                atChunkStart = false
                index = wordRun(from: index)
                continue
            }
            let (scalar, length) = TextCharacters.decode(input, at: index)
            if atChunkStart && RemovableChunks.isOpening(scalar) {
                // « “ „ ‘ before a mention or URL.
                atChunkStart = false
                if let skip = RemovableChunks.end(ofChunkAt: index, in: input) {
                    endWord(at: index)
                    dropDanglingVia()
                    atChunkStart = true
                    index = skip
                    continue
                }
            }
            if !other(scalar, at: index) {
                return false
            }
            index += length
        }
        endWord(at: end)
        endLine()
        return true
    }

    /// At the start of a chunk: skips a URL, mention or hashtag (returns where to go on), else nil.
    private mutating func chunkStart(at index: Int, _ byte: UInt8) -> Int? {
        atChunkStart = false
        let lower = byte | 0x20
        let mayBeRemovable =
            byte == 0x40 || byte == 0x23 || (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x28 || byte == 0x5B
            || byte == 0x22 || byte == 0x27 || byte == 0x3C || byte == 0x7B
        guard mayBeRemovable, let skip = RemovableChunks.end(ofChunkAt: index, in: input) else { return nil }
        endWord(at: index)
        dropDanglingVia()
        atChunkStart = true
        return skip
    }

    /// A run of ASCII letters and digits and basic Cyrillic letters (U+0400…U+045F) from `start`, the bulk of every
    /// post, written in one tight loop with the word's state in locals. Returns where the run ends.
    @inline(__always)
    private mutating func wordRun(from start: Int) -> Int {
        beginWord(at: start)
        let bytes = input.baseAddress!
        let end = input.count
        var index = start
        var count = self.count
        var scalars = wordScalars
        var allTwins = self.allTwins
        var firstIsUpper = self.firstIsUpper
        var laterIsLower = self.laterIsLower
        var hasLatin = self.hasLatin
        var hasCyrillic = self.hasCyrillic
        var lastWasLetter = self.lastWasLetter
        var distinctLatin = self.distinctLatin
        var distinctCyrillic = self.distinctCyrillic
        while index < end {
            let byte = bytes[index]
            let isUpper: Bool
            let twin: Bool
            if byte < 0x80 {
                let lower = byte | 0x20
                if lower &- 0x61 < 26 {
                    out[count] = lower
                    count &+= 1
                    index &+= 1
                    isUpper = byte < 0x61
                    twin = Lookalikes.asciiHasTwin(byte)
                    if !twin { distinctLatin &+= 1 }
                    hasLatin = true
                } else if byte &- 0x30 < 10 {
                    out[count] = byte
                    count &+= 1
                    index &+= 1
                    scalars &+= 1
                    lastWasLetter = false
                    continue
                } else {
                    break
                }
            } else {
                // Two-byte Cyrillic of U+0400…U+045F: lead byte D0, or D1 with a second byte below A0.
                guard byte & 0xFE == 0xD0 else { break }
                let letter = cyrillicLetters[TextCharacters.cyrillicIndex(lead: byte, second: bytes[index + 1])]
                guard letter != 0 else { break }
                if count + 4 <= capacity {
                    UnsafeMutableRawPointer(out + count).storeBytes(
                        of: UInt16(truncatingIfNeeded: letter).littleEndian, as: UInt16.self)
                    count &+= 2
                }
                index &+= 2
                isUpper = letter & TextCharacters.cyrillicUpper != 0
                twin = letter & TextCharacters.cyrillicTwin != 0
                if !twin { distinctCyrillic &+= 1 }
                hasCyrillic = true
            }
            allTwins = allTwins && twin
            if scalars == 0 { firstIsUpper = isUpper }
            laterIsLower = laterIsLower || (scalars != 0 && !isUpper)
            scalars &+= 1
            lastWasLetter = true
        }
        self.count = count
        wordScalars = scalars
        self.allTwins = allTwins
        self.firstIsUpper = firstIsUpper
        self.laterIsLower = laterIsLower
        self.hasLatin = hasLatin
        self.hasCyrillic = hasCyrillic
        self.lastWasLetter = lastWasLetter
        self.distinctLatin = distinctLatin
        self.distinctCyrillic = distinctCyrillic
        return index
    }

    /// Everything but ASCII and basic Cyrillic. False for a mark that needs composition first.
    private mutating func other(_ scalar: UInt32, at index: Int) -> Bool {
        if TextCharacters.isLineBreak(scalar) {
            endWord(at: index)
            endLine()
            atChunkStart = true
            atSentenceStart = true
            return true
        }
        if TextCharacters.isSpace(scalar) {
            endWord(at: index)
            atChunkStart = true
            return true
        }
        atChunkStart = false
        switch TextCharacters.kind(of: scalar) {
        case .letter:
            let script = Lookalikes.script(of: scalar)
            let twin = Lookalikes.hasTwin(scalar, script)
            TextCharacters.forEachLowercase(scalar) { lower in
                letterScalar(lower, at: index, isUpper: TextCharacters.isUppercase(scalar), script: script, twin: twin)
            }
        case .digit:
            beginWord(at: index)
            emit(scalar)
            wordScalars += 1
            lastWasLetter = false
        case .hyphen:
            joiner(0x2D)
        case .apostrophe:
            if lastWasLetter { joiner(0x27) } else { separator(scalar, at: index) }
        case .composingMark:
            if !composed { return false }
        case .ignorable:
            break
        case .separator:
            separator(scalar, at: index)
        }
        return true
    }

    // MARK: - Words

    @inline(__always)
    private mutating func beginWord(at index: Int) {
        if inWord {
            if pendingJoiner != 0 {
                out[count] = pendingJoiner
                count += 1
                pendingJoiner = 0
            }
            return
        }
        if count > 0 {
            out[count] = 0x20
            count += 1
        }
        inWord = true
        wordStart = count
        wordInputStart = index
        wordScalars = 0
        hasLatin = false
        hasCyrillic = false
        allTwins = true
        firstIsUpper = false
        laterIsLower = false
    }

    @inline(__always)
    private mutating func letter(
        _ lower: UInt8, at index: Int, isUpper: Bool, script: Lookalikes.Script, twin: Bool
    ) {
        beginWord(at: index)
        out[count] = lower
        count += 1
        noteLetter(isUpper: isUpper, script: script, twin: twin)
    }

    @inline(__always)
    private mutating func letterScalar(
        _ lower: UInt32, at index: Int, isUpper: Bool, script: Lookalikes.Script, twin: Bool
    ) {
        beginWord(at: index)
        emit(lower)
        noteLetter(isUpper: isUpper, script: script, twin: twin)
    }

    @inline(__always)
    private mutating func noteLetter(isUpper: Bool, script: Lookalikes.Script, twin: Bool) {
        allTwins = allTwins && twin
        if !twin {
            if script == .latin { distinctLatin += 1 } else if script == .cyrillic { distinctCyrillic += 1 }
        }
        if wordScalars == 0 {
            firstIsUpper = isUpper
        } else if !isUpper {
            laterIsLower = true
        }
        wordScalars += 1
        lastWasLetter = true
        switch script {
        case .latin: hasLatin = true
        case .cyrillic: hasCyrillic = true
        case .other: break
        }
    }

    @inline(__always)
    private mutating func digit(_ byte: UInt8, at index: Int) {
        beginWord(at: index)
        out[count] = byte
        count += 1
        wordScalars += 1
        lastWasLetter = false
    }

    @inline(__always)
    private mutating func emit(_ scalar: UInt32) {
        guard count + 4 <= capacity else { return }
        count = TextCharacters.encode(scalar, into: out, at: count)
    }

    /// A hyphen or apostrophe: kept if a letter or digit follows inside the word.
    @inline(__always)
    private mutating func joiner(_ byte: UInt8) {
        if inWord && pendingJoiner == 0 { pendingJoiner = byte }
    }

    @inline(__always)
    private mutating func separator(_ scalar: UInt32, at index: Int) {
        endWord(at: index)
        if TextCharacters.endsSentence(scalar) { atSentenceStart = true }
    }

    private mutating func endWord(at index: Int) {
        guard inWord else { return }
        inWord = false
        pendingJoiner = 0
        lastWasLetter = false
        if hasLatin && hasCyrillic {
            refold(upTo: index, to: nil)
        } else if allTwins && (hasLatin || hasCyrillic) {
            let script: Lookalikes.Script = hasLatin ? .latin : .cyrillic
            if let foldTo {
                if foldTo != script { refold(upTo: index, to: foldTo) }
            } else if hasLatin {
                sawLatinLookalikeWord = true
            } else {
                sawCyrillicLookalikeWord = true
            }
        }
        if !atSentenceStart && firstIsUpper && laterIsLower { namedWordStarts.append(Int32(wordStart)) }
        // A number in front ("13:15 На аэродроме …", as Hajun dates its posts) leaves the sentence unstarted.
        if out[wordStart] < 0x30 || out[wordStart] > 0x39 { atSentenceStart = false }
        if ChannelSignatures.mayStart(out + wordStart, length: count - wordStart) { lineMayHaveSignature = true }
        lastWordStart = wordStart
    }

    /// Rewrites a word from its input with its look-alike letters folded to one script: `target`, or for a
    /// mixed-script word the script its letters say (`Lookalikes.WordCensus.target`).
    private mutating func refold(upTo end: Int, to forced: Lookalikes.Script?) {
        // Two passes over the word's input: the census decides the target, then the word is written again.
        var census = Lookalikes.WordCensus()
        if forced == nil {
            var index = wordInputStart
            while index < end {
                let (scalar, length) = TextCharacters.decode(input, at: index)
                let kind = TextCharacters.kind(of: scalar)
                if kind == .letter || kind == .digit { census.count(scalar, Lookalikes.script(of: scalar)) }
                index += length
            }
        }
        let target = forced ?? census.target { self.dominant() }
        count = wordStart
        // A hyphen or apostrophe is written (as ASCII, once for a run) only when a letter or digit follows.
        var pendingJoiner: UInt32 = 0
        var wroteAny = false
        var index = wordInputStart
        while index < end {
            let (scalar, length) = TextCharacters.decode(input, at: index)
            index += length
            let kind = TextCharacters.kind(of: scalar)
            if kind == .letter || kind == .digit {
                if pendingJoiner != 0 {
                    emit(pendingJoiner)
                    pendingJoiner = 0
                }
                var folded = scalar
                if target == .cyrillic, let twin = Lookalikes.cyrillicTwin(ofLatin: scalar) {
                    folded = twin
                } else if target == .latin, let twin = Lookalikes.latinTwin(ofCyrillic: scalar) {
                    folded = twin
                }
                TextCharacters.forEachLowercase(folded) { emit($0) }
                wroteAny = true
            } else if (kind == .hyphen || kind == .apostrophe) && wroteAny && pendingJoiner == 0 {
                pendingJoiner = kind == .hyphen ? 0x2D : 0x27
            }
        }
    }

    /// The script with more letters that can only be its own in the whole input (Cyrillic on a tie): what an
    /// all-look-alike mixed word such as `Cу` (Latin C, Cyrillic у) is folded to.
    private mutating func dominant() -> Lookalikes.Script {
        if let dominantScript { return dominantScript }
        var census = Lookalikes.WordCensus()
        var index = 0
        while index < input.count {
            let (scalar, length) = TextCharacters.decode(input, at: index)
            census.count(scalar, Lookalikes.script(of: scalar))
            index += length
        }
        let script: Lookalikes.Script =
            census.distinctlyLatin > census.distinctlyCyrillic
                || (census.distinctlyLatin == census.distinctlyCyrillic && census.latin > census.cyrillic)
            ? .latin : .cyrillic
        dominantScript = script
        return script
    }

    // MARK: - Lines

    /// "via @channel": the mention is removed with its chunk, the `via` before it goes too.
    private mutating func dropDanglingVia() {
        guard lastWordStart >= lineStart, count - lastWordStart == 3, out[lastWordStart] == 0x76,
            out[lastWordStart + 1] == 0x69, out[lastWordStart + 2] == 0x61
        else { return }
        if namedWordStarts.last == Int32(lastWordStart) { namedWordStarts.removeLast() }
        count = max(0, lastWordStart - 1)
        lastWordStart = -1
    }

    /// Drops the line's channel signature, if it has one.
    private mutating func endLine() {
        defer {
            lineStart = count
            lineMayHaveSignature = false
            lastWordStart = -1
        }
        guard lineMayHaveSignature, count > lineStart else { return }
        // A line of n bytes has at most n / 2 + 1 words; scratch on the stack for the usual short line.
        let capacity = (count - lineStart) / 2 + 1
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: capacity) { wordBuffer in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: capacity) { dropBuffer in
                var words = 0
                var start = lineStart
                for position in lineStart...count where position == count || out[position] == 0x20 {
                    if position > start {
                        wordBuffer.initializeElement(at: words, to: start..<position)
                        words += 1
                    }
                    start = position + 1
                }
                let line = UnsafeBufferPointer(rebasing: wordBuffer[0..<words])
                let drop = UnsafeMutableBufferPointer(rebasing: dropBuffer[0..<words])
                drop.initialize(repeating: false)
                let written = UnsafeBufferPointer(start: out, count: count)
                if ChannelSignatures.markDrops(line: line, bytes: written, drop: drop) { dropWords(line, drop) }
            }
        }
    }

    /// Rewrites the current line without the words `drop` marks, moving the line's names along.
    private mutating func dropWords(_ line: UnsafeBufferPointer<Range<Int>>, _ drop: UnsafeMutableBufferPointer<Bool>) {
        // The line's names are the tail of `namedWordStarts`, ascending like its words: read and rewritten in step.
        var firstName = namedWordStarts.count
        while firstName > 0 && Int(namedWordStarts[firstName - 1]) >= lineStart { firstName -= 1 }
        var readName = firstName
        var writeName = firstName
        var write = lineStart
        for (index, word) in line.enumerated() {
            while readName < namedWordStarts.count && Int(namedWordStarts[readName]) < word.lowerBound { readName += 1 }
            let isName = readName < namedWordStarts.count && Int(namedWordStarts[readName]) == word.lowerBound
            if drop[index] { continue }
            if write > 0 {
                out[write] = 0x20
                write += 1
            }
            if isName {
                namedWordStarts[writeName] = Int32(write)
                writeName += 1
            }
            // Moving left within one buffer: overlapping, so element by element from the front.
            for offset in 0..<word.count { out[write + offset] = out[word.lowerBound + offset] }
            write += word.count
        }
        namedWordStarts.removeLast(namedWordStarts.count - writeName)
        count = write
    }
}
