import HavenFixtures
@testable import HavenStats
import Testing

/// Model averaging over decomposable graphs against R's dga 2.0.2 (`bma.cr` with the graphs
/// it ships, the default prior 1/N, unobserved counts from 0): the same graphs, the same
/// posterior probabilities, the same quantiles (to one person: dga sums over the range it is
/// given, Haven over a range it grows until the tail beyond is negligible).
struct GraphAveragingEstimatorTests {
    @Test func everyDecomposableGraphIsFoundAndNoOther() throws {
        #expect(DecomposableGraph.all(lists: 3).count == 8)
        #expect(DecomposableGraph.all(lists: 4).count == 61)
        #expect(DecomposableGraph.all(lists: 5).count == 822)
        typealias Pair = LogLinearModel.Pair
        // A four-cycle has no chord: not decomposable. With one, it is two triangles on the chord.
        #expect(DecomposableGraph(lists: 4, edges: [Pair(0, 1), Pair(1, 2), Pair(2, 3), Pair(3, 0)]) == nil)
        let chorded = try #require(DecomposableGraph(lists: 4, edges: [Pair(0, 1), Pair(1, 2), Pair(2, 3), Pair(3, 0), Pair(0, 2)]))
        #expect(chorded.cliques == [0b0111, 0b1101] && chorded.separators == [0b0101])
        let chain = try #require(DecomposableGraph(lists: 3, edges: [Pair(0, 1), Pair(1, 2)]))
        #expect(chain.cliques == [0b011, 0b110] && chain.separators == [0b010])
        #expect(chain.name(lists: ["B", "D", "M"]) == "[B D][D M]")
        let empty = try #require(DecomposableGraph(lists: 3, edges: []))
        #expect(empty.cliques == [1, 2, 4] && empty.separators.isEmpty, "unconnected parts have no separator")
    }

    static func probability(of name: String, in posterior: GraphAveragingEstimator.Posterior, lists: [String]) -> Double? {
        posterior.graphs.first { $0.graph.name(lists: lists) == name }?.probability
    }

    @Test func theSpinaBifidaPosteriorIsDgas() throws {
        let lists = PublishedLists.spinaBifida.lists
        // delta = 2^-3 (the default): quantiles 694, 731, 787; graphs 0.722502, 0.158102, 0.116818, 0.002579.
        // delta = 1 (Madigan and York's): 681, 732, 800; 0.369865, 0.311475, 0.279455, 0.039205.
        for (delta, quantiles, graphs) in [
            (nil, [694.0, 731, 787], [("[B D][M]", 0.722502), ("[B D][D M]", 0.158102), ("[B D][B M]", 0.116818), ("[B D M]", 0.002579)]),
            (1.0, [681, 732, 800], [("[B D][M]", 0.369865), ("[B D][D M]", 0.311475), ("[B D][B M]", 0.279455), ("[B D M]", 0.039205)]),
        ] as [(Double?, [Double], [(String, Double)])] {
            let estimator = GraphAveragingEstimator(delta: delta)
            let estimate = try estimator.estimate(PublishedLists.spinaBifida)
            let upper = try #require(estimate.upper)
            for (value, expected) in zip([estimate.lower, estimate.estimate, upper], quantiles) {
                #expect(abs(value - expected) <= 1, "delta \(delta ?? 0.125): \(value) for \(expected)")
            }
            let posterior = try estimator.posterior(PublishedLists.spinaBifida)
            for (name, expected) in graphs {
                let probability = try #require(Self.probability(of: name, in: posterior, lists: lists), "\(name)")
                #expect(abs(probability - expected) < 2e-4, "\(name): \(probability) for \(expected)")
            }
            #expect(abs(posterior.sizes.reduce(0, +) - 1) < 1e-9 && abs(posterior.graphs.reduce(0) { $0 + $1.probability } - 1) < 1e-9)
        }
    }

    @Test func theKosovoAndFiveListPosteriorsAreDgas() throws {
        // Kosovo, delta 2^-4: 9827, 12595, 16544; [EXH ABA OSCE][EXH OSCE HRW] 0.985513.
        let kosovo = try GraphAveragingEstimator().estimate(PublishedLists.kosovo)
        #expect(kosovo.model == "[EXH ABA OSCE][EXH OSCE HRW]")
        let kosovoUpper = try #require(kosovo.upper)
        #expect(abs(kosovo.lower - 9827) <= 1 && abs(kosovo.estimate - 12595) <= 1 && abs(kosovoUpper - 16544) <= 1)
        #expect(kosovo.notes.last?.contains("[EXH ABA OSCE][EXH OSCE HRW] 0.986") == true)
        // Five lists, delta 0.5: 588, 616, 655, the best graph 0.217073; delta 2^-5: 590, 618, 656.
        let half = try GraphAveragingEstimator(delta: 0.5).estimate(PublishedLists.fiveLists)
        let halfUpper = try #require(half.upper)
        #expect(abs(half.lower - 588) <= 1 && abs(half.estimate - 616) <= 1 && abs(halfUpper - 655) <= 1)
        let best = try #require(try GraphAveragingEstimator(delta: 0.5).posterior(PublishedLists.fiveLists).graphs.first)
        #expect(abs(best.probability - 0.217073) < 2e-4)
        let standard = try GraphAveragingEstimator().estimate(PublishedLists.fiveLists)
        let standardUpper = try #require(standard.upper)
        #expect(abs(standard.lower - 590) <= 1 && abs(standard.estimate - 618) <= 1 && abs(standardUpper - 656) <= 1)
        #expect(standard.notes.first?.contains("all 822 decomposable graphs") == true)
    }

    @Test func listsTooLargeForTheExactSumAreRefusedAtOnce() throws {
        // 200,000 people on five lists would need 822 graphs × 800,000 counts a pass; a million
        // on three, a range of 4,000,000: both are refused, before the work, with the methods to
        // use instead.
        for (lists, people) in [(5, 200_000), (3, 1_000_000)] {
            let histories = try CaptureHistories(lists: (1...lists).map { "L\($0)" },
                                                 counts: [1: people / 2, 2: people / 4, (1 << lists) - 1: people / 4])
            #expect(throws: EstimationError.self) { try GraphAveragingEstimator().estimate(histories) }
        }
    }

    @Test func twoListsOrSixAreRefused() throws {
        let two = try CaptureHistories(lists: ["A", "B"], counts: [1: 5, 2: 5, 3: 2])
        #expect(throws: EstimationError.self) { try GraphAveragingEstimator().estimate(two) }
        let six = try CaptureHistories(lists: (1...6).map { "L\($0)" }, counts: [1: 5, 2: 5, 3: 2, 63: 1])
        #expect(throws: EstimationError.self) { try GraphAveragingEstimator().estimate(six) }
    }
}
