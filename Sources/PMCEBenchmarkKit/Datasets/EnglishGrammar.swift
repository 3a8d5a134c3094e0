/// Builds English sentences and paragraphs from ``EnglishVocabulary`` with a small phrase-structure
/// grammar: noun phrases with determiners, adjectives and plurals, prepositional phrases, clauses
/// joined by conjunctions, dialogue and the odd question. Words are drawn with Zipf weights, so the
/// text has the skewed word frequencies and repeated function words that compressors see in prose.
struct EnglishGrammar {
    private let nounWeights = WeightTable.zipf(count: EnglishVocabulary.nouns.count, offset: 8)
    private let adjectiveWeights = WeightTable.zipf(count: EnglishVocabulary.adjectives.count, offset: 6)
    private let verbWeights = WeightTable.zipf(count: EnglishVocabulary.verbs.count, offset: 5)
    private let intransitiveWeights = WeightTable.zipf(count: EnglishVocabulary.intransitiveVerbs.count)
    private let adverbWeights = WeightTable.zipf(count: EnglishVocabulary.adverbs.count)
    private let prepositionWeights = WeightTable.zipf(count: EnglishVocabulary.prepositions.count, offset: 1)
    private let determinerWeights = WeightTable.zipf(count: EnglishVocabulary.determiners.count, offset: 1)
    private let pluralDeterminerWeights = WeightTable.zipf(count: EnglishVocabulary.pluralDeterminers.count, offset: 1)
    private let nameWeights = WeightTable.zipf(count: Names.firstNames.count, offset: 3)
    private let sentenceWeights = WeightTable(weights: [30, 14, 12, 10, 9, 8, 6, 5, 4, 2])

    /// A paragraph of `sentenceCount` sentences separated by single spaces.
    func paragraph(sentenceCount: Int, using random: inout SplitMix64) -> String {
        (0..<sentenceCount).map { _ in sentence(using: &random) }.joined(separator: " ")
    }

    /// One sentence, capitalised and punctuated.
    func sentence(using random: inout SplitMix64) -> String {
        let body: String
        var terminator = "."
        switch random.index(weightedBy: sentenceWeights) {
        case 0: body = "\(nounPhrase(&random)) \(pastVerb(&random)) \(nounPhrase(&random)) \(prepositionalPhrase(&random))"
        case 1: body = "\(pronoun(&random)) \(pastVerb(&random)) \(nounPhrase(&random)), \(conjunction(&random)) \(nounPhrase(&random)) \(intransitive(&random)) \(adverb(&random))"
        case 2: body = "\(prepositionalPhrase(&random)), \(nounPhrase(&random)) \(pastVerb(&random)) \(nounPhrase(&random))"
        case 3: body = "\(name(&random)) said that \(nounPhrase(&random)) would \(baseVerb(&random)) \(nounPhrase(&random))"
        case 4: body = "\(nounPhrase(&random, allowPlural: false)) was \(adjective(&random)) \(conjunction(&random)) \(pronoun(&random)) \(pastVerb(&random)) \(nounPhrase(&random))"
        case 5: body = "it was \(adjective(&random)) \(prepositionalPhrase(&random)), and \(nounPhrase(&random)) \(intransitive(&random)) \(adverb(&random))"
        case 6: body = "\(pronoun(&random)) did not \(baseVerb(&random)) \(nounPhrase(&random)) \(prepositionalPhrase(&random))"
        case 7: body = "\(name(&random)) \(random.element(of: EnglishVocabulary.preverbalAdverbs)) \(pastVerb(&random)) \(nounPhrase(&random)) \(prepositionalPhrase(&random)) \(prepositionalPhrase(&random))"
        case 8:
            let quoted = "\(pronoun(&random)) \(pastVerb(&random)) \(nounPhrase(&random))"
            body = "\"\(capitalized(quoted)),\" \(name(&random)) said"
        default:
            body = "did \(nounPhrase(&random)) \(baseVerb(&random)) \(nounPhrase(&random)) \(prepositionalPhrase(&random))"
            terminator = "?"
        }
        return capitalized(body) + terminator
    }

    private func nounPhrase(_ random: inout SplitMix64, allowPlural: Bool = true) -> String {
        switch random.below(allowPlural ? 10 : 7) + (allowPlural ? 0 : 3) {
        case 0: return name(&random)
        case 1, 2:
            let determiner = EnglishVocabulary.pluralDeterminers[random.index(weightedBy: pluralDeterminerWeights)]
            return "\(determiner) \(optionalAdjective(&random))\(EnglishVocabulary.plural(of: noun(&random)))"
        default:
            let rest = optionalAdjective(&random) + noun(&random)
            var determiner = EnglishVocabulary.determiners[random.index(weightedBy: determinerWeights)]
            if determiner == "a", let first = rest.first, "aeiou".contains(first) { determiner = "an" }
            return "\(determiner) \(rest)"
        }
    }

    private func optionalAdjective(_ random: inout SplitMix64) -> String {
        random.chance(2, in: 5) ? adjective(&random) + " " : ""
    }

    private func prepositionalPhrase(_ random: inout SplitMix64) -> String {
        "\(EnglishVocabulary.prepositions[random.index(weightedBy: prepositionWeights)]) \(nounPhrase(&random))"
    }

    private func noun(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.nouns[random.index(weightedBy: nounWeights)]
    }

    private func adjective(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.adjectives[random.index(weightedBy: adjectiveWeights)]
    }

    private func pastVerb(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.verbs[random.index(weightedBy: verbWeights)].past
    }

    private func baseVerb(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.verbs[random.index(weightedBy: verbWeights)].base
    }

    private func intransitive(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.intransitiveVerbs[random.index(weightedBy: intransitiveWeights)]
    }

    private func adverb(_ random: inout SplitMix64) -> String {
        EnglishVocabulary.adverbs[random.index(weightedBy: adverbWeights)]
    }

    private func conjunction(_ random: inout SplitMix64) -> String {
        random.element(of: EnglishVocabulary.conjunctions)
    }

    private func pronoun(_ random: inout SplitMix64) -> String {
        random.element(of: EnglishVocabulary.subjectPronouns)
    }

    private func name(_ random: inout SplitMix64) -> String {
        Names.firstNames[random.index(weightedBy: nameWeights)]
    }

    private func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
