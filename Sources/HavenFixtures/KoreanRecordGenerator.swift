import Foundation
import HavenCore
import HavenLinkage

/// Seeded synthetic records of fictional Korean persons as several sources would report them:
/// an NGO in Hangul (Southern or Northern spelling), a government list in passport spelling, the
/// press in McCune–Reischauer (with or without breves), North Korean documents in the official
/// Northern system; with typos, either name order, hyphen/space/no separator, and birth dates
/// known to the day, the month, the year or not at all. For measuring linkage; every name is
/// made from syllables and any resemblance to a real person is chance.
public struct KoreanRecordGenerator: Sendable {
    /// One generated record and the person it stands for.
    public struct Row: Sendable {
        public var record: LinkRecord
        public var person: Int
    }

    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Surnames in their Southern and Northern Hangul forms with rough shares of the population
    /// (Kim about a fifth, Lee/Ri a seventh …), which is what makes Korean linkage hard.
    static let surnames: [(south: String, north: String, weight: Double)] = [
        ("김", "김", 21.5), ("이", "리", 14.7), ("박", "박", 8.4), ("최", "최", 4.7), ("정", "정", 4.3), ("강", "강", 2.3),
        ("조", "조", 2.1), ("윤", "윤", 2.1), ("장", "장", 2.0), ("임", "림", 1.7), ("한", "한", 1.5), ("오", "오", 1.5),
        ("서", "서", 1.4), ("신", "신", 1.4), ("권", "권", 1.4), ("황", "황", 1.4), ("안", "안", 1.4), ("송", "송", 1.3),
        ("유", "류", 1.2), ("홍", "홍", 1.1), ("전", "전", 1.1), ("고", "고", 0.9), ("문", "문", 0.9), ("양", "량", 0.9),
        ("손", "손", 0.9), ("배", "배", 0.8), ("백", "백", 0.8), ("허", "허", 0.6), ("노", "로", 0.4), ("남", "남", 0.4),
    ]

    /// Syllables common in given names, in their Southern form (none starts with ㄹ, which the
    /// South writes only inside a name). About 150 of them, as in real naming.
    static let syllables = Array(
        """
        가강건경계고곤관광교구국군권규균근금기길나남내노단달담대덕도동두득만매명모목무문미민배백범병보복봉부분빈사산삼상\
        새서석선설섭성세소송수숙순승시식신실심아안애양억언연열엽영예오옥온완용우욱운웅원월위유윤율은을의이익인일임자장재\
        전정제조종주준중지진찬창채천철청초춘충치태택파평표풍필하학한해향헌혁현형혜호홍화환황회효훈휘흥희
        """.filter { $0 != "\n" }).map(String.init)
    static let places = ["회령", "무산", "혜산", "청진", "함흥", "평양", "신의주", "남포", "길주", "온성", "김책", "단천", "삼지연", "개성"]

    /// The Northern form of a given name's first syllable when it came from a ㄹ (or ㄴ) that the
    /// South drops or softens: 영 → 령, 연 → 련, 노 → 로. Whether it did depends on the Chinese
    /// character behind it, which the generator decides by a coin for each person.
    static func northern(_ syllable: String) -> String? {
        guard let scalar = syllable.unicodeScalars.first, let hangul = Hangul.syllable(scalar) else { return nil }
        var result = hangul
        if hangul.lead == Hangul.Lead.none, Hangul.Vowel.iotated.contains(hangul.vowel) {
            result.lead = Hangul.Lead.r
        } else if hangul.lead == Hangul.Lead.n {
            result.lead = Hangul.Lead.r
        } else {
            return nil
        }
        return String(result.character)
    }

