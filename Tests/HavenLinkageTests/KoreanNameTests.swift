import Foundation
import HavenCore
import HavenLinkage
import Testing
import HavenFixtures

/// Korean names taken apart, spelled the Northern and Southern way, and romanised by each system,
/// checked against published spellings; the generic comparators against their published values.
struct KoreanNameTests {
    @Test func syllablesDecomposeAndComposeBack() throws {
        let syllable = try #require(Hangul.syllable("김".unicodeScalars.first!))
        #expect(syllable == Hangul.Syllable(lead: Hangul.Lead.g, vowel: Hangul.Vowel.i, tail: 16))
        #expect(syllable.character == "김")
        #expect(Hangul.syllables("김 정-숙").map(\.character) == ["김", "정", "숙"])
        // Decomposed input (jamo) is composed first.
        #expect(Hangul.syllables("\u{1100}\u{1175}\u{11B7}").map(\.character) == ["김"])
    }

    @Test func everySyllableNormalisesAsFoundationDoes() {
        // All 11,172 syllables, and texts that mix them with ASCII, jamo and accented letters
        // (which take Foundation's path).
        for value in UInt32(0xAC00)...0xD7A3 {
            let text = String(Character(Unicode.Scalar(value)!))
            #expect(Hangul.decomposed(text) == text.decomposedStringWithCanonicalMapping)
            #expect(Hangul.composed(text) == text)
        }
        for text in ["김 정-숙 Kim", "\u{1100}\u{1175}\u{11B7}정", "Chŏng 정", "e\u{301}김", "", "갂\u{11A8}"] {
            #expect(Hangul.decomposed(text) == text.decomposedStringWithCanonicalMapping, "\(text)")
            #expect(Hangul.composed(text) == text.precomposedStringWithCanonicalMapping, "\(text)")
        }
    }

    @Test(arguments: [("리설주", "이설주"), ("류경", "유경"), ("림춘", "임춘"), ("로동", "노동"), ("량강", "양강"), ("녀성", "여성"),
                      ("리 설주", "이 설주"), ("김리나", "김리나"), ("라진", "나진"), ("뉴욕", "유욕")])
    func theInitialSoundRuleGivesTheSouthernSpelling(north: String, south: String) {
        #expect(InitialSoundRule.southern(name: north) == south)
    }

    @Test(arguments: [
        // The National Institute of Korean Language's examples for personal names in Revised Romanization.
        ("민용하", RomanizationSystem.revised, "Min Yongha"), ("송나리", .revised, "Song Nari"), ("한복남", .revised, "Han Boknam"),
        ("홍빛나", .revised, "Hong Bitna"),
        // McCune–Reischauer as published for well-known names.
        ("김일성", .mccuneReischauer, "Kim Il-sŏng"), ("김정일", .mccuneReischauer, "Kim Chŏng-il"), ("박정희", .mccuneReischauer, "Pak Chŏng-hŭi"),
        ("최규하", .mccuneReischauer, "Ch'oe Kyu-ha"), ("전두환", .mccuneReischauer, "Chŏn Tu-hwan"), ("노태우", .mccuneReischauer, "No T'ae-u"),
        ("이승만", .mccuneReischauer, "Yi Sŭng-man"), ("김정일", .mccuneReischauerPlain, "Kim Chong-il"), ("최규하", .mccuneReischauerPlain, "Choe Kyu-ha"),
        // The North Korean official system as KCNA spells names.
        ("리설주", .northKorean, "Ri Sol Ju"), ("최룡해", .northKorean, "Choe Ryong Hae"), ("김여정", .northKorean, "Kim Yo Jong"),
        ("최선희", .northKorean, "Choe Son Hui"), ("리선권", .northKorean, "Ri Son Gwon"), ("김정은", .northKorean, "Kim Jong Un"),
    ])
    func namesAreRomanisedAsPublished(hangul: String, system: RomanizationSystem, expected: String) {
        #expect(Romanizer.romanize(hangul, system) == expected)
    }

