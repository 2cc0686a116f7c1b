import Foundation

/// Whether a sampler's chains can be trusted: the split potential scale reduction R̂ (Gelman et
/// al., Bayesian Data Analysis, 3rd ed., 11.4: each chain halved, between- against
/// within-chain variance; near 1 when the chains agree) and the effective sample size
/// (the draws' number discounted for autocorrelation, summed over chains, each truncated at
/// Geyer's initial positive sequence).
public struct ChainDiagnostics: Sendable, Equatable {
    /// Split R̂; above about 1.05 the chains have not forgotten where they started.
    public let splitRHat: Double
    /// Effective number of independent draws among all the chains' samples.
    public let effectiveSampleSize: Double

    public init(chains: [[Double]]) {
        let halves = chains.flatMap { chain -> [[Double]] in
            let half = chain.count / 2
            return half >= 2 ? [Array(chain[..<half]), Array(chain[half..<(2 * half)])] : []
        }
        splitRHat = Self.potentialScaleReduction(halves)
        effectiveSampleSize = chains.reduce(0) { $0 + Self.effectiveSize($1) }
    }

    static func potentialScaleReduction(_ chains: [[Double]]) -> Double {
        guard chains.count >= 2, let n = chains.first?.count, n >= 2 else { return .nan }
        let means = chains.map { $0.reduce(0, +) / Double(n) }
        let grand = means.reduce(0, +) / Double(chains.count)
        let between = Double(n) * means.reduce(0) { $0 + ($1 - grand) * ($1 - grand) } / Double(chains.count - 1)
        let within = zip(chains, means).reduce(0.0) { sum, pair in
            sum + pair.0.reduce(0) { $0 + ($1 - pair.1) * ($1 - pair.1) } / Double(n - 1)
        } / Double(chains.count)
        guard within > 0 else { return between > 0 ? .infinity : 1 }
        let pooled = Double(n - 1) / Double(n) * within + between / Double(n)
        return (pooled / within).squareRoot()
    }

    static func effectiveSize(_ chain: [Double]) -> Double {
        let n = chain.count
        guard n >= 4 else { return Double(n) }
        let mean = chain.reduce(0, +) / Double(n)
        let centred = chain.map { $0 - mean }
        let variance = centred.reduce(0) { $0 + $1 * $1 } / Double(n)
        guard variance > 0 else { return Double(n) }
        func autocorrelation(_ lag: Int) -> Double {
            var sum = 0.0
            for i in 0..<(n - lag) { sum += centred[i] * centred[i + lag] }
            return sum / Double(n) / variance
        }
        // Sum pairs of autocorrelations while their sum stays positive (Geyer 1992).
        var total = -1.0, lag = 0
        while lag + 1 < n {
            let pair = autocorrelation(lag) + autocorrelation(lag + 1)
            if pair <= 0 { break }
            total += 2 * pair
            lag += 2
        }
        return min(Double(n), Double(n) / max(total, 1e-12))
    }
}

/// Sample quantiles as R's default (type 7) computes them: linear between order statistics.
public enum SampleQuantile {
    public static func of(_ sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty && (0...1).contains(p))
        let position = Double(sorted.count - 1) * p
        let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
    }
}
