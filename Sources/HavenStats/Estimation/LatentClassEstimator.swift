import Dispatch
import Foundation

/// Multiple systems estimation with the latent-class model of R's LCMCR (see
/// ``LatentClassSampler``): the estimate is the posterior median of the population size and the
/// interval its central posterior interval. Chains run on separate cores, each seeded from
/// `seed`, so a run is the same on every machine whatever its cores.
public struct LatentClassEstimator: Sendable {
    /// The most latent classes (the stick-breaking truncation); LCMCR's examples use 10.
    public var classes = 10
    /// The Gamma prior on the Dirichlet process's concentration, LCMCR's defaults.
    public var alphaShape = 0.25
    public var alphaRate = 0.25
    /// Sweeps discarded before sampling, in each chain.
    public var burnIn = 10_000
    /// Population sizes kept, over all chains.
    public var samples = 1_000
    /// Sweeps between two kept sizes.
    public var thinning = 100
    /// Independent chains; two, one per core of the machine Haven is measured on.
    public var chains = 2
    public var seed: UInt64 = 1
    public var level = 0.95

    public init() {}

    /// Each chain's kept population sizes.
    public func draws(_ histories: CaptureHistories) -> [[Int]] {
        let perChain = (samples + chains - 1) / chains
        let results = Slots<[Int]>(count: chains, empty: [])
        DispatchQueue.concurrentPerform(iterations: chains) { chain in
            var sampler = LatentClassSampler(histories: histories, classes: classes, alphaShape: alphaShape, alphaRate: alphaRate,
                                             seed: seed &+ UInt64(chain) &* 0x9E37_79B9_7F4A_7C15)
            results[chain] = sampler.run(burnIn: burnIn, samples: perChain, thinning: thinning)
        }
        return results.values
    }

    public func estimate(_ histories: CaptureHistories) throws(EstimationError) -> PopulationEstimate {
        guard classes >= 2, classes <= 100 else { throw .invalidOption("the number of latent classes must be from 2 to 100") }
        let chainDraws = draws(histories)
        let pooled = chainDraws.flatMap { $0 }.prefix(samples).map(Double.init).sorted()
        let diagnostics = ChainDiagnostics(chains: chainDraws.map { $0.map(Double.init) })
        let tail = (1 - level) / 2
        var notes = [
            "posterior median and central \(Self.percent(level)) interval of \(pooled.count) draws from \(chains) chains "
                + "(\(burnIn) burn-in sweeps, every \(thinning)th sweep kept; up to \(classes) latent classes)",
            String(format: "split R-hat %.3f, effective sample size %.0f", diagnostics.splitRHat, diagnostics.effectiveSampleSize),
        ]
        if !(diagnostics.splitRHat < 1.05) || diagnostics.effectiveSampleSize < 100 {
            notes.append("the chains may not have converged: run more samples or a longer burn-in")
        }
        return PopulationEstimate(
            method: "lcmcr", lists: histories.lists, observed: histories.observed,
            estimate: SampleQuantile.of(pooled, 0.5), lower: SampleQuantile.of(pooled, tail), upper: SampleQuantile.of(pooled, 1 - tail),
            level: level, model: "latent classes (Dirichlet process, at most \(classes))", notes: notes
        )
    }

    static func percent(_ level: Double) -> String { String(format: "%g%%", level * 100) }
}