    @Test func commonSurnameSpellingsLeadBackToTheirHangul() {
        #expect(Surnames.hangul(for: "Lee") == ["이"] && Surnames.hangul(for: "Rhee") == ["이"] && Surnames.hangul(for: "Ri") == ["이"])
        #expect(Surnames.hangul(for: "Park") == ["박"] && Surnames.hangul(for: "Choe") == ["최"])
        #expect(Set(Surnames.hangul(for: "Yu")) == ["류", "유"] && Set(Surnames.hangul(for: "Chung")) == ["정"])
        #expect(Surnames.hangul(for: "Smith").isEmpty)
    }

    @Test func theComparatorsGiveTheirPublishedValues() {
        // Winkler (1990) and the usual worked examples.
        #expect(abs(StringComparators.jaro("MARTHA", "MARHTA") - 0.9444) < 0.0001)
        #expect(abs(StringComparators.jaroWinkler("MARTHA", "MARHTA") - 0.9611) < 0.0001)
        #expect(abs(StringComparators.jaroWinkler("DWAYNE", "DUANE") - 0.84) < 0.0001)
        #expect(abs(StringComparators.jaroWinkler("DIXON", "DICKSONX") - 0.8133) < 0.0001)
        #expect(StringComparators.jaro("", "") == 1 && StringComparators.jaro("a", "") == 0)
        #expect(StringComparators.levenshtein("kitten", "sitting") == 3 && StringComparators.levenshtein("", "abc") == 3)
        #expect(StringComparators.levenshtein("김정숙", "김정석") == 1)
    }
}

/// One person's name across scripts, systems, the Northern spelling and name order scores high;
/// different people score low.
struct KoreanNameSimilarityTests {
    @Test(arguments: [
        ("김정숙", "Kim Jong-suk"), ("김정숙", "Kim Chŏng-suk"), ("김정숙", "Gim Jeongsuk"), ("김정숙", "Jong Suk Kim"), ("김정숙", "KIM JEONG SOOK"),
        ("리설주", "Lee Seol-ju"), ("리설주", "이설주"), ("이설주", "Ri Sol Ju"), ("박영철", "Park Young-chul"), ("박영철", "Pak Yŏng-ch'ŏl"),
        ("최선희", "Choi Sun-hee"), ("류경애", "Yu Kyung-ae"), ("Rhee Seung-man", "이승만"), ("Kim Jong-suk", "Kim Jongsuk"),
    ])
    func oneNameInManySpellingsScoresHigh(a: String, b: String) {
        let score = KoreanName.similarity(KoreanName(a), KoreanName(b))
        #expect(score >= 0.9, "\(a) ~ \(b): \(score)")
    }

    @Test(arguments: [("김정숙", "Park Young-chul"), ("김정숙", "김영호"), ("리설주", "Choi Sun-hee"), ("Kim Jong-suk", "Kim Min-ho")])
    func differentPeopleScoreLow(a: String, b: String) {
        let score = KoreanName.similarity(KoreanName(a), KoreanName(b))
        #expect(score < 0.85, "\(a) ~ \(b): \(score)")
    }

    @Test func soundKeysMeetAcrossSystems() {
        #expect(SoundKey.of("Chŏng") == SoundKey.of("Jeong") && SoundKey.of("Jeong") == SoundKey.of("Jong"))
        #expect(SoundKey.of("Ch'oe") == SoundKey.of("Choe") && SoundKey.of("Sŭng-man") == SoundKey.of("Seungman"))
        #expect(SoundKey.of("Oh") == SoundKey.of("O") && SoundKey.of("Kim") != SoundKey.of("Park"))
    }
}