    /// `persons` people, each reported by one to four sources; rows in a shuffled order.
    public func rows(persons: Int) -> [Row] {
        var random = SeededGenerator(seed: seed)
        let total = Self.surnames.reduce(0) { $0 + $1.weight }
        var rows: [Row] = []
        rows.reserveCapacity(persons * 2)
        for person in 0..<persons {
            var pick = Double.random(in: 0..<total, using: &random)
            let surname = Self.surnames.first { pick -= $0.weight; return pick < 0 } ?? Self.surnames[0]
            // A one-syllable given name is rare (about 3 in 100).
            let given = (0..<(Int.random(in: 0..<100, using: &random) < 3 ? 1 : 2)).map { _ in Self.syllables.randomElement(using: &random)! }.joined()
            let northernInitial = Bool.random(using: &random)
            let year = Int.random(in: 1940...2012, using: &random), month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...28, using: &random)
            let female = Double.random(in: 0..<1, using: &random) < 0.7
            let place = Self.places.randomElement(using: &random)!
            // Most people are reported once or twice; some by three or four sources.
            let reports = [1, 1, 1, 2, 2, 2, 3, 3, 4].randomElement(using: &random)!
            for _ in 0..<reports {
                let source = Source.allCases.randomElement(using: &random)!
                var record = LinkRecord(id: "", source: source.rawValue)
                record.name = name(surname: surname, given: given, northernInitial: northernInitial, source: source, random: &random)
                record.sex = Double.random(in: 0..<1, using: &random) < 0.1 ? nil : source.sex(female: female)
                record.birthDate = birthDate(year: year, month: month, day: day, random: &random)
                if Double.random(in: 0..<1, using: &random) < 0.5 {
                    record.birthPlace = source.isHangul ? place : Romanizer.given(Hangul.syllables(place), source.system).capitalized
                }
                rows.append(Row(record: record, person: person))
            }
        }
        rows.shuffle(using: &random)
        for index in rows.indices { rows[index].record.id = "r\(index + 1)" }
        return rows
    }

    enum Source: String, CaseIterable {
        case ngoSouth = "ngo", ngoNorth = "ngo-north", passport = "government", press, northKorean = "kcna"

        var isHangul: Bool { self == .ngoSouth || self == .ngoNorth }

        var system: RomanizationSystem {
            switch self {
            case .ngoSouth, .passport: .revised
            case .press: .mccuneReischauer
            case .ngoNorth, .northKorean: .northKorean
            }
        }

        func sex(female: Bool) -> String {
            switch self {
            case .ngoSouth, .ngoNorth: female ? "여" : "남"
            case .passport: female ? "F" : "M"
            default: female ? "female" : "male"
            }
        }
    }

    func name(surname: (south: String, north: String, weight: Double), given: String, northernInitial: Bool, source: Source,
              random: inout SeededGenerator) -> String {
        let north = source == .ngoNorth || source == .northKorean
        let family = north ? surname.north : surname.south
        var givenForm = given
        if north, northernInitial, let first = given.first.map(String.init), let northern = Self.northern(first) {
            givenForm = northern + given.dropFirst()
        }
        var text: String
        switch source {
        case .ngoSouth, .ngoNorth:
            text = family + (Int.random(in: 0..<5, using: &random) == 0 ? " " : "") + givenForm
        case .passport:
            // Passports use the family's own spelling of the surname (Lee, Park, Choi …).
            let spellings = Surnames.spellings[surname.south] ?? [Romanizer.romanize(family, .revised)]
            let familyLatin = spellings.prefix(3).randomElement(using: &random)!.capitalized
            let givenLatin = Romanizer.romanize("김 " + givenForm, .revised).split(separator: " ").dropFirst().joined()
            let syllables = split(givenLatin, count: givenForm.count)
            let separator = ["-", "", " "].randomElement(using: &random)!
            let givenText = syllables.joined(separator: separator).lowercased().capitalizedFirstLetter
            text = Bool.random(using: &random) ? familyLatin + " " + givenText : givenText + " " + familyLatin.uppercased()
        case .press:
            let system: RomanizationSystem = Bool.random(using: &random) ? .mccuneReischauer : .mccuneReischauerPlain
            text = Romanizer.romanize(family + " " + givenForm, system)
        case .northKorean:
            text = Romanizer.romanize(family + " " + givenForm, .northKorean)
        }
        if Int.random(in: 0..<10, using: &random) == 0 { text = typo(text, random: &random) }
        return text
    }

    /// The romanised syllables of a given name, split where the Hangul syllables were.
    func split(_ latin: String, count: Int) -> [String] {
        let parts = latin.split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
        return parts.count == count ? parts : [latin]
    }

    /// One slip of the keyboard: a letter dropped, doubled, swapped with the next, or replaced.
    func typo(_ text: String, random: inout SeededGenerator) -> String {
        var characters = Array(text)
        let letters = characters.indices.filter { characters[$0].isLetter && $0 > 0 }
        guard let index = letters.randomElement(using: &random) else { return text }
        // A slip in Hangul is a wrong vowel or final consonant in one syllable, not a lost syllable.
        if !characters[index].isASCII {
            characters[index] = Self.slip(characters[index], random: &random)
            return String(characters)
        }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: characters.remove(at: index)
        case 1: characters.insert(characters[index], at: index)
        case 2 where index + 1 < characters.count && characters[index + 1].isLetter: characters.swapAt(index, index + 1)
        default:
            if characters[index].isASCII { characters[index] = "aeiounkgs".randomElement(using: &random)! }
            else { characters[index] = Self.slip(characters[index], random: &random) }
        }
        return String(characters)
    }

    /// A Hangul syllable with a neighbouring vowel (ㅓ/ㅕ, ㅗ/ㅜ, ㅐ/ㅔ) or final (ㄴ/ㅇ, none/ㄴ).
    static func slip(_ character: Character, random: inout SeededGenerator) -> Character {
        guard let scalar = character.unicodeScalars.first, var syllable = Hangul.syllable(scalar) else { return character }
        let vowels: [Int: Int] = [Hangul.Vowel.eo: Hangul.Vowel.yeo, Hangul.Vowel.yeo: Hangul.Vowel.eo, Hangul.Vowel.o: Hangul.Vowel.u,
                                  Hangul.Vowel.u: Hangul.Vowel.o, Hangul.Vowel.ae: Hangul.Vowel.e, Hangul.Vowel.e: Hangul.Vowel.ae]
        if Bool.random(using: &random), let vowel = vowels[syllable.vowel] {
            syllable.vowel = vowel
        } else {
            // Finals: 0 none, 4 ㄴ, 21 ㅇ.
            syllable.tail = syllable.tail == 4 ? 21 : syllable.tail == 21 ? 4 : syllable.tail == 0 ? 4 : 0
        }
        return syllable.character
    }

    func birthDate(year: Int, month: Int, day: Int, random: inout SeededGenerator) -> String? {
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        var year = year, month = month, day = day
        let roll = Double.random(in: 0..<1, using: &random)
        if roll < 0.04 { year += Bool.random(using: &random) ? 1 : -1 }
        else if roll < 0.06, day <= 12 { swap(&month, &day) }
        switch Double.random(in: 0..<1, using: &random) {
        case ..<0.5: return "\(year)-\(two(month))-\(two(day))"
        case ..<0.7: return "\(year)-\(two(month))"
        case ..<0.9: return "\(year)"
        default: return nil
        }
    }
}

extension String {
    var capitalizedFirstLetter: String { prefix(1).uppercased() + dropFirst() }
}
