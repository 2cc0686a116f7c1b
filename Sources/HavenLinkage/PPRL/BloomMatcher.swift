import HavenCore

/// Matches two organisations' encoded records: the Dice coefficient of every pair (no blocking:
/// the comparisons are cheap, and blocking on an encoded field would leak it), then a
/// one-to-one assignment, best pairs first, so that each record is matched at most once.
public enum BloomMatcher {
    /// The Dice coefficient at or above which two records are taken to be one person: on a
    /// two-organisation split of generated Korean records (Hangul against romanised spellings),
    /// precision 0.98 and F1 0.95 (docs/pprl.md).
    public static let defaultThreshold = 0.65

    /// A matched pair, by row in the left and right lists.
    public struct Pair: Sendable, Equatable {
        public let left: Int
        public let right: Int
        public let score: Double
    }

    /// Pairs at or above `threshold`, each record in at most one, highest scores first.
    public static func match(_ left: [BloomFilter], _ right: [BloomFilter], threshold: Double) -> [Pair] {
        // Every pair, the left list split over the cores; only candidates above the threshold kept.
        let rightWords = right.map(\.words), rightCounts = right.map(\.count)
        let candidates = Parallel.pieces(left.count) { range -> [Pair] in
            var found: [Pair] = []
            for i in range {
                let a = left[i].words
                let countA = left[i].count
                for j in rightWords.indices {
                    let b = rightWords[j]
                    var shared = 0
                    for w in 0..<a.count { shared += (a[w] & b[w]).nonzeroBitCount }
                    let total = countA + rightCounts[j]
                    let score = total == 0 ? 0 : 2 * Double(shared) / Double(total)
                    if score >= threshold { found.append(Pair(left: i, right: j, score: score)) }
                }
            }
            return found
        }.flatMap { $0 }
        var leftUsed = Set<Int>(), rightUsed = Set<Int>()
        var pairs: [Pair] = []
        for pair in candidates.sorted(by: { ($0.score, $1.left, $1.right) > ($1.score, $0.left, $0.right) })
        where !leftUsed.contains(pair.left) && !rightUsed.contains(pair.right) {
            leftUsed.insert(pair.left)
            rightUsed.insert(pair.right)
            pairs.append(pair)
        }
        return pairs
    }
}
