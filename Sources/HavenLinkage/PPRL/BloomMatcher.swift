import CHavenBits
import Foundation
import HavenCore

/// Matches two organisations' encoded records: the Dice coefficient of every pair (no blocking:
/// the comparisons are cheap, and blocking on an encoded field would leak it), then a
/// one-to-one assignment, best pairs first, so that each record is matched at most once.
public enum BloomMatcher {
    /// The Dice coefficient at or above which two records are taken to be one person: on a
    /// two-organisation split of 1,000 generated Korean people (Hangul against romanised
    /// spellings), precision 0.984 and F1 0.942 (docs/pprl.md).
    public static let defaultThreshold = 0.65

    /// A matched pair, by row in the left and right lists.
    public struct Pair: Sendable, Equatable {
        public let left: Int
        public let right: Int
        public let score: Double
    }

    /// The most candidate pairs above the threshold held at once (24 bytes each: 1.2 GB).
    public static let maximumCandidates = 50_000_000

    /// Pairs at or above `threshold`, each record in at most one, highest scores first. Throws
    /// when more than ``maximumCandidates`` pairs pass the threshold — a threshold too low to
    /// mean "the same person" — rather than running out of memory.
    public static func match(_ left: [BloomFilter], _ right: [BloomFilter], threshold: Double,
                             maximumCandidates: Int = maximumCandidates) throws(PPRLError) -> [Pair] {
        // Every pair, the left list split over the cores; only candidates above the threshold
        // kept. The right filters lie in one contiguous buffer, compared with each left filter in
        // C with the processor's bit-count instruction: this loop is the whole cost of matching.
        let width = BloomFilter.words
        let rightWords = right.flatMap(\.words), rightCounts = right.map { Int32($0.count) }
        let budget = Budget(maximumCandidates)
        let results = Parallel.pieces(left.count) { range -> [Pair]? in
            var pairs: [Pair] = []
            var found = [Int32](repeating: 0, count: right.count), shared = [Int32](repeating: 0, count: right.count)
            rightWords.withUnsafeBufferPointer { words in
                rightCounts.withUnsafeBufferPointer { counts in
                    for i in range {
                        let countA = Int32(left[i].count)
                        let n = left[i].words.withUnsafeBufferPointer { a in
                            found.withUnsafeMutableBufferPointer { found in
                                shared.withUnsafeMutableBufferPointer { shared in
                                    haven_dice_candidates(a.baseAddress, countA, words.baseAddress, counts.baseAddress, right.count, width,
                                                          threshold, found.baseAddress, shared.baseAddress)
                                }
                            }
                        }
                        for k in 0..<n {
                            let j = Int(found[k])
                            pairs.append(Pair(left: i, right: j, score: 2 * Double(shared[k]) / Double(countA + counts[j])))
                        }
                        guard budget.spend(n) else { return }
                    }
                }
            }
            return budget.exceeded ? nil : pairs
        }
        guard results.allSatisfy({ $0 != nil }) else { throw .tooManyCandidates(maximumCandidates) }
        let candidates = results.flatMap { $0 ?? [] }
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

/// The candidates all the cores may still hold, counted after each left record.
private final class Budget: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int

    init(_ total: Int) { left = total }

    /// Takes `count` from what is left; false once the total is exceeded.
    func spend(_ count: Int) -> Bool {
        lock.withLock {
            left -= count
            return left >= 0
        }
    }

    var exceeded: Bool { lock.withLock { left < 0 } }
}
