import Foundation

/// Multiple systems estimation by Bayesian model averaging over every decomposable graphical
/// model (Madigan and York 1997), as R's dga package computes it: for each graph and each
/// number of unobserved people, the exact marginal likelihood under a hyper-Dirichlet prior;
/// the posterior of the population size averages the graphs by their posterior probability.
/// Nothing is sampled, so the result is exact and needs no seed. With three to five lists (8,
/// 61 or 822 graphs; six lists would have 18,154, more than R's package offers).
public struct GraphAveragingEstimator: Sendable {
    /// The most lists: dga itself stops at five.
    public static let maximumLists = 5

    /// The hyper-Dirichlet prior's weight per cell; nil for dga's suggested 2^−lists.
    public var delta: Double?
    public var level = 0.95

    public init(delta: Double? = nil, level: Double = 0.95) {
        self.delta = delta
        self.level = level
    }

    /// The posterior: the probability of each population size from `observed` on, and of each graph.
    public struct Posterior: Sendable {
        public let observed: Int
        /// `sizes[i]` is the probability that the population is `observed + i`.
        public let sizes: [Double]
        public let graphs: [(graph: DecomposableGraph, probability: Double)]
    }

    public func posterior(_ histories: CaptureHistories) throws(EstimationError) -> Posterior {
        let p = histories.lists.count
        guard p >= 3 else { throw .invalidOption("dga needs at least three lists; with two, use --method loglinear") }
        guard p <= Self.maximumLists else { throw .invalidOption("dga takes at most \(Self.maximumLists) lists; use --method lcmcr or loglinear") }
        let delta = self.delta ?? pow(2, -Double(p))
        guard delta > 0, delta.isFinite else { throw .invalidOption("the prior's delta must be positive") }
        let graphs = DecomposableGraph.all(lists: p)
        let n = histories.observed
        // The range of unobserved counts doubles until the upper half of it holds less than a
        // ten-thousandth of the posterior, which moves no reported quantile by more than that
        // share. Some graphs' posteriors have long tails: a range cut where the density is
        // small would stop too soon, and one cut where the mass beyond is nil would never stop.
        var limit = max(1_000, 4 * n)
        while true {
            // Each graph's row over the range is computed twice rather than kept: 822 rows of
            // millions of counts would not fit in memory. The work is bounded, said, and refused
            // beyond: dga's exact sum is for lists of thousands, not millions.
            guard graphs.count * (limit + 1) <= Self.maximumEvaluations, limit <= Self.maximumRange else {
                throw .invalidOption("dga sums over every count of unobserved people for each of \(graphs.count) graphs; "
                                     + "\(n) observed people need more than it can in reasonable time: use --method lcmcr or loglinear")
            }
            var largest = -Double.infinity
            forEachRow(histories, graphs: graphs, delta: delta, unobserved: limit) { _, row in
                for value in row { largest = max(largest, value) }
            }
            var sizes = [Double](repeating: 0, count: limit + 1)
            var byGraph = [Double](repeating: 0, count: graphs.count)
            sizes.withUnsafeMutableBufferPointer { sizes in
                forEachRow(histories, graphs: graphs, delta: delta, unobserved: limit) { g, row in
                    var sum = 0.0
                    for m in row.indices {
                        let w = exp(row[m] - largest)
                        sizes[m] += w
                        sum += w
                    }
                    byGraph[g] = sum
                }
            }
            let total = sizes.reduce(0, +)
            let upperHalf = sizes[(limit / 2)...].reduce(0, +)
            if upperHalf < 1e-4 * total || limit >= 1_000 * max(n, 1) {
                return Posterior(observed: n, sizes: sizes.map { $0 / total },
                                 graphs: zip(graphs, byGraph.map { $0 / total }).map { ($0, $1) }.sorted { $0.1 > $1.1 })
            }
            limit *= 2
        }
    }

    /// The most graph-by-count terms one pass may sum (a few seconds' work).
    public static let maximumEvaluations = 400_000_000
    /// The most counts of unobserved people summed over (each subset of lists keeps a row of
    /// them: at four lists, 240 MB).
    public static let maximumRange = 2_000_000

