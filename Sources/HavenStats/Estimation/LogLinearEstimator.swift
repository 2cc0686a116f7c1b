/// Multiple systems estimation with log-linear models, as R's Rcapture does it: every
/// hierarchical model with the lists' main effects and any set of two-way interactions is
/// fitted, the one with the lowest criterion chosen, and its estimate given with a profile
/// likelihood interval. With six or more lists there are too many models to fit them all
/// (2¹⁵ at six, 2⁴⁵ at ten), and a stepwise search from the independence model takes over.
public struct LogLinearEstimator: Sendable {
    /// How models are compared.
    public var criterion: ModelCriterion
    /// The interval's level.
    public var level: Double
    /// A model to use instead of choosing one.
    public var model: LogLinearModel?

    /// Above this many candidate models, a stepwise search replaces fitting them all.
    public static let exhaustiveLimit = 4_096

    public init(criterion: ModelCriterion = .bic, level: Double = 0.95, model: LogLinearModel? = nil) {
        self.criterion = criterion
        self.level = level
        self.model = model
    }

    /// The models considered and how they were found, best first.
    public struct Selection: Sendable {
        public let fits: [LogLinearFit]
        public let exhaustive: Bool
    }

    /// Fits the candidate models (all, or those a stepwise search visits), best first by the
    /// criterion. Models whose parameters the data do not determine are left out.
    public func select(_ histories: CaptureHistories) -> Selection {
        let lists = histories.lists.count
        let pairs = LogLinearModel.allPairs(lists: lists)
        let criterion = self.criterion
        if pairs.count <= 12 {
            // 2^pairs subsets: 8 at three lists, 64 at four, 1,024 at five (within the limit).
            let fits = Slots<LogLinearFit>.map(1 << pairs.count) { mask in
                let chosen = pairs.indices.filter { mask & (1 << $0) != 0 }.map { pairs[$0] }
                return LogLinearFit(LogLinearModel(lists: lists, interactions: chosen), to: histories)
            }.compactMap { $0 }
            return Selection(fits: fits.sorted { $0.score(criterion) < $1.score(criterion) }, exhaustive: true)
        }
        var visited: [LogLinearModel: LogLinearFit] = [:]
        func fit(_ model: LogLinearModel) -> LogLinearFit? {
            if let known = visited[model] { return known }
            let result = LogLinearFit(model, to: histories)
            if let result { visited[model] = result }
            return result
        }
        guard var current = fit(.independence(lists: lists)) else { return Selection(fits: [], exhaustive: false) }
        while true {
            let present = Set(current.model.interactions)
            let neighbours = pairs.map { pair in
                LogLinearModel(lists: lists, interactions: present.contains(pair) ? present.subtracting([pair]) : present.union([pair]))
            }
            // The neighbours not fitted yet are fitted on every core.
            let fresh = neighbours.filter { visited[$0] == nil }
            for case let fitted? in Slots<LogLinearFit>.map(fresh.count, { LogLinearFit(fresh[$0], to: histories) }) {
                visited[fitted.model] = fitted
            }
            guard let best = neighbours.compactMap(fit).min(by: { $0.score(criterion) < $1.score(criterion) }),
                  best.score(criterion) < current.score(criterion) else { break }
            current = best
        }
        return Selection(fits: visited.values.sorted { $0.score(criterion) < $1.score(criterion) }, exhaustive: false)
    }

    /// The estimate from the named model, or from the best model by the criterion.
    public func estimate(_ histories: CaptureHistories) throws(EstimationError) -> PopulationEstimate {
        let chosen: LogLinearFit
        var notes: [String] = []
        if let model {
            guard model.parameterCount <= histories.cells else {
                throw .modelTooLarge(parameters: model.parameterCount, cells: histories.cells)
            }
            guard let fit = LogLinearFit(model, to: histories) else { throw .noModelFits }
            chosen = fit
            notes.append("model named by the caller")
        } else {
            let selection = select(histories)
            guard let best = selection.fits.first else { throw .noModelFits }
            chosen = best
            notes.append(selection.exhaustive
                ? "chosen by \(criterion.rawValue.uppercased()) among all \(selection.fits.count) models that could be fitted"
                : "chosen by \(criterion.rawValue.uppercased()) in a stepwise search (\(selection.fits.count) models fitted)")
        }
        let profile = ProfileLikelihood(model: chosen.model, histories: histories)
        guard let interval = profile.interval(estimate: chosen.estimate, level: level) else { throw .noModelFits }
        if interval.upper == nil { notes.append("the likelihood does not bound the population from above") }
        if chosen.degreesOfFreedom == 0 { notes.append("the model has as many parameters as histories: it fits them exactly and cannot be checked against them") }
        return PopulationEstimate(
            method: "loglinear", lists: histories.lists, observed: histories.observed, estimate: chosen.estimate,
            lower: interval.lower, upper: interval.upper, level: level, model: chosen.model.name(lists: histories.lists), notes: notes
        )
    }
}
