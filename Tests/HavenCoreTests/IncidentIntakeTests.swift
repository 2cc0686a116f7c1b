import Foundation
import HavenCore
import Testing

/// An incident taken in one pass becomes the records of "who did what to whom", or the problems
/// named by the intake's own paths, never part of it.
struct IncidentIntakeTests {
    func sample() throws -> IncidentIntake {
        IncidentIntake(
            event: Event(title: "쿤밍 체포 — 가상 기록", startDate: try FuzzyDate(parsing: "2024-03-02"), placeCode: "CN-YN-KUNMING"),
            actType: .arrest,
            victims: [.init(name: "김가상", otherName: "Kim Ga-sang", sex: .female, age: .decade(40), status: .detained),
                      .init(name: "Pak Imsi", status: .repatriated)],
            groups: [.init(size: 15, women: 13, children: 2, status: .detained)],
            actors: [.init(name: "공안 가상 분국", organisationKind: .publicSecurity, role: .perpetrator, degree: .direct),
                     .init(name: "브로커 가상", role: .facilitator)],
            sources: [.init(name: "가상 제보자", kind: .family, connection: .hearsay, reliability: .b, credibility: .probablyTrue,
                            content: "가상 제보 내용")])
    }

    @Test func anIncidentBecomesItsEventActsPeopleInvolvementsAndSources() throws {
        let records = try sample().records(compartment: "alpha").get()
        let event = try #require(records.first as? Event)
        #expect(records.allSatisfy { $0.compartment == "alpha" })
        let acts = records.compactMap { $0 as? Act }
        #expect(acts.count == 3 && acts.allSatisfy { $0.eventID == event.id && $0.actType == .arrest && $0.placeCode == "CN-YN-KUNMING" })
        let persons = records.compactMap { $0 as? Person }
        #expect(persons.count == 3, "two victims and one individual broker")
        let victim = try #require(persons.first { $0.names.first?.value == "김가상" })
        #expect(victim.names.map(\.script) == [.hangul, .latin] && victim.sex == .female && victim.ageRange == .decade(40))
        #expect(persons.first { $0.names.first?.value == "Pak Imsi" }?.names.first?.script == .latin)
        #expect(acts.contains { $0.victimID == victim.id && $0.victimStatus == .detained })
        let group = try #require(records.compactMap { $0 as? VictimGroup }.first)
        #expect(group.size == 15 && group.women == 13 && group.children == 2 && acts.contains { $0.victimGroupID == group.id })
        // Every actor is involved in every act, with the role given.
        let involvements = records.compactMap { $0 as? Involvement }
        #expect(involvements.count == 6 && Set(involvements.map(\.actID)) == Set(acts.map(\.id)))
        let police = try #require(records.compactMap { $0 as? Organisation }.first)
        #expect(involvements.filter { $0.organisationID == police.id }.allSatisfy { $0.role == .perpetrator && $0.degree == .direct })
        #expect(involvements.filter { $0.personID != nil }.allSatisfy { $0.role == .facilitator })
        let information = try #require(records.compactMap { $0 as? Information }.first)
        let source = try #require(records.compactMap { $0 as? Source }.first)
        #expect(information.subjectID == event.id && information.sourceID == source.id && information.reliability == .b
                && information.credibility == .probablyTrue)
        #expect(Set(records.map(\.id)).count == records.count, "every record has its own id")
        for record in records { try record.validate() }
    }

    @Test func actorsWithoutVictimsShareOneActOfTheIncident() throws {
        var intake = try sample()
        intake.victims = []
        intake.groups = []
        let records = try intake.records(compartment: "alpha").get()
        let acts = records.compactMap { $0 as? Act }
        #expect(acts.count == 1 && acts[0].victimID == nil && acts[0].victimGroupID == nil)
        #expect(records.compactMap { $0 as? Involvement }.count == 2)
    }

    @Test func problemsAreNamedByRowAndNothingIsMade() throws {
        var intake = try sample()
        intake.actType = nil
        intake.victims[1].name = "  "
        intake.victims[0].age = AgeRange(minimum: 60, maximum: 50)
        intake.groups[0].size = 10
        intake.sources[0].name = ""
        intake.event.endDate = try FuzzyDate(parsing: "2023")
        guard case .failure(let invalid) = intake.records(compartment: "alpha") else {
            Issue.record("an invalid intake made records")
            return
        }
        let fields = Set(invalid.problems.map(\.field))
        #expect(fields == ["actType", "victims[1].name", "victims[0].age", "groups[0].size", "sources[0].name", "endDate"])
    }

    @Test func scriptsAreRecognised() {
        #expect(NameScript.of("김정숙") == .hangul)
        #expect(NameScript.of("Kim Jong-suk") == .latin)
        #expect(NameScript.of("金正淑") == .han)
        #expect(NameScript.of("—") == .other)
    }
}
