import Foundation

/// A record's cryptographic long-term key (CLK, Schnell et al. 2009): a fixed-length bit array
/// in which each token of the record's fields set bits at positions only the holder of the
/// project's secret can compute. Two organisations compare their records' filters by how many
/// bits they share (the Dice coefficient) without either seeing the other's names.
public struct BloomFilter: Sendable, Hashable {
    /// Bits in every filter: 1,024, as clkhash's default schema.
    public static let bits = 1_024
    public static let words = bits / 64

    /// The bits, 64 to a word.
    public private(set) var words: [UInt64]

    public init() { words = [UInt64](repeating: 0, count: Self.words) }

    /// A filter of these words (``bits`` / 64 of them; shorter is padded, longer cut).
    public init(words: [UInt64]) {
        self.words = Array((words + [UInt64](repeating: 0, count: Self.words)).prefix(Self.words))
    }

    /// A filter from its base64 form; nil when it is not one.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)), data.count == Self.bits / 8 else { return nil }
        words = stride(from: 0, to: data.count, by: 8).map { start in
            data[start..<start + 8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
    }

    mutating func set(_ position: Int) { words[position >> 6] |= 1 << UInt64(position & 63) }

    /// How many bits are set.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The filter as base64 (little-endian words), as the encoded file holds it.
    public var base64: String {
        var data = Data(capacity: Self.bits / 8)
        for word in words { for byte in 0..<8 { data.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte)))) } }
        return data.base64EncodedString()
    }

    /// 2|A ∩ B| / (|A| + |B|): 1 for the same bits, 0 for none shared.
    public func dice(_ other: BloomFilter) -> Double {
        var shared = 0, total = 0
        for i in 0..<Self.words {
            shared += (words[i] & other.words[i]).nonzeroBitCount
            total += words[i].nonzeroBitCount + other.words[i].nonzeroBitCount
        }
        return total == 0 ? 0 : 2 * Double(shared) / Double(total)
    }
}
