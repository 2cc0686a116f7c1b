import Foundation

/// Random secrets meant to be read aloud or typed from paper: one-time passwords and recovery
/// codes. The alphabet leaves out characters that are easily confused (0/o, 1/l/i).
public enum ReadableSecret {
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// `groups` groups of `length` random characters joined by '-'; each character carries
    /// log2(31) ≈ 4.95 bits, so the default 4 × 6 carries about 119 bits.
    public static func make(groups: Int = 4, length: Int = 6) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<groups).map { _ in
            String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }

    /// The form codes are compared in: lowercase, without spaces or hyphens.
    public static func normalise(_ typed: String) -> String {
        typed.lowercased().filter { !$0.isWhitespace && $0 != "-" }
    }
}
