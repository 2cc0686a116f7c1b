public import Foundation
public import HavenCore
public import HavenStore

/// Gathers what the records say around a rescue request, within the reader's compartments, for
/// ``TrapIndicators``. Every read goes through the repository and is audited like any other.
public enum TrapEvidenceReader {
    public static func evidence(for request: RescueRequest, repository: any Repository, actor: ActingIdentity,
                         thresholds: TrapThresholds, today: Date) async throws -> TrapEvidence {
        var evidence = TrapEvidence()
        // The chain: the broker and the facilitating organisation, and their entrapments.
        let members = [request.brokerID.map { RecordRef(.person, $0) }, request.facilitatingOrganisationID.map { RecordRef(.organisation, $0) }]
        for member in members.compactMap({ $0 }) {
            for referrer in try await repository.referencing(member.id, by: actor) {
                guard let involvement = referrer.record as? Involvement,
                      let act = try await repository.find(Act.self, involvement.actID, by: actor),
                      act.actType == .stateEntrapment else { continue }
                evidence.chainLinks.append(.init(member: member, act: act.id, event: act.eventID))
            }
        }
        let received = request.timeline.first?.date.earliest ?? Day.string(today)
        // Entrapments reported from the same area in the window before the request.
        if let place = request.placeCode {
            let query = RecordQuery(kinds: [.act], placeCode: place, from: Day.offset(received, days: -thresholds.areaWindowDays), to: received,
                                    typeCode: ActType.stateEntrapment.code)
            let acts = try await repository.allRecords(query, by: actor).compactMap { $0 as? Act }
            var seen = Set<UUID>()
            evidence.areaEntrapments = acts.map(\.eventID).filter { seen.insert($0).inserted }
        }
        // Fees quoted in the same currency within a year either side.
        if let fee = request.fee {
            let query = RecordQuery(kinds: [.rescueRequest], from: Day.offset(received, days: -365), to: Day.offset(received, days: 365))
            evidence.comparableFees = try await repository.allRecords(query, by: actor)
                .compactMap { $0 as? RescueRequest }
                .filter { $0.id != request.id && $0.fee?.currency == fee.currency }
                .compactMap { $0.fee?.amount }
        }
        return evidence
    }
}
