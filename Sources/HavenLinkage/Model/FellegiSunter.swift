import Foundation

/// The Fellegi–Sunter model of record linkage: each comparison of a pair of records falls into
/// one of a few agreement levels; each level has a probability among true matches (m) and among
/// non-matches (u); a pair's match weight is the sum of log₂(m/u) over its comparisons, and its
/// match probability follows from the prior share of matches (λ). m and λ are estimated without
/// labels by expectation–maximisation; u is best taken from random pairs, almost all non-matches.
public struct FellegiSunter: Sendable, Equatable {
    /// One comparison's probabilities per level; level 0 is "missing", which weighs nothing.
    public struct Comparison: Sendable, Equatable {
        public var name: String
        /// m[level] and u[level] for levels 1…; index 0 unused (missing).
        public var m: [Double]
        public var u: [Double]

        public init(name: String, m: [Double], u: [Double]) {
            precondition(m.count == u.count, "m and u need one probability per level")
            self.name = name
            self.m = m
            self.u = u
        }

        /// log₂(m/u) of a level; 0 when the value is missing.
        public func weight(_ level: Int) -> Double {
            guard level > 0, level < m.count else { return 0 }
            return log2(max(m[level], 1e-9) / max(u[level], 1e-9))
        }
    }

    public var comparisons: [Comparison]
    /// The prior share of candidate pairs that are matches.
    public var lambda: Double

    public init(comparisons: [Comparison], lambda: Double) {
        self.comparisons = comparisons
        self.lambda = lambda
    }

    /// The match weight of a pair's comparison levels, and each comparison's part of it.
    public func explain(_ levels: [UInt8]) -> (weight: Double, parts: [(name: String, level: Int, weight: Double)]) {
        var parts: [(String, Int, Double)] = []
        var total = log2(lambda / (1 - lambda))
        for (comparison, level) in zip(comparisons, levels) {
            let weight = comparison.weight(Int(level))
            parts.append((comparison.name, Int(level), weight))
            total += weight
        }
        return (total, parts)
    }

    /// The match probability of a pair's levels.
    public func probability(_ levels: [UInt8]) -> Double {
        // The sum of explain(levels) without building its parts: EM calls this for every pattern
        // in every iteration.
        var weight = log2(lambda / (1 - lambda))
        for (comparison, level) in zip(comparisons, levels) { weight += comparison.weight(Int(level)) }
        return 1 / (1 + pow(2, -weight))
    }

    /// m, u and λ estimated by expectation–maximisation over the comparison levels of candidate
    /// pairs, starting from `start`. With `fixedU` (from random pairs) only m and λ move.
    public static func estimate(_ pairs: [[UInt8]], start: FellegiSunter, fixedU: Bool, iterations: Int = 50, tolerance: Double = 1e-6) -> FellegiSunter {
        // Identical level vectors are counted once with their multiplicity: far fewer to visit.
        var patterns: [[UInt8]: Double] = [:]
        for pair in pairs { patterns[pair, default: 0] += 1 }
        return estimate(patterns: patterns, start: start, fixedU: fixedU, iterations: iterations, tolerance: tolerance)
    }

    /// ``estimate(_:start:fixedU:iterations:tolerance:)`` from distinct level patterns and how
    /// many pairs have each.
    /// With `fixedM` as well, only λ moves.
    public static func estimate(patterns: [[UInt8]: Double], start: FellegiSunter, fixedU: Bool, fixedM: Bool = false,
                                iterations: Int = 50, tolerance: Double = 1e-6) -> FellegiSunter {
        var model = start
        let total = patterns.values.reduce(0, +)
        guard total > 0 else { return model }
        // The patterns flat, and each comparison's levels at an offset in flat tables: EM visits
        // every pattern in every iteration, where a pattern's weight is a sum of table entries
        // (worked out once an iteration) rather than a logarithm per comparison, and no array of
        // arrays is touched.
        let width = start.comparisons.count
        var flat: [UInt8] = [], counts: [Double] = []
        flat.reserveCapacity(patterns.count * width)
        counts.reserveCapacity(patterns.count)
        for (levels, count) in patterns {
            for c in 0..<width { flat.append(c < levels.count ? levels[c] : 0) }
            counts.append(count)
        }
        let sizes = start.comparisons.map(\.m.count)
        let offsets = sizes.reduce(into: [0]) { $0.append($0.last! + $1) }
        for _ in 0..<iterations {
            var weights = [Double](repeating: 0, count: offsets[width])
            for c in 0..<width {
                for level in 0..<sizes[c] { weights[offsets[c] + level] = model.comparisons[c].weight(level) }
            }
            let prior = log2(model.lambda / (1 - model.lambda))
            var mCounts = [Double](repeating: 0, count: offsets[width]), uCounts = mCounts
            var matches = 0.0
            for k in counts.indices {
                var weight = prior
                for c in 0..<width {
                    let level = Int(flat[k * width + c])
                    if level < sizes[c] { weight += weights[offsets[c] + level] }
                }
                let p = 1 / (1 + pow(2, -weight)), count = counts[k]
                matches += p * count
                for c in 0..<width {
                    let level = Int(flat[k * width + c])
                    guard level > 0, level < sizes[c] else { continue }
                    mCounts[offsets[c] + level] += p * count
                    uCounts[offsets[c] + level] += (1 - p) * count
                }
            }
            var next = model
            next.lambda = min(max(matches / total, 1e-6), 1 - 1e-6)
            for c in next.comparisons.indices {
                let levels = offsets[c]..<offsets[c + 1]
                let mSum = mCounts[levels].reduce(0, +), uSum = uCounts[levels].reduce(0, +)
                for level in 1..<sizes[c] {
                    // A small floor keeps an unseen level from weighing infinitely.
                    if !fixedM, mSum > 0 { next.comparisons[c].m[level] = max(mCounts[offsets[c] + level] / mSum, 1e-6) }
                    if !fixedU, uSum > 0 { next.comparisons[c].u[level] = max(uCounts[offsets[c] + level] / uSum, 1e-6) }
                }
            }
            let change = max(zip(next.comparisons, model.comparisons).flatMap { zip($0.m, $1.m).map { abs($0 - $1) } }.max() ?? 0,
                             abs(next.lambda - model.lambda))
            model = next
            if change < tolerance { break }
        }
        return model
    }

    /// u per level from the comparison levels of random pairs (nearly all non-matches).
    public static func uProbabilities(_ randomPairs: [[UInt8]], levels: [Int]) -> [[Double]] {
        uProbabilities(flat: randomPairs.flatMap { $0 }, levels: levels)
    }

    /// ``uProbabilities(_:levels:)`` of pairs held flat: pair k's levels are
    /// `flat[k * C ..< (k + 1) * C]` for C comparisons. A level never seen among the random pairs
    /// is rare, not impossible: it gets half of one pair's share.
    public static func uProbabilities(flat: [UInt8], levels: [Int]) -> [[Double]] {
        let width = levels.count
        guard width > 0 else { return [] }
        return levels.enumerated().map { c, count in
            var tally = [Double](repeating: 0, count: count)
            for k in stride(from: c, to: flat.count, by: width) { tally[Int(flat[k])] += 1 }
            tally[0] = 0
            let sum = tally.reduce(0, +)
            return tally.indices.map { level in
                level == 0 ? 0 : max(sum > 0 ? tally[level] / sum : 1 / Double(count - 1), 0.5 / max(sum, 1))
            }
        }
    }
}
