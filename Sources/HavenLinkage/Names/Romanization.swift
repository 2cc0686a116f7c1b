/// Hangul names written in Latin letters, syllable by syllable, as names are written (the sound
/// changes between syllables that ordinary words undergo are not applied to names): Revised
/// Romanization (South Korea, 2000), McCune–Reischauer (with or without its breves and
/// apostrophes), and the North Korean official system (1992).
public enum RomanizationSystem: String, Sendable, CaseIterable {
    case revised
    case mccuneReischauer
    /// McCune–Reischauer as usually typed: without breves (ŏ → o, ŭ → u) and apostrophes.
    case mccuneReischauerPlain
    case northKorean
}

public enum Romanizer {
    /// A name's words romanised, each syllable of a word written as the system writes a name's
    /// syllables; MR joins the syllables of a given name with hyphens, the North Korean system
    /// writes them as separate capitalised words, Revised Romanization writes them together.
    public static func romanize(_ name: String, _ system: RomanizationSystem) -> String {
        Hangul.composed(name).split(separator: " ").enumerated().map { index, word -> String in
            let syllables = Hangul.syllables(String(word))
            guard !syllables.isEmpty else { return String(word) }
            // A two-word name is surname then given name; a one-word name of three syllables or
            // fewer is a one-syllable surname and a given name.
            if index == 0 && syllables.count > 1 && !name.contains(" ") {
                let surname = write(syllables[0], system, position: .initial, previousTail: nil, surname: true)
                return capitalised(surname) + " " + given(Array(syllables.dropFirst()), system)
            }
            if index == 0 && name.contains(" ") && syllables.count == 1 {
                return capitalised(write(syllables[0], system, position: .initial, previousTail: nil, surname: true))
            }
            return given(syllables, system)
        }.joined(separator: " ")
    }

    /// A given name's (or a place name's) syllables romanised as one word in the system's way.
    public static func given(_ syllables: [Hangul.Syllable], _ system: RomanizationSystem) -> String {
        var parts: [String] = []
        var previous: Int?
        for (i, syllable) in syllables.enumerated() {
            parts.append(write(syllable, system, position: i == 0 ? .initial : .medial, previousTail: previous, surname: false))
            previous = syllable.tail
        }
        switch system {
        case .revised: return capitalised(parts.joined())
        case .mccuneReischauer, .mccuneReischauerPlain: return capitalised(parts.joined(separator: "-"))
        case .northKorean: return parts.map(capitalised).joined(separator: " ")
        }
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    enum Position { case initial, medial }

    /// Surnames whose romanisation is customary rather than systematic in MR (이 as Yi).
    static let mrSurnames: [Character: String] = ["이": "yi", "리": "ri"]

    static func write(_ syllable: Hangul.Syllable, _ system: RomanizationSystem, position: Position, previousTail: Int?, surname: Bool) -> String {
        if surname, system == .mccuneReischauer || system == .mccuneReischauerPlain, let custom = mrSurnames[syllable.character] { return custom }
        let lead: String
        let vowel: String
        let tail: String
        switch system {
        case .revised:
            lead = revisedLeads[syllable.lead]
            vowel = revisedVowels[syllable.vowel]
            tail = revisedTails[syllable.tail]
        case .mccuneReischauer, .mccuneReischauerPlain:
            // MR writes each syllable of a hyphenated given name as word-initial (Chŏng-hŭi, Tu-hwan).
            var l = mrLeads[syllable.lead]
            if syllable.lead == Hangul.Lead.s, syllable.vowel == Hangul.Vowel.i || syllable.vowel == Hangul.Vowel.wi { l = "sh" }
            if syllable.lead == Hangul.Lead.r, position == .medial, previousTail == 8 { l = "l" }
            let plain = system == .mccuneReischauerPlain
            lead = plain ? Self.plain(l) : l
            vowel = plain ? mrPlainVowels[syllable.vowel] : mrVowels[syllable.vowel]
            tail = mrTails[syllable.tail]
        case .northKorean:
            // A plain consonant is voiced inside a given name after a vowel or a resonant (Son Gwon, Yo Jong).
            let resonantBefore = previousTail.map { [0, 4, 8, 16, 21].contains($0) } ?? false
            lead = position == .medial && resonantBefore ? nkVoicedLeads[syllable.lead] : nkLeads[syllable.lead]
            vowel = nkVowels[syllable.vowel]
            tail = nkTails[syllable.tail]
        }
        return lead + vowel + tail
    }

    /// Whether lower-case letters spell one syllable as some system (or the common habits sh,
    /// oo, ee) would write it: Kim, Chŏl as chol, Hyeon do; Kig, Pka, Kmi, Kwoon do not, and are
    /// slips of the pen rather than another name.
    public static func isSyllable(_ letters: String) -> Bool {
        let word = Array(letters.utf8)
        for lead in syllableLeads where word.starts(with: lead) {
            let rest = word[lead.count...]
            for vowel in syllableVowels where rest.starts(with: vowel) {
                if syllableTails.contains(Array(rest.dropFirst(vowel.count))) { return true }
            }
        }
        return false
    }

    static let syllableLeads: [[UInt8]] = Set(revisedLeads + mrLeads.map(plain) + nkLeads + nkVoicedLeads + ["sh", "l"]).map { Array($0.utf8) }
    static let syllableVowels: [[UInt8]] = Set(revisedVowels + mrPlainVowels + nkVowels + ["oo", "ee"]).map { Array($0.utf8) }
    static let syllableTails: Set<[UInt8]> = Set((revisedTails + mrTails + nkTails).map { Array($0.utf8) })

    /// McCune–Reischauer as usually typed: ŏ → o, ŭ → u, no apostrophe.
    static func plain(_ text: String) -> String {
        String(text.compactMap { $0 == "ŏ" ? "o" : $0 == "ŭ" ? "u" : $0 == "'" ? nil : $0 })
    }

    static let mrPlainVowels = mrVowels.map(plain)

    static let revisedLeads = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
    static let revisedVowels = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
    static let revisedTails = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]

    static let mrLeads = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"]
    static let mrVowels = ["a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"]
    static let mrTails = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]

    static let nkLeads = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"]
    static let nkVoicedLeads = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"]
    static let nkVowels = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"]
    static let nkTails = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
}