/// Free text folded in one pass gives the words of letters and digits, lower-cased, joined by
/// single spaces, as splitting and joining does.
struct FoldedTextTests {
    @Test func foldingInOnePassEqualsSplittingAndJoining() {
        var random = SeededGenerator(seed: 11)
        let alphabet = Array("aZ9 -,.'\t#bQ0")
        var samples = ["", "   ", "12 Main St.", "  Tumen  River-Crossing ", "APT 4/B", "--x--"]
        for _ in 0..<500 { samples.append(String((0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! })) }
        for text in samples {
            let expected = text.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: " ")
            #expect(FieldComparisons.folded(text) == expected, "\(text)")
        }
        #expect(FieldComparisons.folded("Hoeryŏng-si") == "hoeryong si", "other text still goes through Foundation's folding")
    }
}

/// The bit-parallel Jaro for short ASCII text gives exactly what the plain scan gives.
struct JaroAgreementTests {
    @Test func bitParallelAndScanningJaroAgree() {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array("abcdefghij kmnor")
        for _ in 0..<2_000 {
            let a = String((0..<Int.random(in: 1...64, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let b = String((0..<Int.random(in: 1...64, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let fast = StringComparators.jaro(a, b)
            let expected = scannedJaro(Array(a.unicodeScalars), Array(b.unicodeScalars))
            #expect(abs(fast - expected) < 1e-12, "\(a) / \(b)")
        }
    }

    /// The textbook scan, for comparison.
    func scannedJaro(_ s: [Unicode.Scalar], _ t: [Unicode.Scalar]) -> Double {
        let window = max(max(s.count, t.count) / 2 - 1, 0)
        var sm = [Bool](repeating: false, count: s.count), tm = [Bool](repeating: false, count: t.count), matches = 0
        for i in s.indices {
            let low = max(0, i - window), high = min(t.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !tm[j] && s[i] == t[j] { sm[i] = true; tm[j] = true; matches += 1; break }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0, j = 0
        for i in s.indices where sm[i] {
            while !tm[j] { j += 1 }
            if s[i] != t[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        return (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
    }
}

/// Readings that blocking and comparison rely on: Northern r- given names read the Southern way,
/// surnames blocked by their Hangul, places by how they sound.
struct NameAndPlaceKeyTests {
    @Test func aNorthernGivenNameIsAlsoReadTheSouthernWay() {
        let north = KoreanName("O Ryong Ho"), south = KoreanName("O Yong-ho")
        #expect(KoreanName.parts(north, south).given == 1, "Ryong-ho and Yong-ho are one given name")
        #expect(KoreanName.parts(KoreanName("Ri Rak Chon"), KoreanName("Lee Nak-cheon")).given == 1, "Rak is Nak in the South")
    }

    @Test func twoHangulNamesAreComparedAsWritten() {
        // Romanised, 정숙 and 종숙 sound alike (Jong-suk); written in Hangul they are two names.
        #expect(KoreanName.parts(KoreanName("김정숙"), KoreanName("김종숙")).given < 0.97)
        #expect(KoreanName.parts(KoreanName("김정숙"), KoreanName("Kim Jong-suk")).given == 1)
        #expect(KoreanName.parts(KoreanName("리정숙"), KoreanName("이정숙")) == (1, 1), "Northern and Southern spelling of one name")
        #expect(KoreanName.parts(KoreanName("김정숙"), KoreanName("김정순")).given > 0.9, "one jamo off is a small slip")
    }

    @Test func oneSlipIsCloseHoweverShortTheName() {
        // One jamo apart in a short Hangul name; Jaro–Winkler alone puts them below "close".
        #expect(StringComparators.jaroWinkler("관구".decomposedStringWithCanonicalMapping, "광구".decomposedStringWithCanonicalMapping) < KoreanName.oneSlip)
        #expect(KoreanName.parts(KoreanName("장관구"), KoreanName("장광구")).given == KoreanName.oneSlip)
        #expect(KoreanName.parts(KoreanName("장관구"), KoreanName("장광수")).given < KoreanName.oneSlip, "two jamo apart stays below close")
    }

    @Test(arguments: [("minho", "minho", true), ("minho", "mino", true), ("minho", "minhoo", true), ("minho", "mijho", true),
                      ("minho", "imnho", true), ("minho", "mihno", true), ("minho", "minoh", true), ("", "a", true),
                      ("minho", "mnoh", false), ("minho", "inhoo", false), ("minho", "mi", false), ("관구", "광구", true), ("관구", "광수", false)])
    func withinOneEditMatchesTheEditDistance(a: String, b: String, within: Bool) {
        let decomposed = (a.decomposedStringWithCanonicalMapping, b.decomposedStringWithCanonicalMapping)
        #expect(StringComparators.withinOneEdit(decomposed.0, decomposed.1) == within)
        #expect(StringComparators.withinOneEdit(decomposed.1, decomposed.0) == within, "symmetric")
        // Without swaps it is Levenshtein ≤ 1.
        if !["imnho", "mihno", "minoh"].contains(b) {
            #expect(within == (StringComparators.levenshtein(decomposed.0, decomposed.1) <= 1))
        }
    }

    @Test func aNameWrittenWithoutSeparatorIsSplitAtItsSurname() {
        #expect(KoreanName.similarity(KoreanName("KIMMINHO"), KoreanName("김민호")) >= 0.97)
        #expect(KoreanName.similarity(KoreanName("Parkjisoo"), KoreanName("Park Ji-soo")) >= 0.97)
        #expect(KoreanName("Vilums").readings.count == 1 && KoreanName("Vilums").readings[0].given.isEmpty, "no surname at its start: one word as written")
    }

    @Test func onlyWordsThatAreNoSyllableCountAsMisspeltSurnames() {
        for word in ["kim", "chol", "hyeon", "nae", "pok", "ryong", "shin", "kkot"] { #expect(Romanizer.isSyllable(word), "\(word)") }
        for word in ["kig", "pka", "kmi", "kwoon", "jagn", "vilums"] { #expect(!Romanizer.isSyllable(word), "\(word)") }
        #expect(Surnames.hangul(slip: "Kig") == "김" && Surnames.hangul(slip: "Pka") == "박")
        #expect(Surnames.hangul(slip: "Kwoon") == "권" && Surnames.hangul(slip: "JAGN") == "장")
        #expect(Surnames.hangul(slip: "Km") == "김", "one slip from Kim, Ko, Ku, Ki and Kum: the commonest")
        #expect(Surnames.hangul(slip: "Nae") == nil, "내 is a syllable of given names, not a slip of 배")
        #expect(Surnames.hangul(slip: "Vilums") == nil && Surnames.hangul(slip: "") == nil)
    }

    @Test func aMisspeltSurnameMeetsItsHangulAsCloseNotTheSame() {
        // Kig is no syllable and one slip from Kim: the name is read both ways, and in the
        // order with Kig first it meets 김정문, the surname one slip off.
        let parts = KoreanName.parts(KoreanName("Kig Jong Mun"), KoreanName("김정문"))
        #expect(parts.given == 1 && parts.family == KoreanName.oneSlip)
        #expect(KoreanName("Kig Jong Mun").readings.contains { $0.familyHangul.contains("김") && $0.familySlip })
        #expect(KoreanName.parts(KoreanName("Kim Jong Mun"), KoreanName("김정문")) == (1, 1), "a known spelling is the same surname")
        #expect(KoreanName("Kim Jong Mnu").readings.allSatisfy { $0.familyHangul == ["김"] }, "a slip at the end of Kim … is in the given name")
        #expect(KoreanName("Chaehoe IGM").readings.map(\.familyHangul) == [["김"]], "passport order, the surname misspelt (Kim, two letters swapped)")
    }

    @Test func surnamesBlockByTheirHangul() {
        let keys = ["Choi Min", "Choe Min", "Chey Min", "최민"].map { KoreanName($0).readings.map(KoreanName.familyBlockKey) }
        #expect(keys.allSatisfy { $0.contains("최") })
        #expect(KoreanName("Vilums Christopher").readings.map(KoreanName.familyBlockKey).contains { $0 != "최" && !$0.isEmpty },
                "an unknown surname blocks by its sound key")
    }
}
