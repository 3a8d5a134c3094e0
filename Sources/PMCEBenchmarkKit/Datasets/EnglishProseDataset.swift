extension DatasetGenerator {
    /// `english-prose`: paragraphs of English text, such as a document editor or a long-form chat.
    static let englishProse = DatasetGenerator(
        name: "english-prose",
        summary: "English prose paragraphs (4–18 sentences) from a hand-written grammar and word lists with Zipf word frequencies: the skewed vocabulary and repeated function words of real text.",
        seed: 0x504d_4345_0000_0006,
        format: .lines
    ) { random in
        let grammar = EnglishGrammar()
        return (0..<1100).map { _ in
            // Most paragraphs are 4–10 sentences; one in eight is long.
            let sentences = random.chance(1, in: 8) ? random.int(in: 11...18) : random.int(in: 4...10)
            return Array(grammar.paragraph(sentenceCount: sentences, using: &random).utf8)
        }
    }
}
