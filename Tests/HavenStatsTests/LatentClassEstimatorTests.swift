import Foundation
@testable import HavenStats
import Testing

/// The latent-class estimator (LCMCR's model) against R's LCMCR 0.4.14 on the Kosovo and
/// spina bifida lists, on lists with heterogeneous people whose number is known, and its
/// repeatability. The runs here are shorter than the command's default (they run in a debug
/// build), so their bounds allow for more Monte-Carlo error than the long runs in
/// docs/estimation.md, where Haven and R agree to within 1% at the median.
struct LatentClassEstimatorTests {
    static func estimator(seed: UInt64) -> LatentClassEstimator {
        var estimator = LatentClassEstimator()
        estimator.burnIn = 2_000
        estimator.samples = 2_000
        estimator.thinning = 10
        estimator.seed = seed
        return estimator
    }

    @Test func theKosovoEstimateAgreesWithLCMCR() throws {
        // LCMCR, K = 10, a = b = 0.25, burn-in 10,000, 10,000 samples thinned by 100, seeds 11
        // and 12: median 10,401 and 10,431.5; 2.5% 8,946.9 and 9,097.0; 97.5% 13,548.6 and 13,963.4.
        let estimate = try Self.estimator(seed: 3).estimate(LogLinearEstimatorTests.kosovo)
        #expect(estimate.method == "lcmcr" && estimate.observed == 4_400 && estimate.level == 0.95)
        #expect((10_000...10_900).contains(estimate.estimate), "median \(estimate.estimate)")
        #expect((8_400...9_600).contains(estimate.lower), "2.5% \(estimate.lower)")
        let upper = try #require(estimate.upper)
        #expect((12_300...16_500).contains(upper), "97.5% \(upper)")
        #expect(estimate.notes.contains { $0.hasPrefix("split R-hat") })
    }

    @Test func theSpinaBifidaEstimateAgreesWithLCMCR() throws {
        // LCMCR as above, seeds 1 and 2: median 734 and 733; 2.5% 687 and 685; 97.5% 826 and 818.
        let estimate = try Self.estimator(seed: 4).estimate(LogLinearEstimatorTests.spinaBifida)
        #expect((722...745).contains(estimate.estimate), "median \(estimate.estimate)")
        #expect((675...697).contains(estimate.lower), "2.5% \(estimate.lower)")
        let upper = try #require(estimate.upper)
        #expect((795...850).contains(upper), "97.5% \(upper)")
    }

    @Test func peopleWhoAreHarderToRecordAreCountedWhereIndependenceMissesThem() throws {
        // 3,000 people: a third easily recorded by every list, two thirds seldom (a fifth of the
        // time). The independence model, blind to the difference, falls short; the latent
        // classes find it.
        var draws = KnownPopulationTests.Draws(state: 21)
        var counts: [Int: Int] = [:]
        for person in 0..<3_000 {
            let p = person < 1_000 ? [0.6, 0.55, 0.65, 0.5] : [0.2, 0.25, 0.18, 0.22]
            var history = 0
            for (i, probability) in p.enumerated() where Double.random(in: 0..<1, using: &draws) < probability { history |= 1 << i }
            if history != 0 { counts[history, default: 0] += 1 }
        }
        let histories = try CaptureHistories(lists: ["A", "B", "C", "D"], counts: counts)
        let independent = try LogLinearEstimator(model: .independence(lists: 4)).estimate(histories)
        #expect(try #require(independent.upper) < 3_000, "independence: \(independent.estimate)")
        let latent = try Self.estimator(seed: 5).estimate(histories)
        let upper = try #require(latent.upper)
        #expect(latent.lower <= 3_000 && 3_000 <= upper, "latent classes: \(latent.estimate) \(latent.lower)–\(upper); independence \(independent.estimate) \(independent.lower)-\(independent.upper ?? 0)")
    }

    @Test func oneSeedGivesOneResult() throws {
        var estimator = Self.estimator(seed: 6)
        estimator.burnIn = 200
        estimator.samples = 200
        let histories = LogLinearEstimatorTests.spinaBifida
        let first = try estimator.estimate(histories), again = try estimator.estimate(histories)
        #expect(first == again)
        estimator.seed = 7
        #expect(estimator.draws(histories) != Self.estimator(seed: 6).draws(histories))
    }

    @Test func theDiagnosticsTellChainsThatAgreeFromChainsThatDoNot() {
        var random = Xoshiro256(seed: 1)
        let agreeing = (0..<2).map { _ in (0..<1_000).map { _ in random.normal() } }
        let good = ChainDiagnostics(chains: agreeing)
        #expect(abs(good.splitRHat - 1) < 0.01 && good.effectiveSampleSize > 1_500)
        let apart = [agreeing[0], agreeing[1].map { $0 + 3 }]
        #expect(ChainDiagnostics(chains: apart).splitRHat > 1.5)
        // A random walk: every draw close to the one before, few effectively independent.
        var walk = [0.0]
        for _ in 1..<2_000 { walk.append(walk.last! + random.normal()) }
        #expect(ChainDiagnostics(chains: [walk]).effectiveSampleSize < 100)
        #expect(SampleQuantile.of([1, 2, 3, 4], 0.5) == 2.5 && SampleQuantile.of([1, 2, 3, 4], 0.025) == 1.075)
    }
}
