/// Keys under which a name is found whatever its spelling: one per reading of the name that
/// has a Korean surname and per Hangul surname it may stand for, made of that surname and the
/// given name's sound key (``SoundKey``); surnames are compared as Hangul because their
/// spellings do not sound alike (Park, Pak and 박; Lee, Yi, Ri and 이). 김정숙,
/// Kim Jeong-suk, Kim Chŏng-suk and KIM JONG SUK share a key; a romanised name is read in
/// either order, so "Jong-suk Kim" shares it too. Texts that read as no Korean name (one word,
/// a place, a sentence) have no key, so that searching them finds only what contains them.
public enum NameKeys {
    /// The keys of a name as written.
    public static func of(_ text: String) -> [String] {
        guard text.count <= 80 else { return [] }
        var keys: [String] = []
        for reading in KoreanName(text).readings where !reading.familyHangul.isEmpty && !reading.family.isEmpty && !reading.given.isEmpty {
            for surname in reading.familyHangul {
                let key = surname + " " + reading.given
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }
}
