import Foundation

/// A pair's match weight from its levels: the model's weight per level, with the exact agreement
/// of a term-frequency comparison weighed by how common the agreed value is (log₂ of u over the
/// value's share of records, the larger share of the two records').
struct PairScorer: Sendable {
    let model: FellegiSunter
    let comparisons: [LinkComparison]
    /// weights[c][level], precomputed.
    let weights: [[Double]]
    let prior: Double
    /// The same weights in one flat array (comparison c's levels start at `starts[c]`), and the
    /// term-frequency comparisons apart, so that scoring millions of pairs reads flat memory.
    private let flat: [Double]
    private let starts: [Int]
    private let adjusted: [Adjusted]

    /// A term-frequency comparison: its index, its top level and u there, and each record's share.
    private struct Adjusted: Sendable {
        var comparison: Int
        var top: UInt8
        var u: Double
        var shares: [Double]
    }

    init(model: FellegiSunter, comparisons: [LinkComparison], frequencies: [LinkComparison: [Double]]) {
        self.model = model
        self.comparisons = comparisons
        weights = model.comparisons.map { comparison in (0..<comparison.m.count).map { comparison.weight($0) } }
        prior = log2(model.lambda / (1 - model.lambda))
        flat = weights.flatMap { $0 }
        starts = weights.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        adjusted = comparisons.indices.compactMap { c in
            frequencies[comparisons[c]].map { Adjusted(comparison: c, top: comparisons[c].topLevel, u: model.comparisons[c].u[Int(comparisons[c].topLevel)], shares: $0) }
        }
    }

    func weight<Levels: RandomAccessCollection<UInt8>>(_ levels: Levels, _ a: Int, _ b: Int) -> Double where Levels.Index == Int {
        var total = prior
        let first = levels.startIndex
        flat.withUnsafeBufferPointer { flat in
            starts.withUnsafeBufferPointer { starts in
                for c in 0..<(starts.count - 1) { total += flat[starts[c] + Int(levels[first + c])] }
            }
        }
        for term in adjusted where levels[first + term.comparison] == term.top {
            total += Self.adjustment(u: term.u, share: max(term.shares[a], term.shares[b]))
        }
        return total
    }

    /// The pair's match weight without the comparisons in `leftOut` (their levels' weights and
    /// term-frequency adjustments taken away).
    func weight<Levels: RandomAccessCollection<UInt8>>(_ levels: Levels, _ a: Int, _ b: Int, leavingOut leftOut: [Int]) -> Double where Levels.Index == Int {
        var total = weight(levels, a, b)
        for c in leftOut {
            let level = levels[levels.startIndex + c]
            total -= weights[c][Int(level)] + adjustment(c, level, a, b)
        }
        return total
    }

    /// The term-frequency part of comparison c's weight for records a and b (0 unless adjusted).
    func adjustment(_ c: Int, _ level: UInt8, _ a: Int, _ b: Int) -> Double {
        guard let term = adjusted.first(where: { $0.comparison == c }), level == term.top else { return 0 }
        return Self.adjustment(u: term.u, share: max(term.shares[a], term.shares[b]))
    }

    /// log₂(u / share): how much rarer (or commoner) the agreed value is than agreement in general.
    private static func adjustment(u: Double, share: Double) -> Double {
        share > 0 ? log2(u / max(share, 1e-7)) : 0
    }
}
