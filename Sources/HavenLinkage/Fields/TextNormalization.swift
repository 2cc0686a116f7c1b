import Foundation

/// Cheap checks in front of Foundation's normalisation and trimming, which are slow on Linux and
/// run on every field of a million records: text that needs neither goes through untouched.
extension String {
    /// Without surrounding spaces, tabs and line breaks.
    var trimmedSpaces: String {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// In composed form (NFC). Text without combining marks or conjoining jamo already is.
    var composed: String {
        let needsComposing = unicodeScalars.contains { scalar in
            (0x300...0x36F).contains(scalar.value) || (0x1100...0x11FF).contains(scalar.value) || (0xA960...0xA97F).contains(scalar.value)
                || (0xD7B0...0xD7FF).contains(scalar.value)
        }
        return needsComposing ? precomposedStringWithCanonicalMapping : self
    }

    /// ASCII text byte by byte: each byte `transform`ed, or dropped where it gives nil; nil for
    /// any other text (left to the slower Unicode path).
    func asciiMapped(_ transform: (UInt8) -> UInt8?) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            if let kept = transform(byte) { bytes.append(kept) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The letters of ASCII text, lower-cased (for ``asciiMapped(_:)``).
    static func lowercaseLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
        default: nil
        }
    }

    /// ``asciiWords`` joined by single spaces, made in one pass without a string a word (every
    /// address of a file is folded so), or nil for text that is not ASCII.
    var asciiFolded: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var gap = false
        for byte in utf8 {
            let kept: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): kept = byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): kept = byte + 32
            case 0x80...: return nil
            default:
                gap = true
                continue
            }
            if gap, !bytes.isEmpty { bytes.append(UInt8(ascii: " ")) }
            gap = false
            bytes.append(kept)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The words of ASCII text (letters and digits, lower-cased), or nil for any other text. Saves
    /// Unicode property lookups, which dominate preparing a large file of romanised names.
    var asciiWords: [String]? {
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [String] = []
        var word: [UInt8] = []
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default:
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)); word.removeAll(keepingCapacity: true) }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