    /// log P(graph, m unobserved | data) up to a constant, for m from 0 to `unobserved`: each
    /// graph's row in turn, in one buffer reused.
    func forEachRow(_ histories: CaptureHistories, graphs: [DecomposableGraph], delta: Double, unobserved limit: Int,
                    _ body: (Int, UnsafeBufferPointer<Double>) -> Void) {
        let p = histories.lists.count, n = Double(histories.observed)
        let cells = Double(1 << p)
        let range = 0...limit
        // Each subset of lists: its marginal table's constant part, and lgamma(m + first cell + δ′) by m.
        var constant = [Double](repeating: 0, count: 1 << p)
        var varying = [[Double]](repeating: [], count: 1 << p)
        for mask in 1..<(1 << p) {
            let size = mask.nonzeroBitCount
            let prior = delta * pow(2, Double(p - size))
            var marginal = [Double](repeating: 0, count: 1 << p)
            for history in 1..<(1 << p) { marginal[history & mask] += Double(histories.counts[history]) }
            var value = -Double(1 << size) * lgamma(prior)
            var rest = mask
            // Every non-empty pattern on these lists (submasks of mask).
            while rest != 0 {
                value += lgamma(marginal[rest] + prior)
                rest = (rest - 1) & mask
            }
            constant[mask] = value
            let zero = marginal[0]
            varying[mask] = range.map { lgamma(Double($0) + zero + prior) }
        }
        let denominator = range.map { lgamma(cells * delta) - lgamma(Double($0) + n + cells * delta) }
        let logFactorials = histories.counts.dropFirst().reduce(0) { $0 + lgamma(Double($1) + 1) }
        let common = range.map { m in
            lgamma(Double(m) + n + 1) - logFactorials - lgamma(Double(m) + 1) - log(n + Double(m))
        }
        // Each graph's row is a sum of whole vectors, added in place: 822 graphs over tens of
        // thousands of counts at five lists.
        var row = [Double](repeating: 0, count: range.count)
        for (g, graph) in graphs.enumerated() {
            let fixed = graph.cliques.reduce(0) { $0 + constant[$1] } - graph.separators.reduce(0) { $0 + constant[$1] }
            let parts = Double(graph.cliques.count - graph.separators.count)
            row.withUnsafeMutableBufferPointer { row in
                common.withUnsafeBufferPointer { common in
                    for m in row.indices { row[m] = common[m] }
                }
                denominator.withUnsafeBufferPointer { denominator in
                    for m in row.indices { row[m] += fixed + parts * denominator[m] }
                }
                for (terms, sign) in [(graph.cliques, 1.0), (graph.separators, -1.0)] {
                    for mask in terms {
                        varying[mask].withUnsafeBufferPointer { values in
                            for m in row.indices { row[m] += sign * values[m] }
                        }
                    }
                }
                body(g, UnsafeBufferPointer(row))
            }
        }
    }

    public func estimate(_ histories: CaptureHistories) throws(EstimationError) -> PopulationEstimate {
        let posterior = try posterior(histories)
        let tail = (1 - level) / 2
        func quantile(_ q: Double) -> Double {
            var cumulative = 0.0
            for (i, probability) in posterior.sizes.enumerated() {
                cumulative += probability
                if cumulative >= q { return Double(posterior.observed + i) }
            }
            return Double(posterior.observed + posterior.sizes.count - 1)
        }
        let top = posterior.graphs.prefix(3).map { "\($0.graph.name(lists: histories.lists)) \(String(format: "%.3f", $0.probability))" }
        return PopulationEstimate(
            method: "dga", lists: histories.lists, observed: histories.observed,
            estimate: quantile(0.5), lower: quantile(tail), upper: quantile(1 - tail), level: level,
            model: posterior.graphs.first.map { $0.graph.name(lists: histories.lists) },
            notes: [
                "posterior median and central \(LatentClassEstimator.percent(level)) interval, averaged over all \(posterior.graphs.count) decomposable graphs "
                    + "(prior 1/N on the population, hyper-Dirichlet delta \(String(format: "%g", delta ?? pow(2, -Double(histories.lists.count)))))",
                "most probable graphs: " + top.joined(separator: ", "),
            ]
        )
    }
}
