public import Foundation
public import HavenCore
public import HavenStats
public import HavenStore

/// What the people counted in an estimate may be divided by.
public enum EstimateStratum: String, Sendable, CaseIterable {
    case region, year, sex
}

/// What an estimate from the vault asks: the people an act of one type was done to, the sources
/// that documented them as the lists, divided into strata.
public struct EstimateQuery: Sendable {
    public var actType: ActType
    public var by: [EstimateStratum]
    /// The sources to use as lists, by id; nil for the sources that documented anyone in scope,
    /// the ``CaptureHistories/maximumLists`` that documented the most people when there are
    /// more (the result says how many were left out).
    public var sources: Set<UUID>?
    /// Strata with fewer people observed are refused, not estimated: a handful of people on
    /// two or three lists says almost nothing about the unrecorded.
    public var minimumObserved: Int

    public init(actType: ActType, by: [EstimateStratum] = [], sources: Set<UUID>? = nil, minimumObserved: Int = 30) {
        self.actType = actType
        self.by = by
        self.sources = sources
        self.minimumObserved = minimumObserved
    }
}

/// The capture histories of the people in each stratum, built from the vault.
public struct EstimateHistories: Sendable {
    /// One stratum: its values in the query's order, and its histories, or why it was refused.
    public struct Stratum: Sendable {
        public let values: [String]
        /// People by history over all the lists (bit i: `lists[i]`), as the export writes them.
        public let counts: [Int: Int]
        /// The histories over the lists that recorded anyone here, for the estimators.
        public let histories: CaptureHistories?
        public let observed: Int
        public let refusal: Refusal?
    }

    /// Why a stratum is not estimated.
    public enum Refusal: Sendable, Equatable, CustomStringConvertible {
        /// Fewer people than the query's minimum.
        case tooFew(observed: Int, minimum: Int)
        /// Only one list recorded anyone in the stratum.
        case oneList
        /// The histories could not be formed (they are checked as any input is).
        case unformed

        public var description: String {
            switch self {
            case .tooFew(let observed, let minimum): "\(observed) people, fewer than \(minimum): too few to estimate; stratify more coarsely"
            case .oneList: "only one list recorded anyone here"
            case .unformed: "the histories could not be formed"
            }
        }
    }

    /// The lists: each source's id and its list name, its kind and the start of its id (a
    /// source's name is protected, and list names travel into exported files).
    public let lists: [(id: UUID, name: String, kind: SourceKind)]
    public let strata: [Stratum]
    /// Acts of the type whose victims are an unnamed group: counted elsewhere, but not people
    /// who can be matched across lists.
    public let groupActs: Int
    /// People the chosen sources did not document (documented only by other sources, or by none).
    public let outsideLists: Int
    /// Sources that documented someone in scope but are not lists: beyond the ten that
    /// documented the most people, when no sources were chosen.
    public let leftOutSources: Int
}

/// Builds capture histories from the vault: for each person an act of the asked type was done to
/// (merged person records counting once), the sources that documented them — by reporting the
/// act, its incident, or the person — are their history. One access-log entry: the report
/// shows counts only.
public enum EstimateReader {
    public static func histories(_ query: EstimateQuery, repository: any Repository, actor: ActingIdentity) async throws -> EstimateHistories {
        let parameters = "act=\(query.actType.code) by=\(query.by.map(\.rawValue).joined(separator: ","))"
        return try await repository.counting(report: "estimate", parameters: parameters, by: actor) { reading in
            try await histories(query, reading: reading)
        }
    }

    /// A source's name as a list: its kind and the first eight characters of its id.
    public static func listName(_ source: Source) -> String { "\(source.sourceKind.code)-\(source.id.wire.prefix(8))" }

    /// A source that documented acts of a type, and how many people it documented.
    public struct DocumentingSource: Sendable {
        public let id: UUID
        public let kind: SourceKind
        /// Its name for a reader who sees protected values; its list name otherwise.
        public let name: String
        public let people: Int
    }

    /// Every source that documented a person an act of this type was done to, most people first.
    public static func documentingSources(actType: ActType, repository: any Repository, actor: ActingIdentity) async throws -> [DocumentingSource] {
        try await repository.counting(report: "estimate-sources", parameters: "act=\(actType.code)", by: actor) { reading in
            var people: [UUID: Int] = [:]
            for sources in try await documented(EstimateQuery(actType: actType), reading: reading).people.values {
                for source in sources { people[source, default: 0] += 1 }
            }
            let sources = people.isEmpty ? [] : try await reading.records(Source.self, RecordQuery(ids: Set(people.keys)))
            return sources.map { source in
                DocumentingSource(id: source.id, kind: source.sourceKind, name: reading.seesProtected ? source.name : listName(source),
                                  people: people[source.id] ?? 0)
            }.sorted { ($0.people, $1.id.uuidString) > ($1.people, $0.id.uuidString) }
        }
    }

    /// A person in a stratum.
    struct PersonInStratum: Hashable {
        let stratum: [String]
        let person: UUID
    }

