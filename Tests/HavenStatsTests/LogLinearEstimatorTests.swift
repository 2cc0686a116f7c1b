import Foundation
import HavenFixtures
@testable import HavenStats
import Testing

/// Log-linear multiple systems estimation against Rcapture 1.4-4 (R 4.2.2) on Madigan and
/// York's spina bifida lists, and on histories whose truth is known.
struct LogLinearEstimatorTests {
    static let spinaBifida = PublishedLists.spinaBifida

    /// Each model's abundance, deviance, AIC and BIC from `closedpMS.t(X, dfreq = TRUE, maxorder = 2)`
    /// and its 95% profile interval from `closedpCI.t(X, dfreq = TRUE, mX = ...)`, in Rcapture's
    /// notation (lists 1, 2, 3 = B, D, M).
    static let rcapture: [(model: String, abundance: Double, deviance: Double, aic: Double, bic: Double, lower: Double, upper: Double)] = [
        ("independence", 763.8879319, 58.34761883, 106.31882108, 124.07622257, 726.062791, 807.029835),
        ("1*2", 730.9285714, 3.859854197, 53.83105645, 76.02780831, 699.801870, 766.465734),
        ("1*3", 755.9430380, 58.08845372, 108.05965597, 130.25640783, 711.482729, 809.522982),
        ("2*3", 831.3125000, 46.85013768, 96.82133993, 119.01809179, 766.647989, 910.584350),
        ("1*2,1*3", 711.2323944, 0.6675850691, 52.63878732, 79.27488955, 679.633852, 749.273005),
        ("1*2,2*3", 758.3214286, 0.003335463925, 51.97453772, 78.61063994, 713.194423, 813.750198),
        ("1*3,2*3", 1361.0000000, 37.49581248, 89.46701473, 116.10311696, 894.867933, 2938.128986),
        ("1*2,1*3,2*3", 762.9806338, 0, 53.97120225, 85.04665485, 660.822110, 1065.226278),
    ]

    @Test func everyModelMatchesRcaptureOnTheSpinaBifidaLists() throws {
        let names = ["1", "2", "3"]
        for expected in Self.rcapture {
            let model = try LogLinearModel.parse(expected.model, lists: names)
            let fit = try #require(LogLinearFit(model, to: Self.spinaBifida), "\(expected.model)")
            #expect(abs(fit.estimate - expected.abundance) < 1e-4 * expected.abundance, "\(expected.model): \(fit.estimate)")
            #expect(abs(fit.deviance - expected.deviance) < 1e-5 + 1e-5 * expected.deviance, "\(expected.model): \(fit.deviance)")
            #expect(abs(fit.aic - expected.aic) < 1e-6 * expected.aic, "\(expected.model): \(fit.aic)")
            #expect(abs(fit.bic - expected.bic) < 1e-6 * expected.bic, "\(expected.model): \(fit.bic)")
            let estimate = try LogLinearEstimator(model: model).estimate(Self.spinaBifida)
            #expect(abs(estimate.lower - expected.lower) < 0.05, "\(expected.model): lower \(estimate.lower)")
            let upper = try #require(estimate.upper)
            #expect(abs(upper - expected.upper) < 0.05 + 1e-4 * expected.upper, "\(expected.model): upper \(upper)")
        }
    }

    static let kosovo = PublishedLists.kosovo

    @Test func theKosovoListsGiveRcapturesChoiceAndInterval() throws {
        // closedpMS.t ranks [12,13,14,23,34] first by both AIC (161.3176483) and BIC (225.2112465)
        // among its 64 models, abundance 14341.6638; closedpCI.t gives 12525.185961–16542.835358.
        for criterion in ModelCriterion.allCases {
            let estimate = try LogLinearEstimator(criterion: criterion).estimate(Self.kosovo)
            #expect(estimate.model == "EXH*ABA,EXH*OSCE,EXH*HRW,ABA*OSCE,OSCE*HRW")
            #expect(abs(estimate.estimate - 14341.6638) < 1e-3)
            let upper = try #require(estimate.upper)
            #expect(abs(estimate.lower - 12525.185961) < 0.5 && abs(upper - 16542.835358) < 1)
            #expect(estimate.notes.first == "chosen by \(criterion.rawValue.uppercased()) among all 64 models that could be fitted")
        }
        let fit = try #require(LogLinearFit(try LogLinearModel.parse("EXH*ABA,EXH*OSCE,EXH*HRW,ABA*OSCE,OSCE*HRW", lists: Self.kosovo.lists), to: Self.kosovo))
        #expect(abs(fit.aic - 161.3176483) < 1e-5 && abs(fit.bic - 225.2112465) < 1e-5 && fit.degreesOfFreedom == 5)
        #expect(abs(fit.standardError - 1018.2863972) < 1e-3)
        // The independence model's interval, 7147.748892–7656.195348: far below, which is why
        // the lists' dependence must be modelled.
        let independent = try LogLinearEstimator(model: .independence(lists: 4)).estimate(Self.kosovo)
        let upper = try #require(independent.upper)
        #expect(abs(independent.lower - 7147.748892) < 0.5 && abs(upper - 7656.195348) < 0.5)
    }

    @Test func modelSelectionPicksWhatRcapturesCriteriaRank() throws {
        let byBIC = try LogLinearEstimator(criterion: .bic).estimate(Self.spinaBifida)
        #expect(byBIC.model == "B*D")
        #expect(abs(byBIC.estimate - 730.9285714) < 1e-3)
        let byAIC = try LogLinearEstimator(criterion: .aic).estimate(Self.spinaBifida)
        #expect(byAIC.model == "B*D,D*M")
        #expect(byAIC.observed == 626 && byAIC.lists == ["B", "D", "M"] && byAIC.level == 0.95)
    }
}

