import Foundation

/// A pair's match weight from its levels: the model's weight per level, with the exact agreement
/// of a term-frequency comparison weighed by how common the agreed value is (log₂ of u over the
/// value's share of records, the larger share of the two records').
struct PairScorer: Sendable {
    let model: FellegiSunter
    let comparisons: [LinkComparison]
    /// Per comparison, per record: the share of records with the same value (term frequency).
    let frequencies: [[Double]?]
    /// weights[c][level], precomputed.
    let weights: [[Double]]
    let prior: Double

    init(model: FellegiSunter, comparisons: [LinkComparison], frequencies: [LinkComparison: [Double]]) {
        self.model = model
        self.comparisons = comparisons
        self.frequencies = comparisons.map { frequencies[$0] }
        weights = model.comparisons.map { comparison in (0..<comparison.m.count).map { comparison.weight($0) } }
        prior = log2(model.lambda / (1 - model.lambda))
    }

    func weight(_ levels: ArraySlice<UInt8>, _ a: Int, _ b: Int) -> Double {
        var total = prior
        for (c, level) in zip(comparisons.indices, levels) {
            total += weights[c][Int(level)] + adjustment(c, level, a, b)
        }
        return total
    }

    /// The term-frequency part of comparison c's weight for records a and b (0 unless adjusted).
    func adjustment(_ c: Int, _ level: UInt8, _ a: Int, _ b: Int) -> Double {
        guard let frequency = frequencies[c], level == comparisons[c].topLevel else { return 0 }
        let share = max(frequency[a], frequency[b])
        guard share > 0 else { return 0 }
        return log2(model.comparisons[c].u[Int(level)] / max(share, 1e-7))
    }
}
