import Foundation
import HavenCore
@testable import HavenServer
import Testing

/// Every problem the forms can meet reaches a Korean reader in Korean: the messages are taken
/// from the validators themselves, so a new message without a translation fails here.
struct ProblemTextTests {
    func dateProblems() -> [String] {
        let inputs: [String] = ["2024-13", "2024-02-30", "1800", "soon", "2024--05"]
        return inputs.compactMap { text -> String? in
            do throws(InvalidDate) { _ = try FuzzyDate(parsing: text); return nil } catch { return error.reason }
        }
    }

    func recordProblems() throws -> [String] {
        let long = String(repeating: "가", count: 501)
        let records: [any Record] = [
            Event(title: " ", startDate: try FuzzyDate(parsing: "2024-05"), endDate: try FuzzyDate(parsing: "2023"), placeCode: "XX-NOWHERE"),
            Event(title: long),
            Person(names: [], birthDate: try FuzzyDate(parsing: "1970"), ageRange: AgeRange(minimum: 140, maximum: 20)),
            VictimGroup(eventID: UUID(), size: 0, women: 3),
            RescueRequest(fee: Money(amount: -1, currency: "won"), groupSize: 5_000, status: .underway,
                          timeline: [RescueStatusChange(status: .arrived, date: try FuzzyDate(parsing: "2024-05")),
                                     RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2024-01"))]),
            Intervention(partyName: "", channel: .letter, request: "", responseDate: try FuzzyDate(parsing: "2024"), status: .sent),
            Involvement(actID: UUID(), role: .perpetrator),
        ]
        return records.flatMap { $0.problems(in: ValidationContext()).map(\.message) }
            + (IncidentIntake(event: Event(title: "가상"), victims: [.init(name: "가상")]).records(compartment: "a").problems)
    }

    @Test func everyValidationMessageTheFormsMeetHasAKoreanText() throws {
        let messages = Set(dateProblems() + (try recordProblems()))
        #expect(messages.count >= 20, "the validators produced \(messages.count) distinct messages")
        for message in messages where message != "name exactly one of personID and organisationID" {
            #expect(ProblemText.korean(message) != nil, "no Korean for: \(message)")
        }
        #expect(ProblemText.localized("is longer than 500 characters", .ko) == "500자보다 깁니다")
        #expect(ProblemText.localized("is longer than 500 characters", .en) == "is longer than 500 characters")
        #expect(ProblemText.localized("something new", .ko) == "something new", "an unknown message is shown as it is")
    }
}

extension Result where Success == [any Record], Failure == ValidationError {
    /// The problems of a failed intake (none for a success).
    var problems: [String] {
        if case .failure(let error) = self { return error.problems.map(\.message) }
        return []
    }
}
