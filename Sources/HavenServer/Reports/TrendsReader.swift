import Foundation
import HavenCore
import HavenStats
import HavenStore

/// What a trends view asks: an act type (or all), a region (or all), and a period of months.
struct TrendsQuery: Sendable, Equatable {
    var actType: ActType?
    var region: String?
    var first: Month
    var last: Month

    /// From query parameters (`type`, `region`, `from`, `to` as YYYY-MM); the last 24 months by default.
    static func read(_ parameters: [String: String], today: Date = Date()) throws -> TrendsQuery {
        let now = Month(Day.string(today))!
        var query = TrendsQuery(actType: nil, region: nil, first: now.adding(-23), last: now)
        if let type = parameters["type"], !type.isEmpty {
            guard let actType = ActType(rawValue: type) else { throw Problem.badRequest("unknown act type '\(type.prefix(40))'", field: "type") }
            query.actType = actType
        }
        if let region = parameters["region"], !region.isEmpty {
            guard Gazetteer.shared.place(code: region) != nil else { throw Problem.badRequest("region must be a gazetteer code such as CN-JL", field: "region") }
            query.region = region
        }
        for (key, keyPath) in [("from", \TrendsQuery.first), ("to", \TrendsQuery.last)] {
            guard let text = parameters[key], !text.isEmpty else { continue }
            guard let month = Month(text), text.count == 7 else { throw Problem.badRequest("\(key) must be a month such as 2025-03", field: key) }
            query[keyPath: keyPath] = month
        }
        guard query.first <= query.last, Month.range(query.first, query.last).count <= 120 else {
            throw Problem.badRequest("the period must run forwards and span at most 120 months", field: "from")
        }
        return query
    }

    /// The query string of this view, for links (coded values only).
    var parameters: String {
        [("type", actType?.code), ("region", region), ("from", first.description), ("to", last.description)]
            .compactMap { key, value in value.map { "\(key)=\($0)" } }.joined(separator: "&")
    }
}

/// Counts of acts by month, region, type and perpetrator within the reader's compartments, and
/// the surges among them.
struct Trends: Sendable {
    var query: TrendsQuery
    var months: [Month]
    /// Acts of the selected type (and region) per month.
    var byMonth: [Month: Int]
    /// Per region, per month, from the start of the baseline window.
    var byRegion: [String: [Month: Int]]
    /// Per act type over the period (the region filter applied).
    var byType: [ActType: Int]
    /// Per perpetrator organisation kind over the period; individuals as nil.
    var byPerpetrator: [OrganisationKind?: Int]
    var surges: [SurgeDetector.Surge]
    /// The incidents behind each region-month, for the surges' links.
    var events: [String: [Month: Set<UUID>]]
}

enum TrendsReader {
    static func trends(_ query: TrendsQuery, detector: SurgeDetector, repository: any Repository, actor: ActingIdentity) async throws -> Trends {
        let start = query.first.adding(-detector.baselineMonths)
        let lastDay = Day.offset(query.last.adding(1).description + "-01", days: -1)
        var acts: [Act] = []
        var offset = 0
        while true {
            let page = try await repository.search(RecordQuery(kinds: [.act], from: start.description + "-01", to: lastDay, offset: offset, limit: 500), by: actor)
            acts += page.items.compactMap { $0.record as? Act }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total || offset >= 50_000 { break }
        }
        var trends = Trends(query: query, months: Month.range(query.first, query.last), byMonth: [:], byRegion: [:], byType: [:],
                            byPerpetrator: [:], surges: [], events: [:])
        var inPeriod: [Act] = []
        for act in acts {
            // A date known to the year only cannot be placed in a month.
            guard let date = act.date, date.month != nil, let month = Month(date.earliest) else { continue }
            let region = act.placeCode.map { Gazetteer.shared.region(of: $0) } ?? "—"
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
        trends.surges = detector.surges(trends.byRegion, from: start, through: query.last).filter { surge in
            surge.month >= query.first && (query.region.map { $0 == surge.region } ?? true)
        }
        // Perpetrators: one search for every perpetrator involvement, then each organisation once.
        let wanted = Set(inPeriod.map(\.id))
        var kinds: [UUID: OrganisationKind?] = [:]
        for involvement in try await TrackRecordReader.all(.involvement, type: InvolvementRole.perpetrator.code, repository: repository, actor: actor)
            .compactMap({ $0 as? Involvement }) where wanted.contains(involvement.actID) {
            var kind: OrganisationKind? = nil
            if let organisation = involvement.organisationID {
                if kinds[organisation] == nil {
                    kinds[organisation] = try await repository.find(Organisation.self, organisation, by: actor)?.organisationKind
                }
                kind = kinds[organisation] ?? nil
            }
            trends.byPerpetrator[kind, default: 0] += 1
        }
        return trends
    }

    /// The rows of the trends' CSV: month, region, act type, count.
    static func csv(_ trends: Trends, suppressBelow threshold: Int) -> String {
        var lines = ["month,region,act_type,count"]
        let type = trends.query.actType?.code ?? "all"
        for region in trends.byRegion.keys.sorted() where trends.query.region.map({ $0 == region }) ?? true {
            for month in trends.months {
                let count = trends.byRegion[region]?[month] ?? 0
                lines.append("\(month),\(region),\(type),\(Suppression.cell(count, threshold: threshold))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
