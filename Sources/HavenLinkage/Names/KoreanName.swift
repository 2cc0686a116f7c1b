import Foundation

/// A person's name as linkage compares it: every spelling it may stand for, reduced to a sound
/// key in which the differences between the romanisation systems, the Northern and Southern
/// initial sound, and the usual surname spellings disappear. A Hangul name and a romanised one
/// are compared through the romanisations of the Hangul; a romanised name is read in either order.
public struct KoreanName: Sendable, Equatable {
    /// One reading of the name: family name and given name, as sound keys.
    public struct Reading: Sendable, Hashable {
        public var family: String
        public var given: String
        /// The Hangul surnames the family name may stand for (empty when unknown), sorted and
        /// without repeats: a handful at most, compared by merging rather than hashing.
        public var familyHangul: [String]
        /// Whether `familyHangul` was found for a misspelt surname (Kig for 김): a shared surname
        /// then counts as close, not the same.
        public var familySlip = false

        /// Whether the two family names may stand for one Hangul surname.
        func sharesSurname(with other: Reading) -> Bool {
            var i = 0, j = 0
            while i < familyHangul.count, j < other.familyHangul.count {
                if familyHangul[i] == other.familyHangul[j] { return true }
                if familyHangul[i] < other.familyHangul[j] { i += 1 } else { j += 1 }
            }
            return false
        }
    }

    /// A romanised name part as a reading uses it, worked out once per distinct spelling.
    public struct LatinPart: Sendable {
        /// Its sound key.
        public var key: String
        /// The Hangul surnames it may stand for as a family name (sorted; empty when unknown).
        public var surnames: [String]

        public init(_ text: String) {
            key = SoundKey.of(KoreanName.folded(text))
            surnames = Surnames.hangul(for: KoreanName.letters(text))
        }
    }

    public let readings: [Reading]
    /// For a name written in Hangul: its family and given name in the Southern form, as jamo, so
    /// that two Hangul names are compared as written (정숙 and 종숙 are two names, though they sound
    /// alike in romanisation) and a slip of one jamo is small.
    public let hangul: HangulParts?

    public struct HangulParts: Sendable, Equatable {
        public var family: String
        public var given: String
    }

    /// Surnames of two syllables, which a one-word Hangul name starts with.
    static let compoundSurnames: Set<String> = ["황보", "남궁", "제갈", "선우", "독고", "사공", "서문", "동방"]

    /// The distinct spellings among the readings' family and given keys; reading r's are
    /// `spellings[spellingOfReading[2r]]` and `spellings[spellingOfReading[2r + 1]]`. Readings
    /// share spellings (a name read in either order uses its two words twice), and comparing two
    /// names compares each pair of spellings once.
    let spellings: [String]
    let spellingOfReading: [UInt8]
    /// Whether some reading's family name is a known Hangul surname (most romanised names of
    /// other peoples have none, and two such names never share one).
    let hasSurnames: Bool

    public init(_ text: String) {
        let name = text.composed.trimmedSpaces
        if Hangul.contains(name) {
            (readings, hangul) = Self.hangulReadings(name)
        } else {
            readings = Self.latinReadings(name)
            hangul = nil
        }
        (spellings, spellingOfReading) = Self.spellings(of: readings)
        hasSurnames = readings.contains { !$0.familyHangul.isEmpty }
    }

    static func spellings(of readings: [Reading]) -> ([String], [UInt8]) {
        var spellings: [String] = [], indices: [UInt8] = []
        for reading in readings {
            for key in [reading.family, reading.given] {
                if let index = spellings.firstIndex(of: key) {
                    indices.append(UInt8(index))
                } else {
                    indices.append(UInt8(spellings.count))
                    spellings.append(key)
                }
            }
        }
        return (spellings, indices)
    }

    /// A name whose family and given parts were recorded apart, so their order is known.
    /// `part` reads a romanised part (a cache of ``LatinPart`` when many records share names).
    public init(family: String, given: String, part: (String) -> LatinPart = LatinPart.init) {
        let family = family.composed.trimmedSpaces
        let given = given.composed.trimmedSpaces
        if Hangul.contains(family) || Hangul.contains(given) {
            (readings, hangul) = Self.hangulReadings(family + " " + given, parts: (family, given))
        } else if family.isEmpty && given.isEmpty {
            hangul = nil
            readings = []
        } else {
            let familyPart = part(family), givenPart = part(given)
            let recorded = Reading(family: familyPart.key, given: givenPart.key, familyHangul: familyPart.surnames)
            // Lists swap the two columns often enough that the other order is read too (second,
            // so that the recorded order keys the name).
            let swapped = Reading(family: givenPart.key, given: familyPart.key, familyHangul: givenPart.surnames)
            readings = recorded.family.isEmpty || recorded.given.isEmpty || recorded == swapped ? [recorded] : [recorded, swapped]
            hangul = nil
        }
        (spellings, spellingOfReading) = Self.spellings(of: readings)
        hasSurnames = readings.contains { !$0.familyHangul.isEmpty }
    }

