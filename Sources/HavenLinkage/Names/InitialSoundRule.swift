/// The initial-sound rule (두음법칙) that separates South from North Korean spelling: at the start
/// of a word South Korean writes an initial ㄹ as ㄴ, and an initial ㄴ or ㄹ before an i or y vowel
/// as silent ㅇ (리 → 이, 류 → 유, 림 → 임, 로 → 노, 량 → 양, 녀 → 여); North Korean keeps them.
public enum InitialSoundRule {
    /// The South Korean form of a word-initial syllable.
    public static func southern(_ syllable: Hangul.Syllable) -> Hangul.Syllable {
        var result = syllable
        if syllable.lead == Hangul.Lead.r {
            result.lead = Hangul.Vowel.iotated.contains(syllable.vowel) ? Hangul.Lead.none : Hangul.Lead.n
        } else if syllable.lead == Hangul.Lead.n, Hangul.Vowel.iotated.contains(syllable.vowel) {
            result.lead = Hangul.Lead.none
        }
        return result
    }

    /// A name with the rule applied to the first syllable of each of its words: the form in which
    /// 리설주 and 이설주, 류경 and 유경 are the same.
    public static func southern(name: String) -> String {
        Hangul.composed(name).split(separator: " ").map { word -> String in
            guard let first = word.unicodeScalars.first, let syllable = Hangul.syllable(first) else { return String(word) }
            return String(southern(syllable).character) + String(String.UnicodeScalarView(word.unicodeScalars.dropFirst()))
        }.joined(separator: " ")
    }
}
