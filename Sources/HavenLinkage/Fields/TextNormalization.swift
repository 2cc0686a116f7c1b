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
}
