/// Hangul syllables taken apart into their jamo and put back together (Unicode's algorithm:
/// a syllable is 0xAC00 + (lead × 21 + vowel) × 28 + tail).
public enum Hangul {
    /// One syllable's parts, as indices into the Unicode orderings of leads (19), vowels (21)
    /// and tails (28, where 0 is none).
    public struct Syllable: Sendable, Hashable {
        public var lead: Int
        public var vowel: Int
        public var tail: Int

        public init(lead: Int, vowel: Int, tail: Int) {
            self.lead = lead
            self.vowel = vowel
            self.tail = tail
        }

        /// The precomposed syllable.
        public var character: Character {
            Character(Unicode.Scalar(UInt32(0xAC00 + (lead * 21 + vowel) * 28 + tail))!)
        }
    }

    /// The parts of a precomposed Hangul syllable, or nil for anything else.
    public static func syllable(_ scalar: Unicode.Scalar) -> Syllable? {
        guard (0xAC00...0xD7A3).contains(scalar.value) else { return nil }
        let index = Int(scalar.value) - 0xAC00
        return Syllable(lead: index / (21 * 28), vowel: (index % (21 * 28)) / 28, tail: index % 28)
    }

    /// The syllables of a text, other characters left out.
    public static func syllables(_ text: String) -> [Syllable] {
        composed(text).unicodeScalars.compactMap(syllable)
    }

    /// The text in Unicode's canonical composition (NFC). A text of ASCII and precomposed
    /// syllables only, nearly every name, already is one and skips Foundation's normalisation,
    /// which was a tenth of the time unlocking a vault spends on each record.
    public static func composed(_ text: String) -> String {
        isPlain(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// The text in Unicode's canonical decomposition (NFD): each syllable as its lead, vowel and
    /// tail jamo by Unicode's algorithm when the text is ASCII and syllables only, Foundation's
    /// normalisation otherwise.
    public static func decomposed(_ text: String) -> String {
        guard isPlain(text) else { return text.decomposedStringWithCanonicalMapping }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard let parts = syllable(scalar) else { scalars.append(scalar); continue }
            scalars.append(Unicode.Scalar(UInt32(0x1100 + parts.lead))!)
            scalars.append(Unicode.Scalar(UInt32(0x1161 + parts.vowel))!)
            if parts.tail > 0 { scalars.append(Unicode.Scalar(UInt32(0x11A7 + parts.tail))!) }
        }
        return String(scalars)
    }

    /// Whether every scalar is ASCII or a precomposed syllable: such a text is its own NFC.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x80 || (0xAC00...0xD7A3).contains($0.value) }
    }

    /// Whether a text holds any Hangul syllable.
    public static func contains(_ text: String) -> Bool { text.unicodeScalars.contains { syllable($0) != nil } }

    // Lead consonants in Unicode order.
    public enum Lead {
        public static let g = 0, kk = 1, n = 2, d = 3, tt = 4, r = 5, m = 6, b = 7, pp = 8, s = 9, ss = 10, none = 11, j = 12, jj = 13,
                          ch = 14, k = 15, t = 16, p = 17, h = 18
    }

    // Vowels in Unicode order.
    public enum Vowel {
        public static let a = 0, ae = 1, ya = 2, yae = 3, eo = 4, e = 5, yeo = 6, ye = 7, o = 8, wa = 9, wae = 10, oe = 11, yo = 12,
                          u = 13, wo = 14, we = 15, wi = 16, yu = 17, eu = 18, ui = 19, i = 20
        /// The vowels that begin with an i or y sound, before which South Korean drops an initial ㄴ or ㄹ.
        public static let iotated: Set<Int> = [i, ya, yeo, ye, yo, yu, yae]
    }
}
