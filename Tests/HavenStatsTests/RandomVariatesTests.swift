import Foundation
@testable import HavenStats
import Testing

/// The samplers' draws against their distributions: moments within a few standard errors, and
/// chi-square goodness of fit against the exact probabilities where a method switches (BINV to
/// BTRS for the binomial, multiplication to PTRS for the Poisson). Seeded, so every run draws
/// the same numbers; the bounds are loose enough (about 5 standard errors, or a 0.1% critical
/// value) that a correct sampler does not fail them by chance.
struct RandomVariatesTests {
    static func moments(_ draws: [Double]) -> (mean: Double, variance: Double) {
        let mean = draws.reduce(0, +) / Double(draws.count)
        return (mean, draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1))
    }

    /// |observed − expected| within `sigmas` standard errors of a mean of `count` draws.
    static func close(_ observed: Double, _ expected: Double, variance: Double, count: Int, sigmas: Double = 5) -> Bool {
        abs(observed - expected) <= sigmas * (variance / Double(count)).squareRoot() + 1e-12
    }

    @Test func theGeneratorIsRepeatableAndUniform() {
        var a = Xoshiro256(seed: 42), b = Xoshiro256(seed: 42), c = Xoshiro256(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        let uniforms = (0..<100_000).map { _ in a.uniform() }
        #expect(uniforms.allSatisfy { $0 > 0 && $0 < 1 })
        let m = Self.moments(uniforms)
        #expect(Self.close(m.mean, 0.5, variance: 1.0 / 12, count: uniforms.count))
    }

    @Test(arguments: [0.05, 0.3, 1, 2.5, 50, 566])
    func gammaDrawsHaveTheirShapeAsMeanAndVariance(shape: Double) {
        var random = Xoshiro256(seed: 7)
        let count = 100_000
        let draws = (0..<count).map { _ in random.gamma(shape: shape) }
        let m = Self.moments(draws)
        #expect(Self.close(m.mean, shape, variance: shape, count: count), "mean \(m.mean)")
        #expect(abs(m.variance - shape) < 0.05 * shape + 0.01, "variance \(m.variance)")
        let logs = (0..<count).map { _ in random.logGamma(shape: shape) }
        // E[log G] = ψ(shape), the digamma function; ψ(1) = −γ.
        if shape == 1 { #expect(Self.close(Self.moments(logs).mean, -0.5772156649015329, variance: 1.6449340668, count: count)) }
    }

    @Test func betaDrawsHaveTheirMean() {
        var random = Xoshiro256(seed: 8)
        for (a, b) in [(1.0, 1.0), (2.0, 5.0), (0.3, 0.7), (600.0, 1200.0)] {
            let draws = (0..<50_000).map { _ in random.beta(a, b) }
            let mean = a / (a + b), variance = a * b / ((a + b) * (a + b) * (a + b + 1))
            #expect(Self.close(Self.moments(draws).mean, mean, variance: variance, count: draws.count), "Beta(\(a), \(b))")
            let pair = random.logBeta(a, b)
            #expect(abs(exp(pair.log) + exp(pair.logComplement) - 1) < 1e-12)
        }
    }

    @Test(arguments: [(5, 0.3), (40, 0.5), (10, 0.9), (1_131, 0.001), (1_131, 0.3), (100_000, 0.45), (47, 0.3)])
    func binomialDrawsHaveTheirMeanAndVariance(n: Int, p: Double) {
        var random = Xoshiro256(seed: 9)
        let count = 100_000
        let draws = (0..<count).map { _ in random.binomial(n, p) }
        #expect(draws.allSatisfy { (0...n).contains($0) })
        let m = Self.moments(draws.map(Double.init))
        let variance = Double(n) * p * (1 - p)
        #expect(Self.close(m.mean, Double(n) * p, variance: variance, count: count), "mean \(m.mean)")
        #expect(abs(m.variance - variance) < 0.05 * variance + 0.01, "variance \(m.variance)")
    }

    /// Pearson's statistic of `draws` against `probability(k)`, bins with fewer than 5 expected
    /// pooled into their neighbours; with its degrees of freedom.
    static func chiSquare(_ draws: [Int], _ probability: (Int) -> Double, range: ClosedRange<Int>) -> (statistic: Double, bins: Int) {
        var observed: [Int: Int] = [:]
        for draw in draws { observed[draw, default: 0] += 1 }
        var statistic = 0.0, bins = 0, expectedRun = 0.0, observedRun = 0
        for k in range {
            expectedRun += probability(k) * Double(draws.count)
            observedRun += observed[k] ?? 0
            if expectedRun >= 5 {
                statistic += (Double(observedRun) - expectedRun) * (Double(observedRun) - expectedRun) / expectedRun
                bins += 1
                expectedRun = 0
                observedRun = 0
            }
        }
        return (statistic, bins)
    }

    @Test func binomialDrawsFitTheExactProbabilitiesOnBothSidesOfTheSwitch() {
        var random = Xoshiro256(seed: 10)
        // n·p = 13.5 (inversion) and 60 (transformed rejection).
        for (n, p, critical) in [(45, 0.3, 45.3), (200, 0.3, 79.8)] as [(Int, Double, Double)] {
            let draws = (0..<200_000).map { _ in random.binomial(n, p) }
            let pmf = { (k: Int) -> Double in
                exp(lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) + Double(k) * log(p) + Double(n - k) * log1p(-p))
            }
            let fit = Self.chiSquare(draws, pmf, range: 0...n)
            // `critical` is χ² at 0.001 for the bins this n and p give (about 24 and 46).
            #expect(fit.statistic < critical, "Binomial(\(n), \(p)): χ² \(fit.statistic) over \(fit.bins) bins")
        }
    }

    @Test(arguments: [0.5, 5, 9.99, 10, 57, 6_000])
    func poissonDrawsHaveTheirMeanAsMeanAndVariance(mean: Double) {
        var random = Xoshiro256(seed: 11)
        let count = 100_000
        let m = Self.moments((0..<count).map { _ in Double(random.poisson(mean)) })
        #expect(Self.close(m.mean, mean, variance: mean, count: count), "mean \(m.mean)")
        #expect(abs(m.variance - mean) < 0.05 * mean + 0.01, "variance \(m.variance)")
    }

    @Test func poissonDrawsFitTheExactProbabilitiesAboveTheSwitch() {
        var random = Xoshiro256(seed: 12)
        let mean = 30.0
        let draws = (0..<200_000).map { _ in random.poisson(mean) }
        let fit = Self.chiSquare(draws, { k in exp(Double(k) * log(mean) - mean - lgamma(Double(k + 1))) }, range: 0...200)
        #expect(fit.statistic < 70.7, "χ² \(fit.statistic) over \(fit.bins) bins (0.1% critical value for about 40)")
    }

    @Test func negativeBinomialAndMultinomialDrawsHaveTheirMeans() {
        var random = Xoshiro256(seed: 13)
        let count = 50_000
        let successes = 4_400, p = 0.45
        let draws = (0..<count).map { _ in Double(random.negativeBinomial(successes: successes, p: p)) }
        let mean = Double(successes) * (1 - p) / p, variance = mean / p
        #expect(Self.close(Self.moments(draws).mean, mean, variance: variance, count: count))

        let weights = [5.0, 0, 1, 3, 1e-9]
        var counts = [Int](repeating: 0, count: weights.count), totals = [Int](repeating: 0, count: weights.count)
        for _ in 0..<20_000 {
            random.multinomial(1_000, weights: weights, into: &counts)
            #expect(counts.reduce(0, +) == 1_000)
            for k in counts.indices { totals[k] += counts[k] }
        }
        #expect(totals[1] == 0)
        for k in [0, 2, 3] {
            let share = weights[k] / weights.reduce(0, +)
            #expect(Self.close(Double(totals[k]) / 20_000, 1_000 * share, variance: 1_000 * share * (1 - share), count: 20_000), "category \(k)")
        }
    }
}
