import Foundation

/// Draws from the distributions the Gibbs samplers need, by published exact methods.
extension Xoshiro256 {
    /// A standard normal draw, by Marsaglia's polar method: two draws for one logarithm and
    /// no trigonometry, the second kept for the next call.
    public mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * uniform() - 1, v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s < 1, s > 0 else { continue }
            let scale = (-2 * log(s) / s).squareRoot()
            spareNormal = v * scale
            return u * scale
        }
    }

    /// A Gamma(shape, 1) draw: Marsaglia and Tsang (2000) for shape ≥ 1; below, a draw at
    /// shape + 1 times U^(1/shape).
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "a positive shape")
        if shape < 1 { return exp(logGamma(shape: shape)) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// The logarithm of a Gamma(shape, 1) draw, which stays finite for tiny shapes where the
    /// draw itself underflows (a stick-breaking weight's share of what is left).
    public mutating func logGamma(shape: Double) -> Double {
        shape >= 1 ? log(gamma(shape: shape)) : log(gamma(shape: shape + 1)) + log(uniform()) / shape
    }

    /// A Beta(a, b) draw's logarithm and that of its complement, from two gamma draws.
    public mutating func logBeta(_ a: Double, _ b: Double) -> (log: Double, logComplement: Double) {
        if a >= 1, b >= 1 {
            // Neither draw can underflow: two logarithms of the draws themselves.
            let x = gamma(shape: a), y = gamma(shape: b)
            return (log(x / (x + y)), log(y / (x + y)))
        }
        let x = logGamma(shape: a), y = logGamma(shape: b)
        let total = max(x, y) + log1p(exp(-abs(x - y)))
        return (x - total, y - total)
    }

    /// A Beta(a, b) draw.
    public mutating func beta(_ a: Double, _ b: Double) -> Double { exp(logBeta(a, b).log) }

    /// A Binomial(n, p) draw: inversion when n·p is small (Kachitvichyanukul and Schmeiser's
    /// BINV), otherwise Hörmann's transformed rejection with squeeze (BTRS, 1993), whose
    /// acceptance test compares with the exact probability through Stirling's series.
    public mutating func binomial(_ n: Int, _ p: Double) -> Int {
        guard n > 0, p > 0 else { return 0 }
        guard p < 1 else { return n }
        if p > 0.5 { return n - binomial(n, 1 - p) }
        if Double(n) * p < 14 {
            // P(0) = qⁿ ≥ 1 − n·p (Bernoulli's inequality): a draw below that is 0 without
            // computing the power, the usual case for a class few people fall in.
            var u = uniform()
            if u <= 1 - Double(n) * p { return 0 }
            let q = 1 - p, s = p / q, a = Double(n + 1) * s
            var r = pow(q, Double(n)), x = 0
            while u > r, x < n {
                u -= r
                x += 1
                r *= a / Double(x) - s
            }
            return x
        }
        let count = Double(n)
        let spread = (count * p * (1 - p)).squareRoot()
        let b = 1.15 + 2.53 * spread, a = -0.0873 + 0.0248 * b + 0.01 * p, c = count * p + 0.5
        let vr = 0.92 - 4.2 / b, r = p / (1 - p), alpha = (2.83 + 5.1 / b) * spread
        let m = ((count + 1) * p).rounded(.down)
        while true {
            let u = uniform() - 0.5
            var v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > count { continue }
            if us >= 0.07 && v <= vr { return Int(k) }
            v = log(v * alpha / (a / (us * us) + b))
            let bound = (m + 0.5) * log((m + 1) / (r * (count - m + 1))) + (count + 1) * log((count - m + 1) / (count - k + 1))
                + (k + 0.5) * log(r * (count - k + 1) / (k + 1))
                + Self.stirlingTail(m) + Self.stirlingTail(count - m) - Self.stirlingTail(k) - Self.stirlingTail(count - k)
            if v <= bound { return Int(k) }
        }
    }

    /// log(k!) − [(k + ½) log(k + 1) − (k + 1) + ½ log 2π]: a table to 9, Stirling's series above.
    static func stirlingTail(_ k: Double) -> Double {
        if k <= 9 {
            return [0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509,
                    0.01664469118982119, 0.01387612882307075, 0.01189670994589177, 0.01041126526197209,
                    0.009255462182712733, 0.008330563433362871][Int(k)]
        }
        let square = (k + 1) * (k + 1)
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / square) / square) / (k + 1)
    }

    /// Counts of `n` draws over categories with the given (unnormalised, non-negative) weights,
    /// as one binomial per category of what is left.
    public mutating func multinomial(_ n: Int, weights: [Double], into counts: inout [Int]) {
        var mass = weights.reduce(0, +)
        if n == 1, mass > 0 {
            // One draw, the usual case for a rare history: one uniform against the running sum.
            for k in counts.indices { counts[k] = 0 }
            var target = uniform() * mass
            for k in weights.indices where weights[k] > 0 {
                target -= weights[k]
                if target < 0 { counts[k] = 1; return }
            }
            counts[weights.lastIndex { $0 > 0 }!] = 1
            return
        }
        var left = n
        for k in weights.indices {
            if left == 0 || mass <= 0 { counts[k] = 0; continue }
            let drawn = k == weights.count - 1 ? left : binomial(left, min(weights[k] / mass, 1))
            counts[k] = drawn
            left -= drawn
            mass -= weights[k]
        }
    }

    /// A Poisson(mean) draw: multiplication of uniforms below 10, Hörmann's transformed
    /// rejection (PTRS, 1993) above.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            let limit = exp(-mean)
            var product = uniform(), k = 0
            while product > limit {
                product *= uniform()
                k += 1
            }
            return k
        }
        let logMean = log(mean), b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b, inverseAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5, v = uniform()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + mean + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -mean + k * logMean - lgamma(k + 1) { return Int(k) }
        }
    }

    /// The number of failures before `successes` successes of probability `p`: a Poisson draw
    /// whose mean is a Gamma(successes) draw scaled by (1 − p)/p, as GSL draws it.
    public mutating func negativeBinomial(successes: Int, p: Double) -> Int {
        poisson(gamma(shape: Double(successes)) * (1 - p) / p)
    }
}
