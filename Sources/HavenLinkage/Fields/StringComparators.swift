/// Generic string comparators for names and other fields.
public enum StringComparators {
    /// Jaro similarity of two strings, by Unicode scalars (0 … 1).
    public static func jaro(_ a: String, _ b: String) -> Double {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty && t.isEmpty { return 1 }
        if s.isEmpty || t.isEmpty { return 0 }
        let window = max(max(s.count, t.count) / 2 - 1, 0)
        var sMatched = [Bool](repeating: false, count: s.count), tMatched = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in s.indices {
            let low = max(0, i - window), high = min(t.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !tMatched[j] && s[i] == t[j] {
                sMatched[i] = true
                tMatched[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0, j = 0
        for i in s.indices where sMatched[i] {
            while !tMatched[j] { j += 1 }
            if s[i] != t[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        return (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
    }

    /// Jaro–Winkler similarity: Jaro raised for a common prefix of up to four characters
    /// (scaling 0.1), as Winkler (1990) defines it.
    public static func jaroWinkler(_ a: String, _ b: String, prefixScale: Double = 0.1) -> Double {
        let jaro = jaro(a, b)
        let prefix = zip(a.unicodeScalars, b.unicodeScalars).prefix(4).prefix { $0 == $1 }.count
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }

    /// Levenshtein edit distance by Unicode scalars, in two rows of memory.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous = Array(0...t.count), current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[t.count]
    }
}
