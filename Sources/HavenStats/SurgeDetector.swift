import Foundation

/// Finds region-months whose count is significantly above that region's own trailing baseline.
///
/// The test, for each month of each region: the baseline is the mean count of the region's
/// previous `baselineMonths` months (months without a record count as zero; at least
/// `minimumBaseline`, so that a region with no history is not flagged for its first few cases);
/// the month is a surge when its count is at least `minimumCount` and the Poisson probability of a
/// count at least that high under the baseline mean is below `alpha`.
///
/// Only documented history is a baseline: a region is tested from `baselineMonths` after the
/// month it was first documented. Before that there is not enough history to tell a surge from
/// the start of the documentation (an organisation that imports its records would otherwise see
/// a surge wherever they begin).
public struct SurgeDetector: Sendable, Equatable, Codable {
    public var baselineMonths: Int = 6
    public var minimumBaseline: Double = 0.5
    public var minimumCount: Int = 5
    public var alpha: Double = 0.01

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        baselineMonths = try c.decodeIfPresent(Int.self, forKey: .baselineMonths) ?? baselineMonths
        minimumBaseline = try c.decodeIfPresent(Double.self, forKey: .minimumBaseline) ?? minimumBaseline
        minimumCount = try c.decodeIfPresent(Int.self, forKey: .minimumCount) ?? minimumCount
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? alpha
    }

    /// One surge: where, when, how many against what baseline, and how unlikely.
    public struct Surge: Sendable, Equatable, Codable {
        public var region: String
        public var month: Month
        public var count: Int
        public var baseline: Double
        public var probability: Double
    }

    /// The first month of a region that can be tested: a full baseline window after the later
    /// of `first` (where the counts begin) and the month the region was first documented
    /// (`documentedSince`; its first month with a count in `counts` when not given); nil for a
    /// region never documented.
    public func firstTestableMonth(of region: String, _ counts: [String: [Month: Int]], from first: Month,
                                   documentedSince: [String: Month] = [:]) -> Month? {
        guard let since = documentedSince[region] ?? counts[region]?.filter({ $0.value > 0 }).keys.min() else { return nil }
        return max(first, since).adding(baselineMonths)
    }

    /// The surges in counts by region and month. A region's months are tested from
    /// ``firstTestableMonth(of:_:from:documentedSince:)`` on.
    public func surges(_ counts: [String: [Month: Int]], from first: Month, through last: Month,
                       documentedSince: [String: Month] = [:]) -> [Surge] {
        var found: [Surge] = []
        for (region, byMonth) in counts {
            guard var month = firstTestableMonth(of: region, counts, from: first, documentedSince: documentedSince) else { continue }
            while month <= last {
                let count = byMonth[month] ?? 0
                if count >= minimumCount {
                    let history = (1...baselineMonths).map { byMonth[month.adding(-$0)] ?? 0 }
                    let baseline = max(Double(history.reduce(0, +)) / Double(baselineMonths), minimumBaseline)
                    let probability = Poisson.upperTail(atLeast: count, mean: baseline)
                    if probability < alpha {
                        found.append(Surge(region: region, month: month, count: count, baseline: baseline, probability: probability))
                    }
                }
                month = month.adding(1)
            }
        }
        return found.sorted { ($0.month, $0.region) < ($1.month, $1.region) }
    }
}

/// A calendar month.
public struct Month: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// From `YYYY-MM` or a longer date.
    public init?(_ text: some StringProtocol) {
        let parts = text.prefix(7).split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        self.init(year: year, month: month)
    }

    public func adding(_ months: Int) -> Month {
        let index = year * 12 + (month - 1) + months
        return Month(year: index / 12, month: index % 12 + 1)
    }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public var description: String { String(format: "%04d-%02d", year, month) }

    /// Every month from `first` through `last`.
    public static func range(_ first: Month, _ last: Month) -> [Month] {
        var months: [Month] = []
        var month = first
        while month <= last { months.append(month); month = month.adding(1) }
        return months
    }
}
