/// Generic string comparators for names and other fields.
public enum StringComparators {
    /// Jaro similarity of two strings, by Unicode scalars (0 … 1).
    public static func jaro(_ a: String, _ b: String) -> Double {
        // ASCII (every sound key, most romanised text) is compared in place, without copying;
        // anything else by its scalars.
        if let result = asciiBytes(a, b, { x, y -> Double? in
            x.count <= 64 && y.count <= 64 && !x.isEmpty && !y.isEmpty ? shortASCIIJaro(x, y) : jaro(x, y)
        }) {
            return result
        }
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        return s.withUnsafeBufferPointer { x in t.withUnsafeBufferPointer { y in jaro(x, y) } }
    }

    /// Jaro of ASCII strings of 1 to 64 bytes, bit-parallel: each character of the second string
    /// has a mask of its positions, so that finding the first unmatched equal character in the
    /// window is a few bit operations instead of a scan. Same result as the scan below.
    static func shortASCIIJaro(_ s: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Double {
        let window = max(max(s.count, t.count) / 2 - 1, 0)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 128) { positions in
            // Only the entries of t's characters are written; `present` says which those are.
            var present: (UInt64, UInt64) = (0, 0)
            func isPresent(_ c: UInt8) -> Bool { c < 64 ? present.0 & (1 << UInt64(c)) != 0 : present.1 & (1 << UInt64(c - 64)) != 0 }
            for (j, c) in t.enumerated() {
                if !isPresent(c) {
                    positions[Int(c)] = 0
                    if c < 64 { present.0 |= 1 << UInt64(c) } else { present.1 |= 1 << UInt64(c - 64) }
                }
                positions[Int(c)] |= 1 << UInt64(j)
            }
            var sMatched: UInt64 = 0, tMatched: UInt64 = 0, matches = 0
            for i in 0..<s.count where isPresent(s[i]) {
                let low = max(0, i - window), high = min(t.count - 1, i + window)
                guard low <= high else { continue }
                let width = high - low + 1
                let inWindow = (width == 64 ? UInt64.max : (1 << UInt64(width)) - 1) << UInt64(low)
                let candidates = positions[Int(s[i])] & inWindow & ~tMatched
                guard candidates != 0 else { continue }
                tMatched |= 1 << UInt64(candidates.trailingZeroBitCount)
                sMatched |= 1 << UInt64(i)
                matches += 1
            }
            guard matches > 0 else { return 0 }
            var transpositions = 0
            var sBits = sMatched, tBits = tMatched
            while sBits != 0 {
                if s[sBits.trailingZeroBitCount] != t[tBits.trailingZeroBitCount] { transpositions += 1 }
                sBits &= sBits - 1
                tBits &= tBits - 1
            }
            let m = Double(matches)
            return (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        }
    }

    static func jaro<Element: Equatable>(_ s: UnsafeBufferPointer<Element>, _ t: UnsafeBufferPointer<Element>) -> Double {
        if s.isEmpty && t.isEmpty { return 1 }
        if s.isEmpty || t.isEmpty { return 0 }
        let window = max(max(s.count, t.count) / 2 - 1, 0)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: s.count + t.count) { flags in
            flags.initialize(repeating: false)
            var matches = 0
            for i in 0..<s.count {
                let low = max(0, i - window), high = min(t.count - 1, i + window)
                guard low <= high else { continue }
                for j in low...high where !flags[s.count + j] && s[i] == t[j] {
                    flags[i] = true
                    flags[s.count + j] = true
                    matches += 1
                    break
                }
            }
            guard matches > 0 else { return 0 }
            var transpositions = 0, j = 0
            for i in 0..<s.count where flags[i] {
                while !flags[s.count + j] { j += 1 }
                if s[i] != t[j] { transpositions += 1 }
                j += 1
            }
            let m = Double(matches)
            return (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        }
    }

    /// Jaro–Winkler similarity: Jaro raised for a common prefix of up to four characters
    /// (scaling 0.1), as Winkler (1990) defines it.
    public static func jaroWinkler(_ a: String, _ b: String, prefixScale: Double = 0.1) -> Double {
        // Short ASCII text (sound keys, most romanised names) in one pass over its bytes.
        if let result = asciiBytes(a, b, { x, y -> Double? in
            guard (1...64).contains(x.count), (1...64).contains(y.count) else { return nil }
            let jaro = shortASCIIJaro(x, y)
            var prefix = 0
            while prefix < min(4, x.count, y.count), x[prefix] == y[prefix] { prefix += 1 }
            return jaro + Double(prefix) * prefixScale * (1 - jaro)
        }) {
            return result
        }
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

    /// Whether two texts are at most one slip apart, by Unicode scalars: equal, or one character
    /// added, dropped or changed, or two neighbours swapped (Damerau's single errors). Linear,
    /// without building the edit-distance table.
    public static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        // ASCII (sound keys) by its bytes, without copying.
        if let result = asciiBytes(a, b, { x, y in withinOneEdit(x, y) }) { return result }
        return withinOneEdit(Array(a.unicodeScalars)[...], Array(b.unicodeScalars)[...])
    }

    /// `body` of the UTF-8 bytes of two texts when both are ASCII (and stored contiguously, as
    /// native strings are); nil otherwise, for the caller's Unicode path.
    @inline(__always)
    static func asciiBytes<R>(_ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R?) -> R? {
        a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> R? in
                var high: UInt8 = 0
                for byte in x { high |= byte }
                for byte in y { high |= byte }
                return high < 0x80 ? body(x, y) : nil
            } ?? nil
        } ?? nil
    }

    /// ``withinOneEdit(_:_:)`` of two sequences of characters (bytes or scalars), index by index:
    /// no slices, so that the bytes of sound keys are compared as fast as by hand.
    static func withinOneEdit<C: RandomAccessCollection>(_ s: C, _ t: C) -> Bool where C.Element: Equatable, C.Index == Int {
        let m = s.count, n = t.count, s0 = s.startIndex, t0 = t.startIndex
        guard abs(m - n) <= 1 else { return false }
        var i = 0
        while i < m, i < n, s[s0 + i] == t[t0 + i] { i += 1 }
        if i == m && i == n { return true }
        func same(_ x: Int, _ y: Int) -> Bool {
            // s from offset x and t from offset y to their ends are equal.
            guard m - x == n - y else { return false }
            var x = x, y = y
            while x < m {
                if s[s0 + x] != t[t0 + y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if m == n {
            // One changed, or this one and the next swapped; the rest equal.
            if same(i + 1, i + 1) { return true }
            return i + 1 < m && s[s0 + i] == t[t0 + i + 1] && s[s0 + i + 1] == t[t0 + i] && same(i + 2, i + 2)
        }
        // One added or dropped: the longer one's rest after it equals the shorter one's rest.
        return m > n ? same(i + 1, i) : same(i, i + 1)
    }
}