    /// The sources that documented each person (in each stratum) an act of the type was done to,
    /// and how many acts were done to unnamed groups.
    static func documented(_ query: EstimateQuery, reading: ReportReading) async throws -> (people: [PersonInStratum: Set<UUID>], groupActs: Int) {
        let acts = try await reading.records(Act.self, RecordQuery(typeCode: query.actType.code)).filter { $0.actType == query.actType }
        let named = acts.filter { $0.victimID != nil }
        var persons = Dictionary(try await reading.records(Person.self, RecordQuery(ids: Set(named.compactMap(\.victimID)))).map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        // The main records the victims were merged into, where they are not victims themselves:
        // a person's sex is read from the main record, so that one person is in one stratum.
        let mains = Set(persons.values.compactMap(\.sameAs)).subtracting(persons.keys)
        if !mains.isEmpty {
            for person in try await reading.records(Person.self, RecordQuery(ids: mains)) { persons[person.id] = person }
        }
        let events = Dictionary(try await reading.records(Event.self, RecordQuery(ids: Set(named.map(\.eventID)))).map { ($0.id, $0) },
                                uniquingKeysWith: { first, _ in first })
        // Who documented what: every account, by the record it is about.
        var sourcesOf: [UUID: Set<UUID>] = [:]
        for information in try await reading.records(Information.self) {
            sourcesOf[information.subjectID, default: []].insert(information.sourceID)
        }
        // A person and every record merged into them are one person.
        var mergedInto: [UUID: Set<UUID>] = [:]
        for person in persons.values { mergedInto[person.sameAs ?? person.id, default: []].insert(person.id) }
        // A record merged into one of these people that is itself a victim of nothing still
        // carries what its sources said: the subjects of accounts not read yet are read, and
        // those merged into one of these people join them.
        let unread = Set(sourcesOf.keys).subtracting(persons.keys).subtracting(acts.map(\.id)).subtracting(events.keys)
        if !unread.isEmpty {
            for person in try await reading.records(Person.self, RecordQuery(ids: unread)) {
                guard let main = person.sameAs, mergedInto[main] != nil else { continue }
                mergedInto[main]?.insert(person.id)
            }
        }

        var documented: [PersonInStratum: Set<UUID>] = [:]
        for act in named {
            guard let victim = act.victimID, let person = persons[victim] else { continue }
            let main = person.sameAs ?? person.id
            let event = events[act.eventID]
            var sources = sourcesOf[act.id, default: []].union(sourcesOf[act.eventID, default: []])
            for id in mergedInto[main, default: [main]].union([main, victim]) { sources.formUnion(sourcesOf[id, default: []]) }
            let place = act.placeCode ?? event?.placeCode
            let date = act.date ?? event?.startDate
            let stratum = query.by.map { part -> String in
                switch part {
                case .region: place.map { Gazetteer.shared.region(of: $0) } ?? "unknown"
                case .year: date.map { String($0.year) } ?? "unknown"
                case .sex: (persons[main] ?? person).sex.code
                }
            }
            documented[PersonInStratum(stratum: stratum, person: main), default: []].formUnion(sources)
        }
        return (documented, acts.count - named.count)
    }

    static func histories(_ query: EstimateQuery, reading: ReportReading) async throws -> EstimateHistories {
        let (documented, groupActs) = try await documented(query, reading: reading)
        var peopleBySource: [UUID: Int] = [:]
        for sources in documented.values { for source in sources { peopleBySource[source, default: 0] += 1 } }
        let byPeople = peopleBySource.sorted { ($0.value, $1.key.uuidString) > ($1.value, $0.key.uuidString) }.map(\.key)
        let chosen = query.sources ?? Set(byPeople.prefix(CaptureHistories.maximumLists))
        let leftOut = query.sources == nil ? max(0, byPeople.count - CaptureHistories.maximumLists) : 0
        let sourceRecords = chosen.isEmpty ? [] : try await reading.records(Source.self, RecordQuery(ids: chosen))
        guard (query.sources == nil || sourceRecords.count == chosen.count) else {
            throw ReportQueryError("a source named as a list is not in the vault or not within your reach", field: "source")
        }
        guard sourceRecords.count >= 2 else {
            throw ReportQueryError("an estimate needs at least two sources that documented these acts; \(sourceRecords.count) did", field: "source")
        }
        guard sourceRecords.count <= CaptureHistories.maximumLists else {
            throw ReportQueryError("\(sourceRecords.count) sources were named; an estimate takes 2 to \(CaptureHistories.maximumLists) lists", field: "source")
        }
        let lists = sourceRecords.sorted { $0.id.uuidString < $1.id.uuidString }
        let bit = Dictionary(uniqueKeysWithValues: lists.enumerated().map { ($0.element.id, $0.offset) })
        var counts: [[String]: [Int: Int]] = [:]
        var outside = 0
        for (key, sources) in documented {
            let history = sources.reduce(0) { history, source in bit[source].map { history | 1 << $0 } ?? history }
            if history == 0 { outside += 1; continue }
            counts[key.stratum, default: [:]][history, default: 0] += 1
        }
        let names = lists.map(listName)
        let strata = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { values -> EstimateHistories.Stratum in
            let byHistory = counts[values]!
            let observed = byHistory.values.reduce(0, +)
            guard observed >= query.minimumObserved else {
                return .init(values: values, counts: byHistory, histories: nil, observed: observed,
                             refusal: .tooFew(observed: observed, minimum: query.minimumObserved))
            }
            // A list that recorded nobody here says nothing about this stratum: left out of it.
            let present = (0..<lists.count).filter { list in byHistory.keys.contains { $0 & (1 << list) != 0 } }
            guard present.count >= 2 else {
                return .init(values: values, counts: byHistory, histories: nil, observed: observed, refusal: .oneList)
            }
            var compact: [Int: Int] = [:]
            for (history, count) in byHistory {
                let remapped = present.enumerated().reduce(0) { $0 | (history & (1 << $1.element) != 0 ? 1 << $1.offset : 0) }
                compact[remapped, default: 0] += count
            }
            let histories = try? CaptureHistories(lists: present.map { names[$0] }, counts: compact)
            return .init(values: values, counts: byHistory, histories: histories, observed: observed,
                         refusal: histories == nil ? .unformed : nil)
        }
        return EstimateHistories(lists: zip(lists, names).map { ($0.id, $1, $0.sourceKind) }, strata: strata,
                                 groupActs: groupActs, outsideLists: outside, leftOutSources: leftOut)
    }
}
