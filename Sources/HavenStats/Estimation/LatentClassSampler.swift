import Foundation

/// One Markov chain of the Bayesian non-parametric latent-class model of Manrique-Vallier
/// (2016, Biometrics 72:917–926), the model of R's LCMCR and HRDAG's default for multiple
/// systems estimation. People fall into latent classes (at most `classes`, weighted by a
/// truncated stick-breaking Dirichlet process whose concentration has a Gamma prior); within a
/// class each list records each person independently with its own probability. Dependence
/// between lists and heterogeneity between people both come from the mixture. The Gibbs
/// sampler augments the data with the unobserved people, whose number is the estimate.
///
/// The steps, their order, the starting point and the 500-step warm-up follow LCMCR 0.4.14's
/// `NPLCM_CR_Basic_Freq`, so that the two agree within Monte-Carlo error; the tests compare
/// them on the Kosovo lists.
struct LatentClassSampler {
    let histories: CaptureHistories
    let classes: Int
    let alphaShape: Double
    let alphaRate: Double
    private let lists: Int
    /// The histories observed at least once, and how many people have each.
    private let cells: [Int]
    private let frequencies: [Int]
    private let observed: Int

    // The chain's state: log λ (a list recording someone of a class) and log(1 − λ), by
    // list × class; the class weights; each cell's people by class; the unobserved by class.
    private var logRecorded: [Double]
    private var logMissed: [Double]
    private var logWeights: [Double]
    private var countByCell: [Int]
    private var unobservedByClass: [Int]
    private(set) var alpha = 1.0
    private(set) var unobserved = 0
    private var random: Xoshiro256

    init(histories: CaptureHistories, classes: Int, alphaShape: Double, alphaRate: Double, seed: UInt64) {
        self.histories = histories
        self.classes = classes
        self.alphaShape = alphaShape
        self.alphaRate = alphaRate
        lists = histories.lists.count
        cells = histories.counts.indices.filter { histories.counts[$0] > 0 }
        frequencies = cells.map { histories.counts[$0] }
        observed = histories.observed
        random = Xoshiro256(seed: seed)
        logRecorded = []
        logMissed = []
        logWeights = [Double](repeating: 0, count: classes)
        countByCell = [Int](repeating: 0, count: cells.count * classes)
        unobservedByClass = [Int](repeating: 0, count: classes)
        // Weights from a Beta(1, 1) stick; every class records as the lists do on average.
        var left = 0.0
        for k in 0..<(classes - 1) {
            let stick = random.logBeta(1, 1)
            logWeights[k] = stick.log + left
            left += stick.logComplement
        }
        logWeights[classes - 1] = left
        for j in 0..<lists {
            let p = Double(histories.size(ofList: j)) / Double(observed)
            for _ in 0..<classes {
                logRecorded.append(log(p))
                logMissed.append(log1p(-p))
            }
        }
        alpha = 0.3 / Double(classes)
        for _ in 0..<500 { step(updatingAlpha: false) }
        orderClassesByWeight()
    }

    /// One sweep of the Gibbs sampler.
    mutating func step(updatingAlpha: Bool = true) {
        sampleClassesOfObserved()
        sampleRecordingProbabilities()
        sampleWeights()
        sampleUnobserved()
        if updatingAlpha {
            // Gamma(a + K − 1, rate b − log ν_K), LCMCR's update of the concentration.
            alpha = random.gamma(shape: alphaShape + Double(classes) - 1) / (alphaRate - logWeights[classes - 1])
        }
    }

    private func index(_ list: Int, _ klass: Int) -> Int { list * classes + klass }

    private mutating func sampleClassesOfObserved() {
        // A history's log-probability in class k is the class's weight and every list missing
        // the person, corrected for the lists that did record them: one term per recording
        // list, rather than one per list.
        var base = logWeights
        for k in 0..<classes { for j in 0..<lists { base[k] += logMissed[index(j, k)] } }
        var weights = [Double](repeating: 0, count: classes)
        var counts = [Int](repeating: 0, count: classes)
        for (m, history) in cells.enumerated() {
            var largest = -Double.infinity
            for k in 0..<classes {
                var value = base[k]
                var rest = history
                while rest != 0 {
                    let j = rest.trailingZeroBitCount
                    value += logRecorded[index(j, k)] - logMissed[index(j, k)]
                    rest &= rest - 1
                }
                weights[k] = value
                largest = max(largest, value)
            }
            for k in 0..<classes { weights[k] = exp(weights[k] - largest) }
            random.multinomial(frequencies[m], weights: weights, into: &counts)
            for k in 0..<classes { countByCell[m * classes + k] = counts[k] }
        }
    }

