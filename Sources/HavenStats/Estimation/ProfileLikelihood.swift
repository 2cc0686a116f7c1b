import Foundation

/// The multinomial profile likelihood of the population size under a log-linear model, and
/// the confidence interval it gives (Cormack 1992; Rcapture's `closedpCI.t` computes the same
/// curve, which the tests compare with). The interval holds every N whose profile
/// log-likelihood is within χ²₁(level)/2 of the maximum; unlike N̂ ± 1.96 SE it is not symmetric
/// and never reaches below the number observed.
struct ProfileLikelihood {
    let model: LogLinearModel
    let histories: CaptureHistories
    private let rows: [[Int]]
    private let counts: [Double]

    init(model: LogLinearModel, histories: CaptureHistories) {
        self.model = model
        self.histories = histories
        // The observed histories, then the history of no list, whose covariates are the
        // intercept alone and whose count is the N − n being profiled.
        rows = (1...histories.cells).map(model.ones(of:)) + [[0]]
        counts = (1...histories.cells).map { Double(histories.counts[$0]) }
    }

    /// The profile log-likelihood at population size `size` (at least the number observed);
    /// nil when the model cannot be fitted there.
    func logLikelihood(_ size: Double) -> Double? {
        let n = Double(histories.observed)
        let missing = max(size - n, 0)
        guard let fit = PoissonRegression.fit(counts: counts + [missing], rows: rows, parameters: model.parameterCount) else { return nil }
        // Cormack's correction from the Poisson to the multinomial likelihood, as Rcapture
        // computes it (Stirling's approximation above 100 people).
        let total = n + missing
        let correction: Double
        if total > 100 {
            correction = missing == 0 || missing == 1 ? -total + 0.5 * log(2 * .pi * total) : missing - total - 0.5 * log(missing / total)
        } else {
            correction = (missing > 0 ? missing * log(missing) : 0) - total * log(total) + lgamma(total + 1) - lgamma(missing + 1)
        }
        return (fit.deviance - 2 * correction) / -2
    }

    /// The interval at `level`, with the size at which the likelihood peaks; `upper` is nil when
    /// the likelihood does not fall far enough below its peak within a thousand times the
    /// estimate (the data cannot bound the population from above). Nil when the curve cannot
    /// be computed.
    func interval(estimate: Double, level: Double) -> (maximum: Double, lower: Double, upper: Double?)? {
        let n = Double(histories.observed)
        let drop = pow(Normal.quantile(0.5 + level / 2), 2) / 2
        guard let peak = Search.maximum(in: n...max(1.5 * estimate, n + 1), tolerance: 1e-4, logLikelihood) else { return nil }
        let threshold = peak.value - drop
        let below = { (size: Double) -> Double? in logLikelihood(size).map { $0 - threshold } }
        var lower = n
        if let atObserved = below(n), atObserved < 0 {
            guard let root = Search.root(between: n, and: peak.at, tolerance: 1e-4, below) else { return nil }
            lower = root
        }
        var far = max(3 * estimate, peak.at + 1)
        while far < 1000 * max(estimate, 1) {
            guard let value = below(far) else { return nil }
            if value < 0 {
                guard let root = Search.root(between: peak.at, and: far, tolerance: 1e-4, below) else { return nil }
                return (peak.at, lower, root)
            }
            far *= 2
        }
        return (peak.at, lower, nil)
    }
}

/// One-dimensional searches over a function that may fail at a point (a fit that does not converge).
enum Search {
    /// The maximum of a unimodal function on an interval, by golden-section search to an
    /// absolute `tolerance` (as R's `optimize`).
    static func maximum(in range: ClosedRange<Double>, tolerance: Double,
                        _ f: (Double) -> Double?) -> (at: Double, value: Double)? {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = range.lowerBound, b = range.upperBound
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        guard var fc = f(c), var fd = f(d) else { return nil }
        while b - a > tolerance {
            if fc >= fd {
                b = d; d = c; fd = fc
                c = b - ratio * (b - a)
                guard let value = f(c) else { return nil }
                fc = value
            } else {
                a = c; c = d; fc = fd
                d = a + ratio * (b - a)
                guard let value = f(d) else { return nil }
                fd = value
            }
        }
        // The ends themselves: a curve still rising at the observed count peaks there.
        var best = fc >= fd ? (at: c, value: fc) : (at: d, value: fd)
        for end in [range.lowerBound, range.upperBound] {
            if let value = f(end), value > best.value { best = (end, value) }
        }
        return best
    }

    /// A root of `f` between two points where it has opposite signs, by bisection to an absolute
    /// `tolerance` (as R's `uniroot`).
    static func root(between low: Double, and high: Double, tolerance: Double, _ f: (Double) -> Double?) -> Double? {
        var a = low, b = high
        guard let fa = f(a), let fb = f(b), (fa < 0) != (fb < 0) else { return nil }
        while b - a > tolerance {
            let middle = (a + b) / 2
            guard let value = f(middle) else { return nil }
            if (value < 0) == (fa < 0) { a = middle } else { b = middle }
        }
        return (a + b) / 2
    }
}
