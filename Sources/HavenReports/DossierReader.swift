public import Foundation
public import HavenCore
public import HavenStore

/// A dossier for diplomatic protest: the chronology of the incidents, the victims (as far as the
/// reader's role allows), the sources with their reliability and corroboration, and every request
/// made and every non-response.
public struct Dossier: Sendable {
    /// One incident as the dossier tells it.
    public struct Incident: Sendable {
        public var event: Event
        /// What was done to whom: the act type, the victim (name or group), the situation after.
        public var acts: [(type: ActType, victim: String?, group: VictimGroup?, status: VictimStatus)]
        /// Who did it or took part: name (nil when withheld), role.
        public var actors: [(name: String?, role: InvolvementRole, organisation: OrganisationKind?)]
        /// Who reported it: name (nil when withheld), kind, how they know, ratings, what they said.
        public var sources: [(id: UUID, name: String?, kind: SourceKind, connection: SourceConnection, reliability: Reliability, credibility: Credibility,
                       content: String?)]
        /// Two or more independent sources.
        public var corroborated: Bool { Set(sources.map(\.id)).count >= 2 }
        /// People struck, each once however many acts they suffered: the members of groups, and
        /// named victims not counted in one (``PeopleCount/distinct(_:groupSizes:)``).
        public var people = 0
    }

    public enum Subject: Sendable, Equatable {
        case event(UUID)
        case person(UUID)
        case party(name: String, from: FuzzyDate?, to: FuzzyDate?)
    }

    public var subject: Subject
    /// The subject's name: the incident's title, the person's name (nil when withheld), or the party.
    public var name: String?
    public var incidents: [Incident]
    public var interventions: [Intervention]
    public var seesProtected: Bool
}

public enum DossierReader {
    /// The dossier of an incident, a person or a party: one report in the access log, naming
    /// every record the dossier shows (incidents, their acts, victims, actors and sources, and
    /// the interventions), not every record read to find them.
    public static func dossier(_ subject: Dossier.Subject, repository: any Repository, actor: ActingIdentity) async throws -> Dossier {
        let parameters = switch subject {
        case .event(let id): "subject=event:\(id.wire)"
        case .person(let id): "subject=person:\(id.wire)"
        case .party(_, let from, let to): (["subject=party"] + [from.map { "from=\($0)" }, to.map { "to=\($0)" }].compactMap { $0 }).joined(separator: " ")
        }
        return try await repository.counting(report: "dossier", parameters: parameters, by: actor) { reading in
            try await dossier(subject, reading: reading, actor: actor)
        }
    }

    static func dossier(_ subject: Dossier.Subject, reading: ReportReading, actor: ActingIdentity) async throws -> Dossier {
        var events: [UUID] = []
        var interventions: [UUID: Intervention] = [:]
        var name: String?
        func interventionsAbout(_ id: UUID) async throws {
            for referrer in try await reading.referencing(id) {
                if let intervention = referrer.record as? Intervention { interventions[intervention.id] = intervention }
            }
        }
        switch subject {
        case .event(let id):
            guard let event = try await reading.record(Event.self, id) else { throw StoreError.notFound(.event, id) }
            reading.shows([RecordRef(.event, id)])
            name = actor.seesProtected ? event.title : nil
            events = [id]
        case .person(let id):
            guard let person = try await reading.record(Person.self, id) else { throw StoreError.notFound(.person, id) }
            reading.shows([RecordRef(.person, id)])
            name = actor.seesProtected ? person.names.first?.value : nil
            try await interventionsAbout(id)
            for referrer in try await reading.referencing(id) {
                switch referrer.record {
                case let act as Act: events.append(act.eventID)
                case let involvement as Involvement:
                    if let act = try await reading.record(Act.self, involvement.actID) { events.append(act.eventID) }
                default: continue
                }
            }
        case .party(let party, let from, let to):
            name = party
            let wanted = BlindTerm.normalise(party)
            for intervention in try await reading.records(Intervention.self)
            where BlindTerm.normalise(intervention.partyName) == wanted && intervention.status != .draft {
                let sent = intervention.dateSent?.earliest ?? ""
                if let from, sent < from.earliest { continue }
                if let to, sent > to.latest { continue }
                interventions[intervention.id] = intervention
                events += intervention.subjectIDs
            }
        }
        var seen = Set<UUID>()
        var incidents: [Dossier.Incident] = []
        for id in events where seen.insert(id).inserted {
            guard let incident = try await incident(id, reading: reading, actor: actor) else { continue }
            incidents.append(incident)
            if case .party = subject { continue }
            try await interventionsAbout(id)
        }
        incidents.sort { ($0.event.startDate?.earliest ?? "9999") < ($1.event.startDate?.earliest ?? "9999") }
        let requests = interventions.values.sorted { ($0.dateSent?.earliest ?? "9999") < ($1.dateSent?.earliest ?? "9999") }
        reading.shows(requests.map { RecordRef(.intervention, $0.id) })
        return Dossier(subject: subject, name: name, incidents: incidents, interventions: requests, seesProtected: actor.seesProtected)
    }

    /// An incident with its acts, victims, actors and sources, each named as shown; nil when not
    /// an incident within reach.
    static func incident(_ id: UUID, reading: ReportReading, actor: ActingIdentity) async throws -> Dossier.Incident? {
        guard let event = try await reading.record(Event.self, id) else { return nil }
        let visible = { (value: String?) in actor.seesProtected ? value : nil }
        let parts = try await reading.referencing(id).map(\.record)
        let groups = Dictionary(uniqueKeysWithValues: parts.compactMap { $0 as? VictimGroup }.map { ($0.id, $0) })
        var incident = Dossier.Incident(event: event, acts: [], actors: [], sources: [])
        var shown = [RecordRef(.event, id)]
        var actorsSeen = Set<UUID>()
        for act in parts.compactMap({ $0 as? Act }) {
            let victim = try await reading.record(Person.self, act.victimID)
            incident.acts.append((act.actType, visible(victim?.names.first?.value), act.victimGroupID.flatMap { groups[$0] }, act.victimStatus))
            shown += [RecordRef(.act, act.id)] + [victim.map { RecordRef(.person, $0.id) }, act.victimGroupID.map { RecordRef(.victimGroup, $0) }].compactMap { $0 }
            for case let involvement as Involvement in try await reading.referencing(act.id).map(\.record) {
                guard let who = involvement.personID ?? involvement.organisationID, actorsSeen.insert(who).inserted else { continue }
                if let person = try await reading.record(Person.self, involvement.personID) {
                    incident.actors.append((visible(person.names.first?.value), involvement.role, nil))
                    shown += [RecordRef(.involvement, involvement.id), RecordRef(.person, person.id)]
                } else if let organisation = try await reading.record(Organisation.self, involvement.organisationID) {
                    incident.actors.append((visible(organisation.name), involvement.role, organisation.organisationKind))
                    shown += [RecordRef(.involvement, involvement.id), RecordRef(.organisation, organisation.id)]
                }
            }
        }
        incident.people = PeopleCount.distinct(parts.compactMap { $0 as? Act }, groupSizes: groups.mapValues(\.size))
        for information in parts.compactMap({ $0 as? Information }) {
            guard let source = try await reading.record(Source.self, information.sourceID) else { continue }
            incident.sources.append((source.id, visible(source.name), source.sourceKind, information.connection, information.reliability,
                                     information.credibility, visible(information.content)))
            shown += [RecordRef(.information, information.id), RecordRef(.source, source.id)]
        }
        reading.shows(shown)
        return incident
    }
}