    static func hangulReadings(_ name: String, parts: (family: String, given: String)? = nil) -> ([Reading], HangulParts) {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).map(String.init)
        var family: String, given: String
        if let parts {
            family = parts.family
            given = parts.given
        } else if words.count >= 2 {
            family = words[0]
            given = words.dropFirst().joined()
        } else {
            let characters = Array(name.filter { Hangul.syllable($0.unicodeScalars.first!) != nil })
            let two = characters.count > 2 ? String(characters.prefix(2)) : ""
            let length = compoundSurnames.contains(two) ? 2 : 1
            family = String(characters.prefix(length))
            given = String(characters.dropFirst(length))
        }
        family = InitialSoundRule.southern(name: family)
        let southernGiven = InitialSoundRule.southern(name: given)
        // Each part is romanised once per system; the systems mostly agree once reduced to sound keys.
        let familySyllables = Hangul.syllables(family)
        let givenForms = given == southernGiven ? [Hangul.syllables(given)] : [Hangul.syllables(given), Hangul.syllables(southernGiven)]
        var keys: [(family: String, given: String)] = []
        for system in RomanizationSystem.allCases {
            let familyKey = SoundKey.of(Romanizer.given(familySyllables, system))
            for form in givenForms {
                let key = (family: familyKey, given: SoundKey.of(Romanizer.given(form, system)))
                if !keys.contains(where: { $0 == key }) { keys.append(key) }
            }
        }
        // Sorted, so that the first reading is the same in every run.
        let familyHangul = [family]
        let readings = keys.sorted { ($0.family, $0.given) < ($1.family, $1.given) }.map { Reading(family: $0.family, given: $0.given, familyHangul: familyHangul) }
        return (readings, HangulParts(family: Hangul.decomposed(family), given: Hangul.decomposed(southernGiven)))
    }

    /// The letters of a name part, lower-cased, as the surname table spells them.
    static func letters(_ text: String) -> String {
        text.asciiMapped(String.lowercaseLetter) ?? folded(text).filter(\.isLetter)
    }

    /// Lower case without diacritics; ASCII, the usual case, skips Foundation's slower folding.
    static func folded(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
    }

    static func latinReadings(_ name: String) -> [Reading] {
        let folded = folded(name)
        let tokens = folded.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init).filter { !$0.isEmpty }
        guard let first = tokens.first else { return [] }
        var readings: [Reading] = []
        func reading(family: String, given: [String]) -> Reading {
            var surnames = Surnames.hangul(for: family)
            if surnames.isEmpty { surnames = Surnames.hangul(sounding: family) }
            let slip = surnames.isEmpty ? Surnames.hangul(slip: family) : nil
            return Reading(family: SoundKey.of(family), given: SoundKey.of(given.joined()),
                           familyHangul: slip.map { [$0] } ?? surnames, familySlip: slip != nil)
        }
        // One word with no separator (KIMMINHO, Parkjisoo): a known surname spelling at its start,
        // the longest that leaves a given name of two letters or more.
        if tokens.count == 1, Surnames.hangul(for: first).isEmpty,
           let surname = Surnames.spellingsByLength.first(where: { first.hasPrefix($0) && first.count - $0.count >= 2 }) {
            return [reading(family: surname, given: [String(first.dropFirst(surname.count))])]
        }
        // Either order, unless one end is a known surname and the other is not (Kim Min-ho is
        // not Min-ho with the given name Kim).
        // A word that sounds like a surname counts as one here (Jonng Jon Im is read both ways).
        func isSurname(_ word: String) -> Bool { !Surnames.hangul(for: word).isEmpty || !Surnames.hangul(sounding: word).isEmpty }
        // So does a slip of one (Kig Jong Mun), at the start, where the family name usually is; at
        // the end only when the start is no surname (Chaehoe IGM): Kim Jong Mnu is a slip in
        // the given name, and reading it the other way too would pair it with many more records.
        let last = tokens.count > 1 ? tokens.last : nil
        let firstIsKnown = isSurname(first), lastIsKnown = last.map(isSurname) ?? false
        let firstIsSurname = firstIsKnown || Surnames.hangul(slip: first) != nil
        let lastIsSurname = lastIsKnown || (!firstIsKnown && last.flatMap { Surnames.hangul(slip: $0) } != nil)
        if firstIsSurname || !lastIsSurname { readings.append(reading(family: first, given: Array(tokens.dropFirst()))) }
        if let last, lastIsSurname || !firstIsSurname { readings.append(reading(family: last, given: Array(tokens.dropLast()))) }
        return readings.flatMap { reading in [reading] + (southernGiven(reading).map { [$0] } ?? []) }
    }

    /// A romanised given name in North Korean spelling starts with r where the South writes
    /// nothing or n (Ryong-ho / Yong-ho, Ryon / Yon, Rak / Nak): the Southern form as another
    /// reading, as the initial-sound rule does for Hangul.
    static func southernGiven(_ reading: Reading) -> Reading? {
        let key = reading.given
        guard key.hasPrefix("r"), key.count > 2 else { return nil }
        let rest = key.dropFirst()
        var southern = reading
        // In sound keys l and n at a syllable's start are already r; an iotated vowel loses it.
        southern.given = rest.first == "y" || rest.first == "i" ? String(rest) : "n" + rest
        return southern
    }

    /// The key that stands for the family name: the Hangul surname when the spelling is a known
    /// one (Choi, Choe and Chey are all 최), else the sound key.
    public static func familyBlockKey(_ reading: Reading) -> String {
        reading.familyHangul.first ?? reading.family
    }

    /// The keys that block on the family name: every Hangul surname a known spelling may stand
    /// for (Yun is 윤 or 연), so that it meets each of them; else the sound key.
    public static func familyBlockKeys(_ reading: Reading) -> [String] {
        reading.familyHangul.isEmpty ? [reading.family] : reading.familyHangul
    }

    /// The least similarity of two spellings of a name part one slip apart (a letter or jamo
    /// added, dropped or changed, or two swapped): "close", however short the name. Jaro–Winkler alone
    /// puts 관구 / 광구 or Kim / Kin lower than long names with two slips.
    public static let oneSlip = 0.92

    /// How alike two spellings of a name part are (0 … 1): Jaro–Winkler, raised to ``oneSlip``
    /// when they are one slip apart.
    static func part(_ x: String, _ y: String) -> Double {
        if x == y { return 1 }
        let similarity = StringComparators.jaroWinkler(x, y)
        return similarity < oneSlip && StringComparators.withinOneEdit(x, y) ? oneSlip : similarity
    }

    /// How alike two names are (0 … 1): the best reading pair, the family name weighing 0.25 and
    /// the given name 0.75 (a few surnames are shared by most Koreans, so agreeing on one says
    /// little); family names that stand for the same Hangul surname count as equal.
    public static func similarity(_ a: KoreanName, _ b: KoreanName) -> Double {
        let best = parts(a, b)
        return 0.25 * best.family + 0.75 * best.given
    }

    /// The family-name and given-name similarity (0 … 1 each) of the reading pair that is most
    /// alike overall, so that both parts come from the same reading of each name (one order).
    public static func parts(_ a: KoreanName, _ b: KoreanName) -> (family: Double, given: Double) {
        // Both written in Hangul: compared as written, jamo by jamo.
        if let x = a.hangul, let y = b.hangul {
            return (part(x.family, y.family), part(x.given, y.given))
        }
        let columns = b.spellings.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: a.spellings.count * columns) { known in
            known.initialize(repeating: -1)
            func similarity(_ x: UInt8, _ y: UInt8) -> Double {
                let k = Int(x) * columns + Int(y)
                if known[k] < 0 { known[k] = part(a.spellings[Int(x)], b.spellings[Int(y)]) }
                return known[k]
            }
            var best = (family: 0.0, given: 0.0), bestScore = -1.0
            let surnames = a.hasSurnames && b.hasSurnames
            // By index, without copying each reading (three arrays) for every pair.
            for r in a.readings.indices {
                for s in b.readings.indices {
                    let shared = surnames && a.readings[r].sharesSurname(with: b.readings[s])
                    var family = 1.0
                    if !shared || a.readings[r].familySlip || b.readings[s].familySlip {
                        family = similarity(a.spellingOfReading[2 * r], b.spellingOfReading[2 * s])
                        // A misspelt surname that stands for the other's is one slip away, however it is spelt.
                        if shared { family = max(family, oneSlip) }
                    }
                    let given = similarity(a.spellingOfReading[2 * r + 1], b.spellingOfReading[2 * s + 1])
                    let score = 0.25 * family + 0.75 * given
                    if score > bestScore { (best, bestScore) = ((family, given), score) }
                }
            }
            return best
        }
    }
}

