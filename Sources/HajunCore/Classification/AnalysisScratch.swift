/// The lists one classification works in, kept from post to post so that classifying costs no allocation but
/// the classification's own arrays. A `Classifier` lends its scratch to one call at a time (taking it out of its
/// mutex and putting it back), which is what makes it safe to send between threads.
final class AnalysisScratch: @unchecked Sendable {
    /// A term match with what it votes for.
    struct TermMatch {
        var match: TermIndex.Match
        var category: Int32
        var label: Int32
        var weight: Double
    }

    /// A number word ("пять") at a word position.
    struct NumberAt {
        var word: Int32
        var value: Int
    }

    /// A term that counted, at the word where it starts.
    struct Counted {
        var start: Int32
        var category: Int32
        var label: Int32
    }

    /// A place kept at a word position (gazetteer entry).
    struct PlaceAt {
        var start: Int32
        var entry: Int32
    }

    /// A matched label (`ClassifierModel.labels`) and the category it voted for, in order of appearance.
    struct Hit {
        var category: Int32
        var label: Int32
    }

    /// The buffers, handed out by value for one classification and handed back (they may have grown).
    struct Buffers {
        var words = ScratchBuffer<WordSpan>(capacity: 256)
        var matches = ScratchBuffer<TermIndex.Match>(capacity: 64)
        var memoKeys = ScratchBuffer<WordMemo.Key>(capacity: 256)
        var termMatches = ScratchBuffer<TermMatch>(capacity: 32)
        var equipmentCandidates = ScratchBuffer<TermIndex.Match>(capacity: 8)
        var placeCandidates = ScratchBuffer<TermIndex.Match>(capacity: 16)
        var longest = ScratchBuffer<TermIndex.Match>(capacity: 16)
        var countableWords = ScratchBuffer<Int32>(capacity: 16)
        var countNounWords = ScratchBuffer<Int32>(capacity: 16)
        var equipmentWords = ScratchBuffer<Int32>(capacity: 16)
        var numberWords = ScratchBuffer<NumberAt>(capacity: 8)
        var prepositionEnds = ScratchBuffer<Int32>(capacity: 16)
        var directionEnds = ScratchBuffer<Int32>(capacity: 8)
        var languagePatterns = ScratchBuffer<Int32>(capacity: 32)
        var covered = ScratchBuffer<UInt64>(capacity: 64)
        var seenLabels = ScratchBuffer<Int32>(capacity: 32)
        var counted = ScratchBuffer<Counted>(capacity: 32)
        var chosen = ScratchBuffer<PlaceAt>(capacity: 16)
        /// Results: score per category, the hits, places (entries), equipment (types) and counts found.
        var scores = ScratchBuffer<Double>(capacity: 16)
        var hits = ScratchBuffer<Hit>(capacity: 32)
        var places = ScratchBuffer<Int32>(capacity: 16)
        var equipment = ScratchBuffer<Int32>(capacity: 8)
        var counts = ScratchBuffer<Int>(capacity: 8)
        /// Not cleared between posts: what the term index found at recent words.
        var wordMemo = WordMemo()

        fileprivate func deallocate() {
            words.deallocate()
            matches.deallocate()
            memoKeys.deallocate()
            termMatches.deallocate()
            equipmentCandidates.deallocate()
            placeCandidates.deallocate()
            longest.deallocate()
            countableWords.deallocate()
            countNounWords.deallocate()
            equipmentWords.deallocate()
            numberWords.deallocate()
            prepositionEnds.deallocate()
            directionEnds.deallocate()
            languagePatterns.deallocate()
            covered.deallocate()
            seenLabels.deallocate()
            counted.deallocate()
            chosen.deallocate()
            scores.deallocate()
            hits.deallocate()
            places.deallocate()
            equipment.deallocate()
            counts.deallocate()
            wordMemo.deallocate()
        }
    }

    var buffers = Buffers()
    /// Lists of several terms, places, equipment ids and counts that posts repeat, handed out again.
    let repeatedTerms = RepeatedArrays<String>()
    let repeatedPlaces = RepeatedArrays<PlaceMention>()
    let repeatedEquipment = RepeatedArrays<String>()
    let repeatedCounts = RepeatedArrays<Int>()

    deinit { buffers.deallocate() }
}
