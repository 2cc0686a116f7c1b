import Foundation

/// A Poisson log-linear regression fitted by iteratively reweighted least squares, as R's
/// `glm(family = poisson)` fits it (same start, same convergence test, at most 25 rounds), so
/// that estimates can be checked against R's packages to many digits.
struct PoissonRegression {
    /// The fitted coefficients, the first being the intercept.
    let coefficients: [Double]
    /// The coefficients' covariance (the inverse Fisher information).
    let covariance: [[Double]]
    /// The fitted means, one per row.
    let fitted: [Double]
    /// The residual deviance.
    let deviance: Double
    /// The log-likelihood, with its constant terms (as R's `logLik` and `AIC` count it).
    let logLikelihood: Double

    /// Fits `counts` on `design` (rows of covariates, the first column all ones). Nil when the
    /// fit does not converge or the information matrix is singular: a parameter the data
    /// cannot determine, typically an interaction whose histories are all empty.
    static func fit(counts: [Double], design: [[Double]], maximumIterations: Int = 25) -> PoissonRegression? {
        let parameters = design.first?.count ?? 0
        guard parameters > 0, parameters <= design.count else { return nil }
        var mu = counts.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var deviance = Self.deviance(counts, mu)
        var coefficients = [Double](repeating: 0, count: parameters)
        var converged = false
        for _ in 0..<maximumIterations {
            // Weighted least squares of the working response z on the design, weights mu.
            var xtwx = [[Double]](repeating: [Double](repeating: 0, count: parameters), count: parameters)
            var xtwz = [Double](repeating: 0, count: parameters)
            for (row, x) in design.enumerated() {
                let w = mu[row]
                let z = eta[row] + (counts[row] - mu[row]) / mu[row]
                for a in 0..<parameters where x[a] != 0 {
                    xtwz[a] += x[a] * w * z
                    for b in 0...a where x[b] != 0 { xtwx[a][b] += x[a] * w * x[b] }
                }
            }
            for a in 0..<parameters { for b in 0..<a { xtwx[b][a] = xtwx[a][b] } }
            guard let solved = Cholesky(xtwx)?.solve(xtwz) else { return nil }
            coefficients = solved
            eta = design.map { x in zip(x, coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
            mu = eta.map { exp($0) }
            guard mu.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
            let previous = deviance
            deviance = Self.deviance(counts, mu)
            if abs(deviance - previous) / (abs(deviance) + 0.1) < 1e-8 { converged = true; break }
        }
        guard converged else { return nil }
        // The information at the final means (R keeps the last round's, which agrees to the
        // convergence tolerance).
        var xtwx = [[Double]](repeating: [Double](repeating: 0, count: parameters), count: parameters)
        for (row, x) in design.enumerated() {
            for a in 0..<parameters where x[a] != 0 { for b in 0..<parameters where x[b] != 0 { xtwx[a][b] += x[a] * mu[row] * x[b] } }
        }
        guard let covariance = Cholesky(xtwx)?.inverse() else { return nil }
        let logLikelihood = zip(counts, mu).reduce(0.0) { sum, pair in
            sum + (pair.0 > 0 ? pair.0 * log(pair.1) : 0) - pair.1 - lgamma(pair.0 + 1)
        }
        return PoissonRegression(coefficients: coefficients, covariance: covariance, fitted: mu,
                                 deviance: deviance, logLikelihood: logLikelihood)
    }

    /// The Poisson deviance, 2 Σ [y log(y/μ) − (y − μ)], with 0 log 0 = 0.
    static func deviance(_ counts: [Double], _ mu: [Double]) -> Double {
        2 * zip(counts, mu).reduce(0.0) { sum, pair in
            sum + (pair.0 > 0 ? pair.0 * log(pair.0 / pair.1) : 0) - (pair.0 - pair.1)
        }
    }
}

/// The Cholesky factor of a symmetric positive-definite matrix, for the normal equations of
/// a regression with a few dozen parameters at most.
struct Cholesky {
    private let lower: [[Double]]

    /// Nil when the matrix is not positive definite (to a relative tolerance), that is when
    /// some combination of parameters is not determined by the data.
    init?(_ matrix: [[Double]]) {
        let n = matrix.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let scale = (0..<n).map { matrix[$0][$0] }.max() ?? 0
        guard scale > 0, scale.isFinite else { return nil }
        for j in 0..<n {
            var diagonal = matrix[j][j]
            for k in 0..<j { diagonal -= l[j][k] * l[j][k] }
            guard diagonal > scale * 1e-13 else { return nil }
            let root = diagonal.squareRoot()
            l[j][j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var value = matrix[i][j]
                for k in 0..<j { value -= l[i][k] * l[j][k] }
                l[i][j] = value / root
            }
        }
        lower = l
    }

    /// x with A x = b.
    func solve(_ b: [Double]) -> [Double] {
        let n = lower.count
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= lower[i][k] * y[k] }
            y[i] /= lower[i][i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(n, i + 1) { y[i] -= lower[k][i] * y[k] }
            y[i] /= lower[i][i]
        }
        return y
    }

    /// A⁻¹, column by column.
    func inverse() -> [[Double]] {
        let n = lower.count
        var columns: [[Double]] = []
        for j in 0..<n {
            var unit = [Double](repeating: 0, count: n)
            unit[j] = 1
            columns.append(solve(unit))
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}
