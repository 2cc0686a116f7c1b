/// The initial-sound rule (두음법칙): South Korean spelling drops or softens an initial ㄹ (and
/// ㄴ before i and y) that North Korean spelling keeps, so one person is 리순희 in Pyongyang's
/// spelling and 이순희 in Seoul's, 류 and 유, 로 and 노. A name searched in either spelling must
/// find the other.
public enum InitialSoundRule {
    /// The name with the first syllable of each of its words in the other spelling, or nil when
    /// the rule touches none: 리순희 → 이순희, 이순희 → 리순희, 로명철 → 노명철, 가상 리순희 → 가상 이순희.
    public static func otherSpelling(_ name: String) -> String? {
        let words = name.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let changed = words.map { otherSpelling(word: $0) ?? $0 }
        return changed == words ? nil : changed.joined(separator: " ")
    }

    /// One word with its first syllable in the other spelling, or nil.
    static func otherSpelling(word name: String) -> String? {
        guard let first = name.unicodeScalars.first, (0xAC00...0xD7A3).contains(first.value) else { return nil }
        let index = Int(first.value) - 0xAC00
        let initial = index / (21 * 28), medial = (index / 28) % 21, final = index % 28
        // ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ: before these an initial ㄹ (or ㄴ) is written ㅇ in the South.
        let beforeIOrY: Set<Int> = [2, 6, 7, 12, 17, 20]
        let (rieul, nieun, ieung) = (5, 2, 11)
        let other: Int
        switch initial {
        case rieul: other = beforeIOrY.contains(medial) ? ieung : nieun
        case ieung where beforeIOrY.contains(medial): other = rieul
        case nieun where !beforeIOrY.contains(medial): other = rieul
        default: return nil
        }
        let scalar = Unicode.Scalar(UInt32(0xAC00 + (other * 21 + medial) * 28 + final))!
        return String(Character(scalar)) + String(name.unicodeScalars.dropFirst())
    }
}