/// Estimates on histories drawn from a population whose size is known, and the quantiles the
/// intervals rest on.
struct KnownPopulationTests {
    /// SplitMix64: a small, seeded generator, so that every run draws the same lists.
    struct Draws: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `size` people, each recorded by list i with probability `probabilities[i]`, independently.
    static func independentLists(size: Int, probabilities: [Double], seed: UInt64) throws -> CaptureHistories {
        var draws = Draws(state: seed)
        var counts: [Int: Int] = [:]
        for _ in 0..<size {
            var history = 0
            for (i, p) in probabilities.enumerated() where Double.random(in: 0..<1, using: &draws) < p { history |= 1 << i }
            if history != 0 { counts[history, default: 0] += 1 }
        }
        return try CaptureHistories(lists: probabilities.indices.map { "L\($0 + 1)" }, counts: counts)
    }

    @Test func twoListsGiveThePetersenEstimate() throws {
        // 300 on the first list, 200 on the second, 40 on both: N = 300 × 200 / 40 = 1,500.
        let histories = try CaptureHistories(lists: ["NGO", "Government"], counts: [0b01: 260, 0b10: 160, 0b11: 40])
        let estimate = try LogLinearEstimator().estimate(histories)
        #expect(abs(estimate.estimate - 1500) < 1e-6)
        #expect(estimate.model == "independence" && estimate.observed == 460)
        let upper = try #require(estimate.upper)
        #expect(estimate.lower > 460 && estimate.lower < 1500 && upper > 1500)
    }

    @Test func intervalsFromIndependentListsHoldTheTrueSizeAboutAsOftenAsTheyShould() throws {
        // A 95% interval misses the truth one time in twenty, and choosing the model from the
        // same data misses a little more: of 30 draws at least 26 covered (of 10 at five lists,
        // whose 1,024 models make each draw slower, at least 8).
        for (probabilities, draws) in [([0.3, 0.25, 0.2], 30), ([0.3, 0.25, 0.2, 0.35], 30), ([0.15, 0.2, 0.25, 0.1, 0.3], 10)] {
            var covered = 0
            for seed in 1...draws {
                let histories = try Self.independentLists(size: 3_000, probabilities: probabilities, seed: UInt64(seed))
                let estimate = try LogLinearEstimator().estimate(histories)
                let upper = try #require(estimate.upper)
                if estimate.lower <= 3_000 && 3_000 <= upper { covered += 1 }
                #expect(estimate.lower >= Double(histories.observed))
                #expect(estimate.notes.first?.hasPrefix("chosen by BIC among all") == true)
            }
            #expect(Double(covered) >= 0.8 * Double(draws), "\(probabilities.count) lists: \(covered) of \(draws) intervals hold the true size")
        }
    }

    @Test func sixListsAreSearchedStepwise() throws {
        let histories = try Self.independentLists(size: 2_000, probabilities: [0.2, 0.25, 0.15, 0.3, 0.2, 0.1], seed: 4)
        let estimator = LogLinearEstimator()
        let selection = estimator.select(histories)
        #expect(!selection.exhaustive && selection.fits.count < 1 << 15)
        let estimate = try estimator.estimate(histories)
        let upper = try #require(estimate.upper)
        #expect(estimate.lower <= 2_000 && 2_000 <= upper)
        #expect(estimate.notes.first?.contains("stepwise") == true)
    }

    @Test func tenListsAreAccepted() throws {
        let histories = try Self.independentLists(size: 1_500, probabilities: Array(repeating: 0.15, count: 10), seed: 5)
        let estimate = try LogLinearEstimator(model: .independence(lists: 10)).estimate(histories)
        let upper = try #require(estimate.upper)
        #expect(estimate.lower <= 1_500 && 1_500 <= upper)
    }

    @Test func aModelNeedingMoreParametersThanHistoriesIsRefused() throws {
        let histories = try CaptureHistories(lists: ["A", "B"], counts: [1: 10, 2: 10, 3: 5])
        let model = try LogLinearModel.parse("A*B", lists: ["A", "B"])
        #expect(throws: EstimationError.modelTooLarge(parameters: 4, cells: 3)) { try LogLinearEstimator(model: model).estimate(histories) }
        #expect(throws: EstimationError.unknownList("C")) { try LogLinearModel.parse("A*C", lists: ["A", "B"]) }
        #expect(throws: EstimationError.malformedModel("A*A")) { try LogLinearModel.parse("A*A", lists: ["A", "B"]) }
        #expect(throws: EstimationError.malformedModel("A+B")) { try LogLinearModel.parse("A+B", lists: ["A", "B"]) }
    }

    @Test func listsThatShareNobodyCannotBeEstimated() throws {
        let histories = try CaptureHistories(lists: ["A", "B"], counts: [1: 10, 2: 10])
        #expect(throws: EstimationError.noModelFits) { try LogLinearEstimator().estimate(histories) }
    }

    @Test(arguments: [(0.975, 1.9599639845400536), (0.95, 1.6448536269514715), (0.995, 2.5758293035488999),
                      (1e-10, -6.3613409024040557), (0.3, -0.52440051270804067), (0.999999, 4.7534243088170891)])
    func theNormalQuantileMatchesR(p: Double, expected: Double) {
        #expect(abs(Normal.quantile(p) - expected) < 1e-14 * max(1, abs(expected)), "qnorm(\(p))")
    }
}
