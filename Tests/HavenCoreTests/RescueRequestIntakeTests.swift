import Foundation
import HavenCore
import Testing

/// A rescue request taken with the people it names; its timeline grows one status at a time and
/// ends once; an intervention is overdue only when its whole deadline passed without an answer.
struct RescueRequestIntakeTests {
    func sample() throws -> RescueRequestIntake {
        RescueRequestIntake(
            request: RescueRequest(contactInitiatedBy: .broker, fee: Money(amount: 1_500, currency: "USD"), groupSize: 15,
                                   placeCode: "KP-10-HYESAN"),
            requesterName: "가상 요청자", subjects: [.init(name: "가상 어머니", sex: .female, age: .decade(50)), .init(name: "가상 딸")],
            brokerName: "가상 브로커", organisationName: "가상 선교 단체",
            firstStatus: RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-04")))
    }

    @Test func aRequestBecomesItsPeopleItsOrganisationAndTheCase() throws {
        let records = try sample().records(compartment: "alpha").get()
        let request = try #require(records.last as? RescueRequest)
        let persons = Dictionary(uniqueKeysWithValues: records.compactMap { $0 as? Person }.map { ($0.id, $0) })
        #expect(persons.count == 4 && records.allSatisfy { $0.compartment == "alpha" })
        #expect(request.requesterID.flatMap { persons[$0] }?.names.first?.value == "가상 요청자")
        #expect(request.subjectIDs.compactMap { persons[$0]?.names.first?.value } == ["가상 어머니", "가상 딸"])
        #expect(request.subjectIDs.first.flatMap { persons[$0] }?.ageRange == .decade(50))
        #expect(request.brokerID.flatMap { persons[$0] }?.names.first?.value == "가상 브로커")
        let organisation = try #require(records.compactMap { $0 as? Organisation }.first)
        #expect(request.facilitatingOrganisationID == organisation.id && organisation.organisationKind == .brokerNetwork)
        #expect(request.status == .received && request.timeline.count == 1 && request.contactInitiatedBy == .broker)
        for record in records { try record.validate() }
    }

    @Test func problemsAreNamedByTheIntakesOwnFields() throws {
        var intake = try sample()
        intake.request.fee = Money(amount: 10, currency: "dollars")
        intake.subjects[1].name = " "
        intake.subjects[0].age = AgeRange(minimum: 200, maximum: 210)
        intake.brokerName = String(repeating: "가", count: 501)
        guard case .failure(let invalid) = intake.records(compartment: "alpha") else {
            Issue.record("an invalid request made records")
            return
        }
        #expect(Set(invalid.problems.map(\.field)) == ["fee.currency", "subjects[1].name", "subjects[0].age", "brokerName"])
    }

    @Test func theTimelineGrowsAndEndsOnce() throws {
        let request = try #require(try sample().records(compartment: "alpha").get().last as? RescueRequest)
        let arrived = request.advanced(to: .underway, on: try FuzzyDate(parsing: "2025-03-10"))
            .advanced(to: .arrived, on: try FuzzyDate(parsing: "2025-04"))
        #expect(arrived.status == .arrived && arrived.timeline.map(\.status) == [.received, .underway, .arrived])
        #expect(arrived.problems(in: .init()).isEmpty)
        let again = arrived.advanced(to: .underway, on: try FuzzyDate(parsing: "2025-05-01"))
        #expect(again.problems(in: .init()).map(\.field) == ["timeline[3].status"])
        let backwards = request.advanced(to: .underway, on: try FuzzyDate(parsing: "2025-01-01"))
        #expect(backwards.problems(in: .init()).map(\.field) == ["timeline[1].date"])
    }

    @Test func anInterventionIsOverdueOnlyWhenItsWholeDeadlinePassedUnanswered() throws {
        var sent = Intervention(partyName: "가상 외교부", channel: .diplomaticNote, dateSent: try FuzzyDate(parsing: "2025-01-10"),
                                request: "강제송환 중지 요청 (가상)", deadline: try FuzzyDate(parsing: "2025-02"), status: .sent)
        #expect(!sent.isOverdue(on: "2025-02-28"), "a month deadline lasts the whole month")
        #expect(sent.isOverdue(on: "2025-03-01"))
        sent.response = .noResponse
        #expect(sent.isOverdue(on: "2025-03-01"), "a recorded non-response stays overdue")
        sent.response = .acknowledged
        #expect(!sent.isOverdue(on: "2026-01-01"))
        var draft = sent
        draft.response = .awaiting
        draft.status = .draft
        #expect(!draft.isOverdue(on: "2026-01-01"))
        sent.deadline = nil
        #expect(!sent.isOverdue(on: "2026-01-01"))
    }
}
