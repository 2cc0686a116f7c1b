import Foundation
import HavenCore
import HavenStats
import HavenStore

/// Statistics of documented persons affected over a span of years, beside the official arrival
/// figures; small cells are withheld for roles below analyst and in shared exports.
struct Statistics: Sendable {
    var firstYear: Int
    var lastYear: Int
    var affected: PersonsAffected
    var arrivals: ArrivalStatistics

    /// The CSV of the statistics: a block per table, each row `table,act_type,column,count`.
    func csv(suppressBelow threshold: Int) -> String {
        var lines = ["table,act_type,column,count"]
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
    func documented(_ year: Int, _ types: Set<ActType>) -> Int {
        affected.entries.filter { $0.year == year && types.contains($0.actType) }.reduce(0) { $0 + $1.count }
    }
}

enum StatisticsReader {
    static func statistics(firstYear: Int, lastYear: Int, store: SQLStore, actor: ActingIdentity) async throws -> Statistics {
        var acts: [Act] = []
        var offset = 0
        while true {
            let page = try await store.search(RecordQuery(kinds: [.act], from: "\(firstYear)-01-01", to: "\(lastYear)-12-31", offset: offset, limit: 500), by: actor)
            acts += page.items.compactMap { $0.record as? Act }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total || offset >= 50_000 { break }
        }
        var persons: [UUID: Person] = [:], groups: [UUID: VictimGroup] = [:]
        for id in Set(acts.compactMap(\.victimID)) { persons[id] = try await store.find(Person.self, id, by: actor) }
        for id in Set(acts.compactMap(\.victimGroupID)) { groups[id] = try await store.find(VictimGroup.self, id, by: actor) }
        return Statistics(firstYear: firstYear, lastYear: lastYear, affected: PersonsAffected.count(acts: acts, persons: persons, groups: groups),
                          arrivals: try await store.arrivals())
    }

    /// The span of years asked (`from`, `to` as YYYY), the last ten years by default.
    static func years(_ parameters: [String: String], today: Date = Date()) throws -> (Int, Int) {
        let now = Int(Day.string(today).prefix(4))!
        func year(_ key: String, _ fallback: Int) throws -> Int {
            guard let text = parameters[key], !text.isEmpty else { return fallback }
            guard let value = Int(text), (1990...2100).contains(value) else { throw Problem.badRequest("\(key) must be a year such as 2024", field: key) }
            return value
        }
        let first = try year("from", now - 9), last = try year("to", now)
        guard first <= last else { throw Problem.badRequest("from must not be after to", field: "from") }
        return (first, last)
    }
}
