public import Foundation
public import HavenCore
import HavenStats
public import HavenStore

/// Statistics of documented persons affected over a span of years, beside the official arrival
/// figures; small cells are withheld for roles below analyst and in shared exports.
public struct Statistics: Sendable {
    public var firstYear: Int
    public var lastYear: Int
    public var affected: PersonsAffected
    public var arrivals: ArrivalStatistics

    /// The CSV of the statistics: a block per table, each row `table,act_type,column,people` (every
    /// figure counts people: documented persons affected, official arrivals).
    public func csv(suppressBelow threshold: Int) -> String {
        var lines = ["table,act_type,column,people"]
        for (name, table) in [("sex", affected.table { $0.sex.code }), ("age", affected.table { $0.age.code })] {
            for type in ActType.allCases {
                guard let row = table[type] else { continue }
                let columns = name == "sex" ? Sex.codes : AgeGroup.codes
                let cells = Suppression.row(columns.map { row[$0] ?? 0 }, threshold: threshold)
                for (column, cell) in zip(columns, cells) { lines.append("\(name),\(type.code),\(column),\(cell)") }
            }
        }
        for figure in arrivals.figures where (firstYear...lastYear).contains(figure.year) {
            lines.append("official_arrivals,,\(figure.year),\(figure.total)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Documented people arrested (or detained) and repatriated in a year.
    public func documented(_ year: Int, _ types: Set<ActType>) -> Int {
        affected.entries.filter { $0.year == year && types.contains($0.actType) }.reduce(0) { $0 + $1.count }
    }
}

public enum StatisticsReader {
    public static func statistics(firstYear: Int, lastYear: Int, store: some Repository & StatisticsKeeping, actor: ActingIdentity) async throws -> Statistics {
        // Figures only: the run is one access-log entry, not one per person counted.
        let affected = try await store.counting(report: "statistics", parameters: "from=\(firstYear) to=\(lastYear)", by: actor) { reading in
            let acts = try await reading.records(Act.self, RecordQuery(from: "\(firstYear)-01-01", to: "\(lastYear)-12-31"))
            // The victims and groups in two reads, not one per victim.
            let persons = Dictionary(try await reading.records(Person.self, RecordQuery(ids: Set(acts.compactMap(\.victimID)))).map { ($0.id, $0) },
                                     uniquingKeysWith: { first, _ in first })
            let groups = Dictionary(try await reading.records(VictimGroup.self, RecordQuery(ids: Set(acts.compactMap(\.victimGroupID)))).map { ($0.id, $0) },
                                    uniquingKeysWith: { first, _ in first })
            return PersonsAffected.count(acts: acts, persons: persons, groups: groups)
        }
        return Statistics(firstYear: firstYear, lastYear: lastYear, affected: affected, arrivals: try await store.arrivals())
    }

    /// The span of years asked, checked (1990–2100, forwards); the last ten years to `today`
    /// where a bound is not given.
    public static func years(from: Int?, to: Int?, today: Date) throws(ReportQueryError) -> (Int, Int) {
        let now = Int(Day.string(today).prefix(4))!
        for (key, value) in [("from", from), ("to", to)] {
            if let value, !(1990...2100).contains(value) { throw ReportQueryError("\(key) must be a year such as 2024", field: key) }
        }
        let first = from ?? now - 9, last = to ?? now
        guard first <= last else { throw ReportQueryError("from must not be after to", field: "from") }
        return (first, last)
    }

    /// The span of years asked as query parameters (`from`, `to` as YYYY), as the pages take them.
    public static func years(_ parameters: [String: String], today: Date) throws(ReportQueryError) -> (Int, Int) {
        func year(_ key: String) throws(ReportQueryError) -> Int? {
            guard let text = parameters[key], !text.isEmpty else { return nil }
            guard let value = Int(text), (1990...2100).contains(value) else { throw ReportQueryError("\(key) must be a year such as 2024", field: key) }
            return value
        }
        return try years(from: try year("from"), to: try year("to"), today: today)
    }
}
