import Foundation
public import HavenCore
public import HavenStore

/// Gathers brokers' and facilitating organisations' records for ``TrackRecord``, within the
/// reader's compartments, inside a report's ``ReportReading``: the report is audited once, and
/// names the records it shows.
public enum TrackRecordReader {
    /// What every track record is measured against: the usual group size and the fees quoted.
    public struct Baseline: Sendable {
        public var groupNorm: Double?
        public var fees: [Money]
    }

    /// The brokers and facilitating organisations within reach: those named in rescue requests,
    /// those involved in incidents as facilitators, and broker networks.
    public static func subjects(reading: ReportReading) async throws -> [RecordRef] {
        var found: [RecordRef] = []
        var seen = Set<UUID>()
        func add(_ ref: RecordRef?) { if let ref, seen.insert(ref.id).inserted { found.append(ref) } }
        for request in try await reading.records(RescueRequest.self) {
            add(request.brokerID.map { RecordRef(.person, $0) })
            add(request.facilitatingOrganisationID.map { RecordRef(.organisation, $0) })
        }
        for role in [InvolvementRole.facilitator, .coercedFacilitator] {
            for involvement in try await reading.records(Involvement.self, RecordQuery(typeCode: role.code)) {
                add(involvement.personID.map { RecordRef(.person, $0) })
                add(involvement.organisationID.map { RecordRef(.organisation, $0) })
            }
        }
        for organisation in try await reading.records(Organisation.self, RecordQuery(typeCode: OrganisationKind.brokerNetwork.code)) {
            add(RecordRef(.organisation, organisation.id))
        }
        // A broker recorded twice and merged is one subject: its main record.
        var subjects: [RecordRef] = []
        var listed = Set<UUID>()
        for ref in found {
            let main = ref.kind == .person ? RecordRef(.person, try await MergedRecords.main(of: ref.id, reading: reading)) : ref
            if listed.insert(main.id).inserted { subjects.append(main) }
        }
        return subjects
    }

    public static func baseline(reading: ReportReading) async throws -> Baseline {
        let requests = try await reading.records(RescueRequest.self)
        let sizes = requests.compactMap(\.groupSize).map(Double.init)
        return Baseline(groupNorm: sizes.count >= 5 ? Median.of(sizes) : nil, fees: requests.compactMap(\.fee))
    }

    /// What a subject's track record is assessed from; the page that shows it names the subject,
    /// its requests and its incidents with ``ReportReading/shows(_:)``.
    public static func evidence(for subject: RecordRef, baseline: Baseline, reading: ReportReading) async throws -> TrackRecordEvidence {
        var evidence = TrackRecordEvidence(subject: subject, groupNorm: baseline.groupNorm, allFees: baseline.fees)
        var roles: [UUID: Set<InvolvementRole>] = [:]
        var order: [UUID] = []
        // A person's records merged into it count as its own.
        let (ids, referrers) = subject.kind == .person
            ? try await MergedRecords.referrers(of: subject.id, reading: reading)
            : ([subject.id], try await reading.referencing(subject.id))
        for referrer in referrers {
            switch referrer.record {
            case let request as RescueRequest where request.brokerID.map(ids.contains) == true
                || request.facilitatingOrganisationID.map(ids.contains) == true:
                evidence.requests.append(request)
            case let involvement as Involvement:
                guard let act = try await reading.record(Act.self, involvement.actID) else { continue }
                if roles[act.eventID] == nil { order.append(act.eventID) }
                roles[act.eventID, default: []].insert(involvement.role)
            default:
                continue
            }
        }
        for eventID in order {
            guard let event = try await reading.record(Event.self, eventID) else { continue }
            let parts = try await reading.referencing(eventID)
            let groups = Dictionary(uniqueKeysWithValues: parts.compactMap { $0.record as? VictimGroup }.map { ($0.id, $0.size) })
            let eventActs = parts.compactMap { $0.record as? Act }
            // Each person once: a named victim counted in a group of the incident is not one more.
            let rule = PeopleCount(eventActs)
            let acts = eventActs.map { act in
                (id: act.id, type: act.actType, people: act.victimGroupID.map { groups[$0] ?? 1 } ?? (rule.countsApart(act) ? 1 : 0))
            }
            var sources: [UUID: (source: UUID, reliability: Reliability, credibility: Credibility)] = [:]
            for information in parts.compactMap({ $0.record as? Information }) {
                let rating = (source: information.sourceID, reliability: information.reliability, credibility: information.credibility)
                if let known = sources[information.sourceID], (known.reliability, known.credibility) <= (rating.reliability, rating.credibility) { continue }
                sources[information.sourceID] = rating
            }
            evidence.incidents.append(.init(event: eventID, date: event.startDate, placeCode: event.placeCode, roles: roles[eventID] ?? [],
                                            acts: acts, sources: Array(sources.values)))
        }
        return evidence
    }

    /// Every record of a kind (and type) within reach, however many.
    public static func all(_ kind: RecordKind, type: String? = nil, repository: any Repository, actor: ActingIdentity) async throws -> [any Record] {
        try await repository.allRecords(RecordQuery(kinds: [kind], typeCode: type), by: actor)
    }
}