    private mutating func sampleRecordingProbabilities() {
        // People of each class recorded by each list, and in all (the unobserved included).
        var recorded = [Int](repeating: 0, count: lists * classes)
        var total = unobservedByClass
        for (m, history) in cells.enumerated() {
            for k in 0..<classes {
                let count = countByCell[m * classes + k]
                guard count > 0 else { continue }
                total[k] += count
                var rest = history
                while rest != 0 {
                    recorded[index(rest.trailingZeroBitCount, k)] += count
                    rest &= rest - 1
                }
            }
        }
        for j in 0..<lists {
            for k in 0..<classes {
                let yes = recorded[index(j, k)]
                let draw = random.logBeta(1 + Double(yes), 1 + Double(total[k] - yes))
                logRecorded[index(j, k)] = draw.log
                logMissed[index(j, k)] = draw.logComplement
            }
        }
    }

    private mutating func sampleWeights() {
        var perClass = unobservedByClass
        for m in cells.indices { for k in 0..<classes { perClass[k] += countByCell[m * classes + k] } }
        var assigned = 0, left = 0.0
        for k in 0..<(classes - 1) {
            assigned += perClass[k]
            let stick = random.logBeta(1 + Double(perClass[k]), alpha + Double(unobserved + observed - assigned))
            logWeights[k] = stick.log + left
            left += stick.logComplement
        }
        logWeights[classes - 1] = left
    }

    private mutating func sampleUnobserved() {
        var missedByClass = [Double](repeating: 0, count: classes)
        var probabilityMissed = 0.0
        var largest = -Double.infinity
        for k in 0..<classes {
            var value = logWeights[k]
            for j in 0..<lists { value += logMissed[index(j, k)] }
            missedByClass[k] = value
            probabilityMissed += exp(value)
            largest = max(largest, value)
        }
        // Negative binomial: the unobserved before `observed` people were recorded; LCMCR
        // redraws anything above twenty times the observed.
        let p = min(max(1 - probabilityMissed, .leastNormalMagnitude), 1)
        repeat {
            unobserved = random.negativeBinomial(successes: observed, p: p)
        } while unobserved > 20 * observed
        guard unobserved > 0 else {
            for k in 0..<classes { unobservedByClass[k] = 0 }
            return
        }
        for k in 0..<classes { missedByClass[k] = exp(missedByClass[k] - largest) }
        random.multinomial(unobserved, weights: missedByClass, into: &unobservedByClass)
    }

    /// Classes renumbered by decreasing weight after the warm-up, as LCMCR does: the stick
    /// then starts with the classes that carry people.
    private mutating func orderClassesByWeight() {
        let order = (0..<classes).sorted { logWeights[$0] > logWeights[$1] || (logWeights[$0] == logWeights[$1] && $0 < $1) }
        logWeights = order.map { logWeights[$0] }
        unobservedByClass = order.map { unobservedByClass[$0] }
        var recorded = logRecorded, missed = logMissed, counts = countByCell
        for j in 0..<lists {
            for (new, old) in order.enumerated() {
                recorded[index(j, new)] = logRecorded[index(j, old)]
                missed[index(j, new)] = logMissed[index(j, old)]
            }
        }
        for m in cells.indices { for (new, old) in order.enumerated() { counts[m * classes + new] = countByCell[m * classes + old] } }
        logRecorded = recorded
        logMissed = missed
        countByCell = counts
    }

    /// The population sizes of `samples` sweeps `thinning` apart, after `burnIn` sweeps.
    mutating func run(burnIn: Int, samples: Int, thinning: Int) -> [Int] {
        for _ in 0..<burnIn { step() }
        var sizes: [Int] = []
        sizes.reserveCapacity(samples)
        for _ in 0..<samples {
            for _ in 0..<thinning { step() }
            sizes.append(observed + unobserved)
        }
        return sizes
    }
}
