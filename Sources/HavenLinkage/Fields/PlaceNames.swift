import HavenCore

/// Place names as linkage compares them: reduced to how they sound (회령, Hoeryŏng, Hoe-Ryong and
/// Hoeryeong meet) without the administrative word (시, 군, 도, -si, -gun, city, county …), and
/// where Haven's gazetteer knows the place, resolved to its code, so that 회령시 and 함경북도 are
/// seen as one inside the other rather than merely spelled differently.
public enum PlaceNames {
    /// A resolved place: its sound key, and its gazetteer code with the codes above it.
    public struct Resolved: Sendable, Equatable {
        public var key: String
        public var code: String?
        /// Codes of the provinces and countries that contain it (not the place itself).
        public var ancestors: [String]
    }

    /// The place a text names, or nil when the text has no letters.
    public static func resolve(_ text: String) -> Resolved? {
        let key = soundKey(text)
        guard !key.isEmpty else { return nil }
        let code = index[key]
        return Resolved(key: key, code: code, ancestors: code.map(ancestors) ?? [])
    }

    /// Agreement of two places: 4 the same, 3 one inside the other or in one province, 2 similar
    /// spelling, 1 different (two different places of the gazetteer are different however alike
    /// their names sound).
    static func level(_ a: Resolved?, _ b: Resolved?) -> UInt8 {
        guard let a, let b else { return 0 }
        if a.key == b.key { return 4 }
        if let x = a.code, let y = b.code {
            if x == y { return 4 }
            if a.ancestors.contains(y) || b.ancestors.contains(x) { return 3 }
            // Two places within the same province (not merely the same country).
            if let p = a.ancestors.first, p == b.ancestors.first, p.contains("-") { return 3 }
            return 1
        }
        return FieldComparisons.foldedText(a.key, b.key) >= 2 ? 2 : 1
    }

    static let administrativeSuffixes = ["특별시", "직할시", "구역", "시", "군", "도", "구", "읍", "리"]
    static let administrativeWords: Set<String> = ["si", "shi", "gun", "kun", "do", "to", "city", "county", "province", "gu", "ku", "district"]

    /// The sound key of a place name without its administrative word.
    public static func soundKey(_ text: String) -> String {
        var words: [String] = []
        let ascii = text.asciiWords
        for word in ascii ?? text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) {
            if Hangul.contains(word) {
                var stem = word
                // A Hangul name keeps at least two syllables once its suffix is gone (도 alone is no name).
                if let suffix = administrativeSuffixes.first(where: { word.hasSuffix($0) && word.count - $0.count >= 2 }) {
                    stem = String(word.dropLast(suffix.count))
                }
                words.append(Romanizer.given(Hangul.syllables(stem), .revised))
            } else if !administrativeWords.contains(ascii == nil ? word.lowercased() : word) || words.isEmpty {
                words.append(word)
            }
        }
        return SoundKey.of(words.joined())
    }

    /// Builds the gazetteer index now (it is otherwise built by the first place resolved, while
    /// every other thread waits): a caller with a core to spare, reading a file, calls it first.
    public static func warmUp() {
        _ = index
    }

    /// Sound key → gazetteer code, from each place's Hangul and romanised names.
    static let index: [String: String] = {
        var index: [String: String] = [:]
        for place in Gazetteer.shared.places {
            let romanised = place.nameRomanised.split(separator: "(").first.map(String.init) ?? place.nameRomanised
            for key in [soundKey(place.nameHangul), soundKey(romanised)] where !key.isEmpty && index[key] == nil {
                index[key] = place.code
            }
        }
        return index
    }()

    static func ancestors(_ code: String) -> [String] {
        var chain: [String] = []
        var current = Gazetteer.shared.place(code: code)?.parentCode
        while let parent = current, !chain.contains(parent) {
            chain.append(parent)
            current = Gazetteer.shared.place(code: parent)?.parentCode
        }
        return chain
    }
}
