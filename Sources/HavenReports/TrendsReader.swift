public import Foundation
public import HavenCore
public import HavenStats
public import HavenStore

/// What a trends view asks: an act type (or all), a region (or all), and a period of months.
public struct TrendsQuery: Sendable, Equatable {
    public var actType: ActType?
    public var region: String?
    public var first: Month
    public var last: Month
    /// Whether the period was left to Haven (neither `from` nor `to` given): then, when nothing
    /// was documented in the last 24 months, the view moves to the 24 months that end with the
    /// latest documented act, so that it opens on a range with data.
    public var openEnded = false

    /// A query, checked: a region from the gazetteer, a period that runs forwards over at most
    /// 120 months; the last 24 months to `today` where the period is not given.
    public init(actType: ActType? = nil, region: String? = nil, first: Month? = nil, last: Month? = nil,
                today: Date) throws(ReportQueryError) {
        let now = Month(Day.string(today))!
        self.actType = actType
        self.region = region
        self.last = last ?? now
        self.first = first ?? (last ?? now).adding(-23)
        if let region, Gazetteer.shared.place(code: region) == nil {
            throw ReportQueryError("region must be a gazetteer code such as CN-JL", field: "region")
        }
        guard self.first <= self.last, Month.range(self.first, self.last).count <= 120 else {
            throw ReportQueryError("the period must run forwards and span at most 120 months", field: "from")
        }
    }

    /// From query parameters (`type`, `region`, `from`, `to` as YYYY-MM), as the pages take them.
    public static func read(_ parameters: [String: String], today: Date) throws(ReportQueryError) -> TrendsQuery {
        var actType: ActType?
        if let type = parameters["type"], !type.isEmpty {
            guard let known = ActType(rawValue: type) else { throw ReportQueryError("unknown act type '\(type.prefix(40))'", field: "type") }
            actType = known
        }
        func month(_ key: String) throws(ReportQueryError) -> Month? {
            guard let text = parameters[key], !text.isEmpty else { return nil }
            guard let month = Month(text), text.count == 7 else { throw ReportQueryError("\(key) must be a month such as 2025-03", field: key) }
            return month
        }
        let region = parameters["region"].flatMap { $0.isEmpty ? nil : $0 }
        let (first, last) = (try month("from"), try month("to"))
        var query = try TrendsQuery(actType: actType, region: region, first: first, last: last, today: today)
        query.openEnded = first == nil && last == nil
        return query
    }

    /// The query string of this view, for links (coded values only).
    public var parameters: String {
        [("type", actType?.code), ("region", region), ("from", first.description), ("to", last.description)]
            .compactMap { key, value in value.map { "\(key)=\($0)" } }.joined(separator: "&")
    }
}

/// Counts of acts by month, region, type and perpetrator within the reader's compartments, and
/// the surges among them.
public struct Trends: Sendable {
    public var query: TrendsQuery
    public var months: [Month]
    /// Acts of the selected type (and region) per month.
    public var byMonth: [Month: Int]
    /// Per region, per month, from the start of the baseline window.
    public var byRegion: [String: [Month: Int]]
    /// Per act type over the period (the region filter applied).
    public var byType: [ActType: Int]
    /// Per perpetrator organisation kind over the period; individuals as nil.
    public var byPerpetrator: [OrganisationKind?: Int]
    public var surges: [SurgeDetector.Surge]
    /// The incidents behind each region-month, for the surges' links.
    public var events: [String: [Month: Set<UUID>]]
    /// Regions documented too recently to be tested for surges over the whole period: the
    /// first month each can be tested (before it there is not enough history).
    public var notEnoughHistory: [String: Month] = [:]
}

public enum TrendsReader {
    /// The trends within the actor's reach: a report of figures, audited once.
    public static func trends(_ query: TrendsQuery, detector: SurgeDetector, repository: any Repository, actor: ActingIdentity) async throws -> Trends {
        // The entry's fields are separated by spaces, not a query string's ampersands.
        let parameters = query.parameters.replacingOccurrences(of: "&", with: " ")
        return try await repository.counting(report: "trends", parameters: parameters, by: actor) { reading in
            try await trends(query, detector: detector, reading: reading)
        }
    }