/// A romanised name reduced to how it sounds, so that systems and habits of spelling meet:
/// breves, apostrophes and separators go; aspirated and tense consonants fall together with the
/// plain ones (ch'/ch/j, k'/k/g, t'/t/d, p'/p/b); ŏ/eo/o/u and ŭ/eu/u meet, ŭi/ui/ee/i too; l/r/n
/// at a syllable's start meet; oo → u; a silent h after a vowel (Oh, Ahn) goes.
public enum SoundKey {
    public static func of(_ text: String) -> String {
        // Letters only, in lower case, without diacritics (ŏ → o). ASCII, the usual case, is
        // lowered byte by byte; only other text goes through Foundation's slower folding.
        var s: [UInt8]
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            s = text.utf8.compactMap { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                default: nil
                }
            }
        } else {
            s = Array(text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().filter { $0.isLetter }.utf8)
        }
        // Which letters the spelling has (or gains by a replacement), so that a digraph with a
        // letter it lacks is not looked for.
        var letters: (UInt64, UInt64) = (0, 0)
        func add(_ bytes: [UInt8]) {
            for byte in bytes { if byte < 64 { letters.0 |= 1 << UInt64(byte) } else if byte < 128 { letters.1 |= 1 << UInt64(byte - 64) } }
        }
        func has(_ byte: UInt8) -> Bool { byte >= 128 || (byte < 64 ? letters.0 >> UInt64(byte) & 1 != 0 : letters.1 >> UInt64(byte - 64) & 1 != 0) }
        add(s)
        for (from, to) in digraphs where from.allSatisfy(has) {
            replace(&s, from, to)
            add(to)
        }
        var key: [UInt8] = []
        key.reserveCapacity(s.count)
        func isVowel(_ byte: UInt8) -> Bool { byte < 128 && vowels & (1 << UInt128(byte)) != 0 }
        for (i, c) in s.enumerated() {
            var mapped: UInt8 = switch c {
            case UInt8(ascii: "g"): UInt8(ascii: "k")
            case UInt8(ascii: "d"): UInt8(ascii: "t")
            case UInt8(ascii: "b"): UInt8(ascii: "p")
            case UInt8(ascii: "l"), UInt8(ascii: "n"): UInt8(ascii: "r")
            // ㅓ is written o (MR, North) or u (passports: Sun, Jung): o and u meet.
            case UInt8(ascii: "o"): UInt8(ascii: "u")
            default: c
            }
            let next = i + 1 < s.count ? s[i + 1] : nil
            // A final n stays n (Kim/Kin differ less than Kim/Kir): only a consonant before a vowel merges l/r/n.
            if c == UInt8(ascii: "n"), !(next.map(isVowel) ?? false) { mapped = UInt8(ascii: "n") }
            if c == UInt8(ascii: "h"), i > 0, isVowel(s[i - 1]), !(next.map(isVowel) ?? false) { continue }
            // Doubled consonants count once (not bytes of a letter outside ASCII).
            if mapped < 0x80, key.last == mapped, !isVowel(mapped) { continue }
            key.append(mapped)
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// The letters that count as vowels, a bit each (asked several times a letter: a set
    /// hashed each byte).
    static let vowels: UInt128 = "aeiouyw".utf8.reduce(0) { $0 | 1 << UInt128($1) }

    /// Spellings that sound alike, replaced in this order (tch before ch, eo before o …); ou is
    /// the passports' ㅓ after y (Young, Myoung, Byoung for 영, 명, 병).
    static let digraphs: [([UInt8], [UInt8])] = [
        ("sh", "s"), ("kh", "k"), ("th", "t"), ("ph", "p"), ("tch", "j"), ("ch", "j"), ("kk", "k"), ("tt", "t"), ("pp", "p"),
        ("ss", "s"), ("jj", "j"), ("eo", "o"), ("ou", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"), ("ae", "e"), ("yi", "i"), ("ui", "i"), ("wo", "o"),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    /// Replaces every occurrence of `from`, left to right and without overlap, as
    /// `replacingOccurrences(of:with:)` does.
    static func replace(_ s: inout [UInt8], _ from: [UInt8], _ to: [UInt8]) {
        // Most spellings have none of most digraphs: found before anything is copied.
        guard s.count >= from.count,
              let first = (0...(s.count - from.count)).first(where: { s[$0] == from[0] && s[($0 + 1)..<($0 + from.count)].elementsEqual(from[1...]) })
        else { return }
        var output = Array(s[..<first])
        output.reserveCapacity(s.count)
        var i = first
        while i < s.count {
            if i + from.count <= s.count, s[i..<(i + from.count)].elementsEqual(from) {
                output += to
                i += from.count
            } else {
                output.append(s[i])
                i += 1
            }
        }
        s = output
    }
}
