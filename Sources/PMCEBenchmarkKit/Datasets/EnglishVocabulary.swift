/// The word lists the English generators draw from, each in rough order of frequency in written
/// English, so Zipf-weighted draws (``WeightTable/zipf(count:offset:)``) give realistic word
/// frequencies: "the", "time" and "said" common, "lantern" and "wandered" rare.
/// Written for this project; no third-party text.
enum EnglishVocabulary {
    static let nouns: [String] = words("""
        time year way day man thing woman life child world school state family student group \
        country problem hand part place case week company system program question work government \
        number night point home water room mother area money story fact month lot right study book eye \
        job word business issue side kind head house service friend father power hour game line end \
        member law car city community name team minute idea body information back parent face level \
        office door health person art war history party result change morning reason research girl \
        moment air teacher force education river garden window village road letter market field ship \
        train bridge harbor valley mountain storm winter summer light voice table paper song picture \
        island forest street evening station engineer doctor captain farmer king queen horse wall \
        kitchen coat bread music library lantern village rain sea shore boat map clock question answer \
        message machine engine signal bottle coin key desk chair ladder candle bell cloud star dream
        """)

    static let adjectives: [String] = words("""
        new good high old great big small large national young different black long little \
        important political bad white real best right social public sure low early able human \
        local late hard major better economic strong possible whole free true full special easy clear \
        recent certain personal open red difficult available likely short single current wrong private \
        past foreign fine common poor natural similar hot dead central happy serious ready simple \
        physical general financial blue dark entire close cold final main green nice huge \
        popular quiet narrow bright ancient gentle heavy silent warm wide distant empty golden strange \
        careful busy tired curious broken hidden wooden patient sudden steady proud lonely
        """)

    /// Verbs as base form, past tense and third person singular.
    static let verbs: [(base: String, past: String, third: String)] = words("""
        have:had:has do:did:does say:said:says get:got:gets make:made:makes know:knew:knows \
        think:thought:thinks take:took:takes see:saw:sees want:wanted:wants find:found:finds \
        give:gave:gives tell:told:tells use:used:uses call:called:calls ask:asked:asks need:needed:needs \
        feel:felt:feels leave:left:leaves keep:kept:keeps begin:began:begins help:helped:helps \
        show:showed:shows hear:heard:hears play:played:plays move:moved:moves like:liked:likes \
        hold:held:holds bring:brought:brings write:wrote:writes provide:provided:provides \
        lose:lost:loses pay:paid:pays meet:met:meets include:included:includes learn:learned:learns \
        change:changed:changes lead:led:leads understand:understood:understands watch:watched:watches \
        follow:followed:follows stop:stopped:stops create:created:creates read:read:reads \
        spend:spent:spends open:opened:opens win:won:wins offer:offered:offers remember:remembered:remembers \
        love:loved:loves consider:considered:considers buy:bought:buys serve:served:serves \
        send:sent:sends expect:expected:expects build:built:builds cut:cut:cuts reach:reached:reaches \
        raise:raised:raises pass:passed:passes sell:sold:sells report:reported:reports pull:pulled:pulls \
        carry:carried:carries cross:crossed:crosses paint:painted:paints climb:climbed:climbs \
        visit:visited:visits answer:answered:answers fix:fixed:fixes describe:described:describes \
        explain:explained:explains carve:carved:carves mend:mended:mends borrow:borrowed:borrows
        """).map { word in
        let forms = word.split(separator: ":").map(String.init)
        return (forms[0], forms[1], forms[2])
    }

    /// Verbs used without an object ("the river rose").
    static let intransitiveVerbs: [String] = words("""
        went came looked worked seemed stayed waited laughed smiled listened arrived returned \
        slept paused hesitated rose fell disappeared wandered nodded agreed shrugged sighed
        """)

    /// Adverbs that follow a verb ("the river rose slowly").
    static let adverbs: [String] = words("""
        now then again later together quickly slowly soon suddenly quietly carefully early \
        gently easily
        """)

    /// Adverbs that precede a verb ("Anna never answered").
    static let preverbalAdverbs: [String] = words("often never always already finally suddenly quietly rarely once")

    static let prepositions: [String] = words("""
        of in to for with on at from by about into over after under between through during without \
        before across behind along near beyond toward around
        """)

    static let conjunctions: [String] = words("and but so because while although when until since")

    static let determiners: [String] = words("the a this that his her their our every some")

    static let pluralDeterminers: [String] = words("the these those many some few their our two three several")

    static let subjectPronouns: [String] = words("he she they we I it you")

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }

    static func plural(of noun: String) -> String {
        switch noun {
        case "man": return "men"
        case "woman": return "women"
        case "child": return "children"
        case "person": return "people"
        case "people", "information", "research", "education", "health", "money", "music", "bread", "art", "air", "history", "water", "work":
            return noun
        default: break
        }
        if noun.hasSuffix("y"), let beforeY = noun.dropLast().last, !"aeiou".contains(beforeY) {
            return String(noun.dropLast()) + "ies"
        }
        if noun.hasSuffix("s") || noun.hasSuffix("sh") || noun.hasSuffix("ch") || noun.hasSuffix("x") {
            return noun + "es"
        }
        return noun + "s"
    }
}
