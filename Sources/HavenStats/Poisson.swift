import Foundation

/// The Poisson distribution's upper tail, the test behind surge detection.
public enum Poisson {
    /// P(X ≥ k) for X ~ Poisson(λ), summed from k upward in log space so that small tails keep
    /// their precision (a tail near 1e-5 is what a surge test compares).
    public static func upperTail(atLeast k: Int, mean lambda: Double) -> Double {
        precondition(lambda > 0, "the mean must be positive")
        guard k > 0 else { return 1 }
        var total = 0.0
        var i = k
        while i < k + 10_000 {
            let term = exp(-lambda + Double(i) * log(lambda) - lgamma(Double(i) + 1))
            total += term
            // Past the mode, terms only shrink: stop when they no longer change the sum.
            if Double(i) > lambda && term < total * 1e-16 { break }
            i += 1
        }
        return min(total, 1)
    }
}
