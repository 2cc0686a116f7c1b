import Foundation
public import HavenCore
import HavenLinkage
public import HavenStore

/// Persons and organisations already recorded as actors whose names are like one typed on the
/// intake form, so that a broker's incidents gather under one record instead of a new record
/// each time the broker is named. Only actors are read — persons involved in an incident or
/// named as a rescue request's broker, and organisations — never the victims (each read is in
/// the access log), and only those in the compartment the incident goes to.
public enum ActorMatcher {
    /// A record the typed name may stand for.
    public struct Candidate: Sendable, Equatable {
        public var ref: RecordRef
        /// Its names (a person may have several), as the form shows them.
        public var names: [String]
        /// For an organisation, its kind; nil for a person.
        public var organisationKind: OrganisationKind?

        /// The value a form's choice carries: `person:<id>` or `organisation:<id>`.
        public var choice: String { "\(ref.kind.code):\(ref.id.wire)" }
    }

    /// A typed name: person names are compared as Korean names in any script (김철수 and Kim
    /// Chol-su are one name), organisation names by their letters and digits.
    public struct Wanted: Sendable {
        public var name: String
        public var organisation: Bool

        /// Creates a wanted name.
        public init(name: String, organisation: Bool) {
            self.name = name
            self.organisation = organisation
        }
    }

    /// The answer that the actor is none of the records offered.
    public static let newRecord = "new"

    /// The record an answer names (`person:<id>`, `organisation:<id>`); nil for a new record.
    public static func record(answer: String) -> RecordRef? {
        let parts = answer.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else { return nil }
        switch parts[0] {
        case RecordKind.person.code: return RecordRef(.person, id)
        case RecordKind.organisation.code: return RecordRef(.organisation, id)
        default: return nil
        }
    }

    /// The problem of a question left unanswered, or answered with a record it did not offer
    /// (one of another compartment posted by hand, say); nil when answered.
    public static func problem(_ field: String, answer: String?, offered: [Candidate]) -> FieldProblem? {
        let answer = answer ?? ""
        guard answer != newRecord, !offered.contains(where: { $0.choice == answer }) else { return nil }
        return FieldProblem(field: field, message: "choose one of the records named or a new record")
    }

    /// The candidates for each wanted name (same order; empty where none is like it).
    public static func candidates(for wanted: [Wanted], compartment: String, repository: any Repository,
                           actor: ActingIdentity) async throws -> [[Candidate]] {
        // A field left empty wants nothing, and reads nothing: a form posts its empty fields too.
        let wanted = wanted.map { Wanted(name: $0.name.trimmingCharacters(in: .whitespacesAndNewlines), organisation: $0.organisation) }
        var persons: [Candidate] = [], organisations: [Candidate] = []
        if wanted.contains(where: { !$0.organisation && !$0.name.isEmpty }) {
            var ids: [UUID] = [], seen = Set<UUID>()
            for involvement in try await TrackRecordReader.all(.involvement, repository: repository, actor: actor).compactMap({ $0 as? Involvement })
            where involvement.compartment == compartment {
                if let id = involvement.personID, seen.insert(id).inserted { ids.append(id) }
            }
            for request in try await TrackRecordReader.all(.rescueRequest, repository: repository, actor: actor).compactMap({ $0 as? RescueRequest })
            where request.compartment == compartment {
                if let id = request.brokerID, seen.insert(id).inserted { ids.append(id) }
            }
            // The actors by id, 500 to a read: each read is one audited list naming those it
            // returned (one audited read and transaction a person came, by estimate, to a second
            // or two a save at a thousand actors).
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = ids[start..<min(start + 500, ids.count)]
                let page = try await repository.list(Person.self, query: RecordQuery(compartments: [compartment], ids: Set(chunk), limit: chunk.count), by: actor)
                // In the order the actors were found, as before; a record merged into another
                // stands for it, and the main record is offered.
                let byID = Dictionary(uniqueKeysWithValues: page.items.map { ($0.record.id, $0.record) })
                for id in chunk {
                    guard let person = byID[id], person.sameAs == nil else { continue }
                    persons.append(Candidate(ref: RecordRef(.person, person.id), names: person.names.map(\.value)))
                }
            }
        }
        if wanted.contains(where: { $0.organisation && !$0.name.isEmpty }) {
            for organisation in try await TrackRecordReader.all(.organisation, repository: repository, actor: actor).compactMap({ $0 as? Organisation })
            where organisation.compartment == compartment {
                organisations.append(Candidate(ref: RecordRef(.organisation, organisation.id), names: [organisation.name] + organisation.aliases,
                                               organisationKind: organisation.organisationKind))
            }
        }
        return wanted.map { wanted in
            guard !wanted.name.isEmpty else { return [] }
            return wanted.organisation
                ? organisations.filter { $0.names.contains { organisationNamesAlike(wanted.name, $0) } }
                : persons.filter { $0.names.contains { personNamesAlike(wanted.name, $0) } }
        }
    }

    /// Two person names alike enough to ask: family and given name each the same or one slip
    /// apart, in any script and either order.
    public static func personNamesAlike(_ a: String, _ b: String) -> Bool {
        let parts = KoreanName.parts(KoreanName(a), KoreanName(b))
        return parts.family >= KoreanName.oneSlip && parts.given >= KoreanName.oneSlip
    }

    /// Two organisation names alike enough to ask: the same letters and digits, or close by
    /// Jaro–Winkler.
    public static func organisationNamesAlike(_ a: String, _ b: String) -> Bool {
        let x = FieldComparisons.folded(a), y = FieldComparisons.folded(b)
        return !x.isEmpty && (x == y || StringComparators.jaroWinkler(x, y) >= KoreanName.oneSlip)
    }
}
