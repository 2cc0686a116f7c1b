import Foundation
import HavenCore
import Testing

/// A broker's track record: counts, allegations weighed by their sources, and flags raised
/// exactly by what their thresholds name, each with its plain-language reason and records.
struct TrackRecordTests {
    let broker = RecordRef(.person, UUID())

    func incident(_ date: String, roles: Set<InvolvementRole> = [.facilitator], acts: [(ActType, Int)],
                  sources: [(Reliability, Credibility)] = [(.b, .probablyTrue)]) throws -> TrackRecordEvidence.Incident {
        TrackRecordEvidence.Incident(event: UUID(), date: try FuzzyDate(parsing: date), placeCode: "CN-YN-KUNMING", roles: roles,
                                     acts: acts.map { (id: UUID(), type: $0.0, people: $0.1) },
                                     sources: sources.map { (source: UUID(), reliability: $0.0, credibility: $0.1) })
    }

    func request(_ date: String, fee: Double, size: Int, status: RescueStatus = .arrived) throws -> RescueRequest {
        RescueRequest(fee: Money(amount: fee, currency: "USD"), groupSize: size, status: status,
                      timeline: [RescueStatusChange(status: status, date: try FuzzyDate(parsing: date))])
    }

    @Test func aBrokerLinkedToArrestsLargeGroupsCheapFeesAndAnEntrapmentIsFlaggedWithReasons() throws {
        let evidence = TrackRecordEvidence(
            subject: broker,
            requests: [try request("2025-01-05", fee: 400, size: 15, status: .arrested), try request("2025-02-10", fee: 350, size: 12, status: .arrested),
                       try request("2024-11-01", fee: 3_000, size: 2)],
            incidents: [try incident("2025-01-07", acts: [(.arrest, 15)]), try incident("2025-02-12", acts: [(.arrest, 10), (.forcedRepatriation, 1)]),
                        try incident("2025-03-20", acts: [(.arrest, 1)]), try incident("2024-06-01", acts: [(.arrest, 4)]),
                        try incident("2024-12-01", roles: [.coercedFacilitator], acts: [(.stateEntrapment, 1)]),
                        try incident("2024-10-01", roles: [.perpetrator], acts: [(.extortion, 1)], sources: [(.a, .confirmed), (.c, .possiblyTrue)])],
            groupNorm: 2.5, allFees: [Money(amount: 3_000, currency: "USD"), Money(amount: 2_800, currency: "USD"), Money(amount: 3_200, currency: "USD"),
                                      Money(amount: 400, currency: "USD"), Money(amount: 350, currency: "USD")])
        let record = TrackRecord.assess(evidence)
        #expect(record.requestsHandled == 3 && record.outcomes[.arrested] == 2 && record.outcomes[.arrived] == 1)
        #expect(record.arrests.count == 5, "four arrests and a repatriation in incidents the broker took part in")
        #expect(record.fees.map(\.fee.amount) == [3_000, 400, 350], "fees oldest first")
        let flags = Dictionary(uniqueKeysWithValues: record.flags.map { ($0.kind, $0) })
        #expect(Set(flags.keys) == [.linkedArrests, .largeGroups, .entrapment, .allegations, .lowFees])
        // 7 January, 12 February, 20 March: three arrests of 27 people within 73 days (the June one is outside any window with them).
        #expect(flags[.linkedArrests]?.explanation.en == "Linked to 3 arrests of 27 people in 73 days.")
        #expect(flags[.linkedArrests]?.explanation.ko == "73일 동안 27명이 체포된 3건의 체포와 관련됨.")
        #expect(flags[.linkedArrests]?.records.count == 3)
        #expect(flags[.largeGroups]?.explanation.en == "Moved groups of up to 15 where 2.5 is the norm.")
        #expect(flags[.entrapment]?.explanation.en == "Named in an entrapment report by a B2 source.")
        #expect(flags[.allegations]?.explanation.en == "Named in 1 allegation (extortion), 1 corroborated; weight 1.0.")
        #expect(flags[.lowFees]?.explanation.en == "Quoted fees far below the going rate in 2 requests.")
    }

    @Test func allegationsWeighByTheirSourcesAndThresholdsDecide() throws {
        #expect(TrackRecord.weight(of: [(UUID(), .a, .confirmed), (UUID(), .c, .possiblyTrue)]) == 1)
        #expect(TrackRecord.weight(of: [(UUID(), .b, .probablyTrue)]) == 0.4, "an uncorroborated B source weighs half of 0.8")
        #expect(TrackRecord.weight(of: [(UUID(), .f, .cannotBeJudged)]) == 0.15)
        let weak = TrackRecordEvidence(subject: broker, incidents: [try incident("2025-01-01", roles: [.perpetrator], acts: [(.brokerAbandonment, 3)],
                                                                                 sources: [(.d, .doubtful)])])
        #expect(TrackRecord.assess(weak).flags.isEmpty, "one uncorroborated D source does not raise a flag")
        // An incident whose acts name two victims is one allegation, not two.
        let family = TrackRecordEvidence(subject: broker, incidents: [try incident("2025-02-14", roles: [.coercedFacilitator],
                                                                                   acts: [(.stateEntrapment, 1), (.stateEntrapment, 1)])])
        let lured = TrackRecord.assess(family)
        #expect(lured.allegations.count == 1 && lured.flags.first?.explanation.en == "Named in an entrapment report by a B2 source.")
        var strict = RiskThresholds()
        strict.allegationWeight = 0.1
        #expect(TrackRecord.assess(weak, thresholds: strict).flags.map(\.kind) == [.allegations])
        // A witness or rescuer is not accused by what happened in the incident.
        let witness = TrackRecordEvidence(subject: broker, incidents: [try incident("2025-01-01", roles: [.witness], acts: [(.extortion, 1), (.arrest, 5)])])
        let record = TrackRecord.assess(witness)
        #expect(record.allegations.isEmpty && record.arrests.isEmpty && record.flags.isEmpty)
        let read = try AccountabilityThresholds.read(Data(#"{"risk": {"arrestWindowDays": 30}}"#.utf8))
        #expect(read.risk.arrestWindowDays == 30 && read.risk.arrestIncidents == 2 && read.trap == TrapThresholds())
    }
}
