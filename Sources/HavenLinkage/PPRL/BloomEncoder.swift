import Crypto
import Foundation

/// Encodes records into Bloom filters under a project's secret, for matching across
/// organisations that may not share names (privacy-preserving record linkage).
///
/// A filter combines several fields, never one or two (a filter of a name alone falls to a
/// frequency attack): the name as it survives romanisation — the Hangul surname and the sound of
/// the given name, from every reading Haven derives (Hangul, Revised Romanisation,
/// McCune–Reischauer, North Korean spellings, either name order, the initial-sound rule), as
/// ``NameKeys`` has them — its given name's bigrams, the birth date at its precision, and sex.
/// Each token sets bits at positions from HMAC-SHA-256 under a key derived from the secret
/// (double hashing, as clkhash does), so without the secret no position can be computed.
public struct BloomEncoder: Sendable {
    /// Bits set per token, by field. The birth date's month and day weigh as much as the name:
    /// namesakes born in one year share every name bit, and only a date that disagrees by
    /// many bits keeps them apart (with 8 bits each, precision was 0.88 at 5,000 people).
    static let hashesPerToken: [String: Int] = ["surname": 20, "given": 20, "givenBigram": 10, "name": 10, "year": 20, "month": 30, "day": 30, "sex": 10]

    private let key: SymmetricKey

    /// The shortest secret accepted: a project's secret is random, never a password.
    public static let minimumSecretBytes = 16

    /// An encoder under `secret` (a project's random bytes, shared by the organisations that
    /// match and by no one else).
    public init(secret: Data) throws(PPRLError) {
        guard secret.count >= Self.minimumSecretBytes else { throw .secretTooShort(secret.count) }
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: secret), info: Data("haven.pprl.bloom.v1".utf8), outputByteCount: 32)
    }

    /// The tokens of a record, each with its field: what the filter is made of.
    public static func tokens(of record: LinkRecord) -> [(field: String, token: String)] {
        var tokens: [(String, String)] = []
        let name = record.name ?? [record.familyName, record.givenName].compactMap { $0 }.joined(separator: " ")
        let keys = NameKeys.of(name)
        if keys.isEmpty {
            // Not read as a Korean name: its letters' bigrams, case and accents folded.
            let folded = FieldComparisons.folded(name).replacingOccurrences(of: " ", with: "")
            for bigram in bigrams(folded) { tokens.append(("name", bigram)) }
        }
        for key in keys {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            tokens.append(("surname", parts[0]))
            tokens.append(("given", parts[1]))
            for bigram in bigrams(parts[1]) { tokens.append(("givenBigram", bigram)) }
        }
        // A range of years (an age) is not encoded: a token for its first year would disagree with
        // the person's true year as often as it agreed.
        if let date = record.birthDate.flatMap(PartialDate.init), !date.isRange {
            tokens.append(("year", String(date.year)))
            if let month = date.month {
                tokens.append(("month", "\(date.year)-\(month)"))
                if let day = date.day { tokens.append(("day", "\(date.year)-\(month)-\(day)")) }
            }
        }
        if let sex = record.sex.flatMap(FieldComparisons.sexCode) { tokens.append(("sex", String(sex))) }
        // Each token once: a name read several ways gives the same surname many times.
        var seen = Set<String>()
        return tokens.filter { seen.insert($0.0 + "\u{1}" + $0.1).inserted }
    }

    static func bigrams(_ text: String) -> [String] {
        let characters = Array("_" + text + "_")
        guard characters.count > 2 else { return [] }
        return (0..<(characters.count - 1)).map { String(characters[$0...($0 + 1)]) }
    }

    /// The record's filter.
    public func encode(_ record: LinkRecord) -> BloomFilter {
        var filter = BloomFilter()
        for (field, token) in Self.tokens(of: record) {
            let digest = Array(HMAC<SHA256>.authenticationCode(for: Data((field + "\u{1}" + token).utf8), using: key))
            let a = digest[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let b = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } | 1
            for i in 0..<UInt64(Self.hashesPerToken[field] ?? 10) {
                filter.set(Int((a &+ i &* b) % UInt64(BloomFilter.bits)))
            }
        }
        return filter
    }
}

/// Why records could not be encoded or matched.
public enum PPRLError: Error, Equatable, Sendable, CustomStringConvertible {
    case secretTooShort(Int)
    case notAnEncodedFile(line: Int, reason: String)
    case tooManyCandidates(Int)

    public var description: String {
        switch self {
        case .secretTooShort(let n):
            "the secret has \(n) bytes; a project's secret must be at least \(BloomEncoder.minimumSecretBytes) random bytes (haven pprl secret makes one)"
        case .notAnEncodedFile(let line, let reason): "line \(line): \(reason)"
        case .tooManyCandidates(let limit): "more than \(limit) pairs pass the threshold: it is too low to mean the same person; raise --threshold"
        }
    }
}
