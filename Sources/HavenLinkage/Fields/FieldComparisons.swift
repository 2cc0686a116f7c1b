import Foundation

/// Agreement levels of the fields linkage compares, for ``FellegiSunter``: 0 is always "missing"
/// (weighs nothing); higher levels agree more.
public enum FieldComparisons {
    /// Names: 1 different, 2 similar (≥ 0.75), 3 close (≥ 0.88), 4 the same (≥ 0.97), across
    /// scripts, romanisation systems and name order.
    public static func name(_ a: KoreanName?, _ b: KoreanName?) -> UInt8 {
        guard let a, let b, !a.readings.isEmpty, !b.readings.isEmpty else { return 0 }
        let similarity = KoreanName.similarity(a, b)
        return similarity >= 0.97 ? 4 : similarity >= 0.88 ? 3 : similarity >= 0.75 ? 2 : 1
    }

    /// Free text such as an address or a locality: 1 different, 2 similar (Jaro–Winkler ≥ 0.8),
    /// 3 close (≥ 0.92), 4 the same once case, spacing and punctuation are set aside.
    public static func text(_ a: String?, _ b: String?) -> UInt8 {
        foldedText(a.map(folded), b.map(folded))
    }

    /// ``text(_:_:)`` of values already ``folded(_:)``.
    static func foldedText(_ a: String?, _ b: String?) -> UInt8 {
        guard let a, let b, !a.isEmpty, !b.isEmpty else { return 0 }
        if a == b { return 4 }
        let similarity = StringComparators.jaroWinkler(a, b)
        return similarity >= 0.92 ? 3 : similarity >= 0.8 ? 2 : 1
    }

    /// Identifiers (a document number, a postcode): 1 different, 2 the same letters and digits.
    public static func identifier(_ a: String?, _ b: String?) -> UInt8 {
        guard let a = a.map(alphanumerics), let b = b.map(alphanumerics), !a.isEmpty, !b.isEmpty else { return 0 }
        return a == b ? 2 : 1
    }

    /// Phone numbers: 1 different, 2 the same last eight digits (country and trunk prefixes and
    /// separators differ between sources).
    public static func phone(_ a: String?, _ b: String?) -> UInt8 {
        let digits = { (text: String?) in text.map { String(Self.digits($0).suffix(8)) } }
        guard let a = digits(a), let b = digits(b), a.count >= 6, b.count >= 6 else { return 0 }
        return a == b ? 2 : 1
    }

    /// Sex as `female`/`male` (or f/m, 여/남): 1 different, 2 the same; unknown is missing.
    public static func sex(_ a: String?, _ b: String?) -> UInt8 {
        guard let a = a.flatMap(sexCode), let b = b.flatMap(sexCode) else { return 0 }
        return a == b ? 2 : 1
    }

    static func sexCode(_ text: String) -> Character? {
        switch text.trimmedSpaces.lowercased() {
        case "f", "female", "woman", "여", "여성", "녀": "f"
        case "m", "male", "man", "남", "남성": "m"
        default: nil
        }
    }

    /// Text as free-text fields compare it: case, diacritics and width folded, words of letters
    /// and digits joined by single spaces ("Tumen  River-Crossing" → "tumen river crossing").
    public static func folded(_ text: String) -> String {
        // ASCII by its bytes; Foundation's folding is for everything else.
        if let folded = text.asciiFolded { return folded }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// The ASCII digits of a text, in order.
    static func digits(_ text: String) -> String {
        String(decoding: text.utf8.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }, as: UTF8.self)
    }

    static func alphanumerics(_ text: String) -> String {
        text.asciiMapped { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): byte
            case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - 32
            default: nil
            }
        } ?? text.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