    static func trends(_ query: TrendsQuery, detector: SurgeDetector, reading: ReportReading) async throws -> Trends {
        let trends = try await trends(in: query, detector: detector, reading: reading)
        guard query.openEnded, trends.byMonth.values.allSatisfy({ $0 == 0 }) else { return trends }
        // Nothing in the default window: the 24 months up to the latest documented act, if any.
        let latest = try await reading.records(Act.self, RecordQuery(to: query.first.description + "-01"))
            .compactMap { act in act.date.flatMap { $0.month == nil ? nil : Month($0.earliest) } }.max()
        guard let latest else { return trends }
        var moved = query
        moved.last = latest
        moved.first = latest.adding(-23)
        return try await self.trends(in: moved, detector: detector, reading: reading)
    }

    static func trends(in query: TrendsQuery, detector: SurgeDetector, reading: ReportReading) async throws -> Trends {
        let start = query.first.adding(-detector.baselineMonths)
        let lastDay = Day.offset(query.last.adding(1).description + "-01", days: -1)
        let acts = try await reading.records(Act.self, RecordQuery(from: start.description + "-01", to: lastDay))
        var trends = Trends(query: query, months: Month.range(query.first, query.last), byMonth: [:], byRegion: [:], byType: [:],
                            byPerpetrator: [:], surges: [], events: [:])
        var inPeriod: [Act] = []
        // The first month each region has any act in (of any type): where its documentation begins.
        var firstDocumented: [String: Month] = [:]
        for act in acts {
            // A date known to the year only cannot be placed in a month.
            guard let date = act.date, date.month != nil, let month = Month(date.earliest) else { continue }
            let region = act.placeCode.map { Gazetteer.shared.region(of: $0) } ?? "—"
            firstDocumented[region] = min(firstDocumented[region] ?? month, month)
            let inRegion = query.region.map { region == $0 || act.placeCode == $0 } ?? true
            if month >= query.first, inRegion {
                trends.byType[act.actType, default: 0] += 1
            }
            guard query.actType.map({ $0 == act.actType }) ?? true else { continue }
            trends.byRegion[region, default: [:]][month, default: 0] += 1
            trends.events[region, default: [:]][month, default: []].insert(act.eventID)
            if month >= query.first, inRegion {
                trends.byMonth[month, default: 0] += 1
                inPeriod.append(act)
            }
        }
        // A region whose first act in the window comes after its start may have been documented
        // before the window: one count says.
        let dayBefore = Day.offset(start.description + "-01", days: -1)
        if firstDocumented.contains(where: { $0.value > start && $0.key != "—" }) {
            // One read of the acts before the window, not one count per region.
            let documentedBefore = Set(try await reading.records(Act.self, RecordQuery(to: dayBefore))
                .compactMap { $0.placeCode.map { Gazetteer.shared.region(of: $0) } })
            for (region, first) in firstDocumented where first > start && documentedBefore.contains(region) {
                firstDocumented[region] = start
            }
        }
        trends.surges = detector.surges(trends.byRegion, from: start, through: query.last, documentedSince: firstDocumented).filter { surge in
            surge.month >= query.first && (query.region.map { $0 == surge.region } ?? true)
        }
        for region in trends.byRegion.keys where query.region.map({ $0 == region }) ?? true {
            if let testable = detector.firstTestableMonth(of: region, trends.byRegion, from: start, documentedSince: firstDocumented),
               testable > query.first {
                trends.notEnoughHistory[region] = testable
            }
        }
        // Perpetrators: one search for every perpetrator involvement, then each organisation once.
        let wanted = Set(inPeriod.map(\.id))
        var kinds: [UUID: OrganisationKind?] = [:]
        for involvement in try await reading.records(Involvement.self, RecordQuery(typeCode: InvolvementRole.perpetrator.code))
            where wanted.contains(involvement.actID) {
            var kind: OrganisationKind? = nil
            if let organisation = involvement.organisationID {
                if kinds[organisation] == nil {
                    kinds[organisation] = try await reading.record(Organisation.self, organisation)?.organisationKind
                }
                kind = kinds[organisation] ?? nil
            }
            trends.byPerpetrator[kind, default: 0] += 1
        }
        return trends
    }

    /// The rows of the trends' CSV: month, region, act type, and the number of acts (the unit in
    /// the header, as on the page).
    public static func csv(_ trends: Trends, suppressBelow threshold: Int) -> String {
        var lines = ["month,region,act_type,acts"]
        let type = trends.query.actType?.code ?? "all"
        for region in trends.byRegion.keys.sorted() where trends.query.region.map({ $0 == region }) ?? true {
            for month in trends.months {
                let count = trends.byRegion[region]?[month] ?? 0
                lines.append("\(month),\(CSVField.escape(region)),\(type),\(Suppression.cell(count, threshold: threshold))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
