public import Foundation
public import HavenCore
public import HavenStore

/// Gathers what the records say around a rescue request, within the reader's compartments, for
/// ``TrapIndicators``: one report in the access log, naming the incidents the indicators point to.
public enum TrapEvidenceReader {
    public static func evidence(for request: RescueRequest, repository: any Repository, actor: ActingIdentity,
                         thresholds: TrapThresholds, today: Date) async throws -> TrapEvidence {
        try await repository.counting(report: "trap-indicators", parameters: "request=\(request.id.wire)", by: actor) { reading in
            let evidence = try await evidence(for: request, reading: reading, thresholds: thresholds, today: today)
            reading.shows((evidence.chainLinks.map(\.event) + evidence.areaEntrapments).map { RecordRef(.event, $0) })
            return evidence
        }
    }

    /// The request's trap indicators, with the labels of the records each points to (which the
    /// access log names as shown): one report.
    public static func indicators(for request: RescueRequest, repository: any Repository, actor: ActingIdentity,
                                  thresholds: TrapThresholds, today: Date) async throws -> (indicators: [TrapIndicator], labels: [UUID: RecordLabel]) {
        try await repository.counting(report: "trap-indicators", parameters: "request=\(request.id.wire)", by: actor) { reading in
            let evidence = try await evidence(for: request, reading: reading, thresholds: thresholds, today: today)
            let indicators = TrapIndicators.assess(request, evidence: evidence, thresholds: thresholds)
            return (indicators, try await reading.labels(indicators.flatMap(\.records).filter { $0.id != request.id }))
        }
    }

    static func evidence(for request: RescueRequest, reading: ReportReading, thresholds: TrapThresholds, today: Date) async throws -> TrapEvidence {
        var evidence = TrapEvidence()
        // The chain: the broker and the facilitating organisation, and their entrapments.
        let members = [request.brokerID.map { RecordRef(.person, $0) }, request.facilitatingOrganisationID.map { RecordRef(.organisation, $0) }]
        for member in members.compactMap({ $0 }) {
            for referrer in try await reading.referencing(member.id) {
                guard let involvement = referrer.record as? Involvement,
                      let act = try await reading.record(Act.self, involvement.actID),
                      act.actType == .stateEntrapment else { continue }
                evidence.chainLinks.append(.init(member: member, act: act.id, event: act.eventID))
            }
        }
        let received = request.timeline.first?.date.earliest ?? Day.string(today)
        // Entrapments reported from the same area in the window before the request.
        if let place = request.placeCode {
            let query = RecordQuery(kinds: [.act], placeCode: place, from: Day.offset(received, days: -thresholds.areaWindowDays), to: received,
                                    typeCode: ActType.stateEntrapment.code)
            let acts = try await reading.records(Act.self, query)
            var seen = Set<UUID>()
            evidence.areaEntrapments = acts.map(\.eventID).filter { seen.insert($0).inserted }
        }
        // Fees quoted in the same currency within a year either side.
        if let fee = request.fee {
            let query = RecordQuery(kinds: [.rescueRequest], from: Day.offset(received, days: -365), to: Day.offset(received, days: 365))
            evidence.comparableFees = try await reading.records(RescueRequest.self, query)
                .filter { $0.id != request.id && $0.fee?.currency == fee.currency }
                .compactMap { $0.fee?.amount }
        }
        return evidence
    }
}
