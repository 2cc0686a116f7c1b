import Foundation

/// What a linkage run found: a cluster for every record, the estimated model, and every
/// candidate pair with its match probability, each explainable comparison by comparison.
public struct LinkResult: Sendable {
    /// Cluster number of each input record, in input order (0-based, numbered by first record).
    public let clusters: [Int]
    /// The comparisons the run used (those with values in the input).
    public let comparisons: [LinkComparison]
    /// How many candidate pairs each blocking rule added (a pair counts for the first rule that
    /// made it), to see which rule is too loose or brings nothing.
    public let pairsByRule: [(rule: BlockingRule, pairs: Int)]
    let scorer: PairScorer
    /// Candidate pair k is records `left[k]` and `right[k]`, with match probability `probabilities[k]`.
    public let left: [Int32]
    public let right: [Int32]
    public let probabilities: [Double]
    let levels: [UInt8]
    /// What clustering did with each candidate pair at or above the threshold, by the pair's
    /// index (``Clustering/Decision``); a pair not here was below it.
    public let decisions: [Int: Clustering.Decision]

    /// The estimated model (m, u per level; λ).
    public var model: FellegiSunter { scorer.model }
    public var pairCount: Int { left.count }

    /// One comparison's part in a pair's match weight.
    public struct Part: Sendable, Equatable {
        public var comparison: LinkComparison
        public var level: Int
        /// log₂(m/u) of the level, term-frequency adjustment included.
        public var weight: Double
        /// What the level means ("same", "within a year" …).
        public var meaning: String { comparison.levelNames[level] }
    }

    /// Why pair k scored as it did: the prior, and each comparison's level and weight.
    public func explain(pair k: Int) -> (prior: Double, weight: Double, parts: [Part]) {
        let width = comparisons.count
        let slice = levels[(k * width)..<((k + 1) * width)]
        let a = Int(left[k]), b = Int(right[k])
        let parts = zip(comparisons.indices, slice).map { c, level in
            Part(comparison: comparisons[c], level: Int(level), weight: scorer.weights[c][Int(level)] + scorer.adjustment(c, level, a, b))
        }
        return (scorer.prior, scorer.prior + parts.map(\.weight).reduce(0, +), parts)
    }

    /// What clustering did with pair k, in words that name records by their ids (`ids[i]` is
    /// record i's): "joined", "below threshold", "kept apart: r12 and r40 differ in birth date" …
    public func decision(pair k: Int, ids: (Int) -> String) -> String {
        func field(_ conflict: Clustering.Conflict) -> String { conflict == .sex ? "sex" : "birth date" }
        switch decisions[k] ?? .belowThreshold {
        case .belowThreshold: return clusters[Int(left[k])] == clusters[Int(right[k])] ? "below threshold, same cluster through others" : "below threshold"
        case .joined: return "joined"
        case .conflicting(let conflict): return "kept apart: they differ in \(field(conflict))"
        case .keptApart(let x, let y, let conflict): return "kept apart: \(ids(x)) and \(ids(y)) would share a cluster and differ in \(field(conflict))"
        case .keptApartByScore(let x, let y): return "kept apart: \(ids(x)) and \(ids(y)) would share a cluster and score as different people"
        case .ambiguous(let record): return "not joined: \(ids(record)) fits several people who differ about equally well"
        }
    }
}
