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

    /// Fits `counts` on a design of indicator covariates: `rows[i]` lists the columns that are
    /// 1 in row i (column 0, the intercept, in every row), of `parameters` columns. Log-linear
    /// designs are all indicators and mostly zeros, so the normal equations are summed over
    /// each row's ones only. Nil when the fit does not converge or the information matrix is
    /// singular: a parameter the data cannot determine, typically an interaction whose
    /// histories are all empty.
    static func fit(counts: [Double], rows: [[Int]], parameters: Int, maximumIterations: Int = 25) -> PoissonRegression? {
        guard parameters > 0, parameters <= rows.count else { return nil }
        var mu = counts.map { $0 + 0.1 }
        var eta = mu.map { log($0) }
        var deviance = Self.deviance(counts, mu)
        var coefficients = [Double](repeating: 0, count: parameters)
        var converged = false
        for _ in 0..<maximumIterations {
            // Weighted least squares of the working response z on the design, weights mu.
            var xtwx = [Double](repeating: 0, count: parameters * parameters)
            var xtwz = [Double](repeating: 0, count: parameters)
            for (row, ones) in rows.enumerated() {
                let w = mu[row]
                let wz = w * eta[row] + (counts[row] - mu[row])
                for a in ones {
                    xtwz[a] += wz
                    for b in ones where b <= a { xtwx[a * parameters + b] += w }
                }
            }
            guard let solved = Cholesky(symmetricLower: xtwx, size: parameters)?.solve(xtwz) else { return nil }
            coefficients = solved
            eta = rows.map { ones in ones.reduce(0) { $0 + coefficients[$1] } }
            mu = eta.map { exp($0) }
            guard mu.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
            let previous = deviance
            deviance = Self.deviance(counts, mu)
            if abs(deviance - previous) / (abs(deviance) + 0.1) < 1e-8 { converged = true; break }
        }
        guard converged else { return nil }
        // The information at the final means (R keeps the last round's, which agrees to the
        // convergence tolerance).
        var xtwx = [Double](repeating: 0, count: parameters * parameters)
        for (row, ones) in rows.enumerated() {
            for a in ones { for b in ones where b <= a { xtwx[a * parameters + b] += mu[row] } }
        }
        guard let covariance = Cholesky(symmetricLower: xtwx, size: parameters)?.inverse() else { return nil }
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

    /// The factor of the matrix whose lower triangle (row-major, `size` × `size`) is given;
    /// nil when it is not positive definite (to a relative tolerance), that is when some
    /// combination of parameters is not determined by the data.
    init?(symmetricLower flat: [Double], size n: Int) {
        func matrix(_ i: Int, _ j: Int) -> Double { i >= j ? flat[i * n + j] : flat[j * n + i] }
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        let scale = (0..<n).map { matrix($0, $0) }.max() ?? 0
        guard scale > 0, scale.isFinite else { return nil }
        for j in 0..<n {
            var diagonal = matrix(j, j)
            for k in 0..<j { diagonal -= l[j][k] * l[j][k] }
            guard diagonal > scale * 1e-13 else { return nil }
            let root = diagonal.squareRoot()
            l[j][j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var value = matrix(i, j)
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
