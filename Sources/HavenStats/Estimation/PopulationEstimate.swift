/// An estimate of how many people there were, recorded or not, from capture histories.
public struct PopulationEstimate: Sendable, Equatable, Codable {
    /// The method, as `--method` names it: `loglinear`, `dga` or `lcmcr`.
    public var method: String
    /// The lists, in column order.
    public var lists: [String]
    /// People on at least one list.
    public var observed: Int
    /// The point estimate of the whole population (observed and not).
    public var estimate: Double
    /// The interval's lower end (never below `observed`).
    public var lower: Double
    /// The interval's upper end; nil when the data cannot bound the population from above.
    public var upper: Double?
    /// The interval's level, such as 0.95.
    public var level: Double
    /// The model behind the estimate (for log-linear models its interactions, such as "A*B,B*C").
    public var model: String?
    /// What the reader should know: how the model was chosen, convergence, warnings.
    public var notes: [String]

    public init(method: String, lists: [String], observed: Int, estimate: Double, lower: Double, upper: Double?,
                level: Double, model: String? = nil, notes: [String] = []) {
        self.method = method
        self.lists = lists
        self.observed = observed
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.level = level
        self.model = model
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case method, lists, observed, estimate, lower, upper, level, model, notes
    }

    /// Every key is written, `upper` as null when there is none, so that a reader finds the
    /// same fields in every estimate.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(lists, forKey: .lists)
        try container.encode(observed, forKey: .observed)
        try container.encode(estimate, forKey: .estimate)
        try container.encode(lower, forKey: .lower)
        try container.encode(upper, forKey: .upper)
        try container.encode(level, forKey: .level)
        try container.encode(model, forKey: .model)
        try container.encode(notes, forKey: .notes)
    }
}
