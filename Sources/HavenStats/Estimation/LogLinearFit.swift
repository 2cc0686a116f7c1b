import Foundation

/// One log-linear model fitted to capture histories, with what model selection compares.
public struct LogLinearFit: Sendable {
    public let model: LogLinearModel
    /// People observed plus the fitted number on no list, n + exp(intercept).
    public let estimate: Double
    /// The estimate's standard error by the delta method (as Rcapture reports it).
    public let standardError: Double
    public let deviance: Double
    /// Histories less parameters.
    public let degreesOfFreedom: Int
    /// Akaike's criterion, −2 log L + 2p, with the Poisson likelihood's constant terms as R counts them.
    public let aic: Double
    /// Schwarz's criterion, −2 log L + p log n, n being the people observed (as Rcapture has it).
    public let bic: Double

    /// Fits `model` to `histories`; nil when a parameter is not determined by the data.
    public init?(_ model: LogLinearModel, to histories: CaptureHistories) {
        let cells = histories.cells
        guard model.lists == histories.lists.count, model.parameterCount <= cells else { return nil }
        let counts = (1...cells).map { Double(histories.counts[$0]) }
        guard let regression = PoissonRegression.fit(counts: counts, rows: (1...cells).map(model.ones(of:)),
                                                     parameters: model.parameterCount) else { return nil }
        let intercept = regression.coefficients[0]
        let missing = exp(intercept)
        let variance = regression.covariance[0][0]
        guard missing.isFinite, variance.isFinite, variance >= 0 else { return nil }
        let n = Double(histories.observed)
        let p = Double(model.parameterCount)
        self.model = model
        estimate = n + missing
        standardError = (missing + missing * missing * variance).squareRoot()
        deviance = regression.deviance
        degreesOfFreedom = cells - model.parameterCount
        aic = -2 * regression.logLikelihood + 2 * p
        bic = aic + (log(n) - 2) * p
    }

    /// The value of a criterion for this fit.
    public func score(_ criterion: ModelCriterion) -> Double {
        switch criterion {
        case .aic: aic
        case .bic: bic
        }
    }
}

/// How competing models are compared: both reward fit and charge for parameters, BIC more
/// heavily once more than about eight people are observed.
public enum ModelCriterion: String, Sendable, CaseIterable {
    case aic, bic
}
