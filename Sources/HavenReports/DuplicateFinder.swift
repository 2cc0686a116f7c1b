import Foundation
public import HavenCore
public import HavenLinkage
public import HavenStore

/// Person records that may describe the same person, found by HavenLinkage over the persons
/// within the reader's compartments (one report in the access log, naming the persons shown).
/// Pairs already merged, or reviewed and judged to be different people, are not suggested again.
public enum DuplicateFinder {
    /// A suggested pair with its match probability and why.
    public struct Suggestion: Sendable {
        public var first: Person
        public var second: Person
        public var probability: Double
        public var parts: [LinkResult.Part]
    }

    /// Pairs at or above `minimum` probability, most probable first, the first `limit` of them
    /// with how many there are in all (a page shows part of the list and says so). The minimum
    /// is low on purpose: these are suggestions for a person to review, and with few records the
    /// model has little to learn from (two brokers recorded under one name and nothing else score
    /// about 0.1 among eight persons).
    public static func suggestions(repository: any Repository, actor: ActingIdentity, minimum: Double = 0.05,
                                   limit: Int = 100) async throws -> (pairs: [Suggestion], total: Int) {
        // One report in the access log, naming the persons of the pairs shown, not every person linked.
        try await repository.counting(report: "duplicate-suggestions", parameters: "limit=\(limit)", by: actor) { reading in
            let found = suggestions(among: try await reading.records(Person.self), minimum: minimum, limit: limit)
            reading.shows(found.pairs.flatMap { [RecordRef(.person, $0.first.id), RecordRef(.person, $0.second.id)] })
            return found
        }
    }

    static func suggestions(among persons: [Person], minimum: Double, limit: Int) -> (pairs: [Suggestion], total: Int) {
        guard persons.count > 1 else { return ([], 0) }
        let result = Linker().link(persons.map(linkRecord))
        let main = Dictionary(uniqueKeysWithValues: persons.map { ($0.id, $0.sameAs ?? $0.id) })
        var found: [Suggestion] = []
        for k in 0..<result.pairCount where result.probabilities[k] >= minimum {
            let a = persons[Int(result.left[k])], b = persons[Int(result.right[k])]
            guard main[a.id] != main[b.id], !(a.distinctFrom ?? []).contains(b.id), !(b.distinctFrom ?? []).contains(a.id) else { continue }
            found.append(Suggestion(first: a, second: b, probability: result.probabilities[k], parts: result.explain(pair: k).parts))
        }
        return (Array(found.sorted { $0.probability > $1.probability }.prefix(limit)), found.count)
    }

    /// A person an import would add that is probably a person already kept, or another person of
    /// the same import: to decide before it is written.
    public struct ImportMatch: Sendable, Equatable {
        /// The planned person.
        public var planned: UUID
        /// The person kept, or the other planned person, most probably the same.
        public var match: UUID
        /// Whether the match is already kept (else it is planned too).
        public var matchIsKept: Bool
        public var probability: Double
    }

    /// For each planned person, the kept or planned person it is most probably the same as, at or
    /// above `threshold`: linkage over the kept and the planned persons together, so that the
    /// model learns from both (a pair of two kept persons is not reported here).
    public static func importMatches(planned: [Person], kept: [Person], threshold: Double = 0.5) -> [ImportMatch] {
        let all = kept + planned
        guard all.count > 1, !planned.isEmpty else { return [] }
        let result = Linker().link(all.map(linkRecord))
        var best: [UUID: ImportMatch] = [:]
        for k in 0..<result.pairCount where result.probabilities[k] >= threshold {
            let (i, j) = (Int(result.left[k]), Int(result.right[k]))
            for (a, b) in [(i, j), (j, i)] where a >= kept.count {
                let candidate = ImportMatch(planned: all[a].id, match: all[b].id, matchIsKept: b < kept.count, probability: result.probabilities[k])
                if candidate.probability > best[all[a].id]?.probability ?? 0 { best[all[a].id] = candidate }
            }
        }
        return best.values.sorted { $0.probability > $1.probability }
    }

    /// One pair explained, whatever its probability (for the side-by-side review): one report in
    /// the access log, naming the two persons shown, not every person the model learnt from.
    public static func explain(_ a: Person, _ b: Person, among repository: any Repository, actor: ActingIdentity) async throws -> Suggestion? {
        try await repository.counting(report: "duplicate-review", parameters: "", by: actor) { reading in
            reading.shows([RecordRef(.person, a.id), RecordRef(.person, b.id)])
            return explain(a, b, among: try await reading.records(Person.self))
        }
    }

    static func explain(_ a: Person, _ b: Person, among persons: [Person]) -> Suggestion? {
        guard let i = persons.firstIndex(where: { $0.id == a.id }), let j = persons.firstIndex(where: { $0.id == b.id }) else { return nil }
        let result = Linker().link(persons.map(linkRecord))
        let (low, high) = (Int32(min(i, j)), Int32(max(i, j)))
        guard let k = (0..<result.pairCount).first(where: { result.left[$0] == low && result.right[$0] == high }) else {
            return Suggestion(first: a, second: b, probability: 0, parts: [])
        }
        return Suggestion(first: a, second: b, probability: result.probabilities[k], parts: result.explain(pair: k).parts)
    }

    /// The birth years an age range allows (`1974/1984`), when the date it was reported in is
    /// known to the year: someone aged 40 to 49 in 2024 was born from 1974 to 1984.
    static func birthYears(_ range: AgeRange) -> String? {
        guard let year = range.asOf?.year else { return nil }
        return "\(year - range.maximum - 1)/\(year - range.minimum)"
    }

    /// What linkage compares of a person: the first Hangul name (else the first name), sex, birth
    /// date to its precision (or the years an age allows), place of origin by its Hangul name,
    /// phone and address.
    public static func linkRecord(_ person: Person) -> LinkRecord {
        let name = person.names.first { $0.script == .hangul } ?? person.names.first
        // An approximate date (~1972) compares as the date it gives; without a date, an age
        // reported on a known date compares as the birth years it allows (in their 40s in 2024:
        // born 1974/1984), as linkage reads a range of years.
        let date = person.birthDate.map { String($0.description.drop { $0 == "~" }) } ?? person.ageRange.flatMap(birthYears)
        let origin = person.originPlaceCode.map { Gazetteer.shared.place(code: $0)?.nameHangul ?? $0 }
        return LinkRecord(id: person.id.uuidString, source: person.compartment, name: name?.value,
                          sex: person.sex == .unknown ? nil : person.sex.code, birthDate: date, birthPlace: origin,
                          address: person.address, phone: person.phone)
    }
}
