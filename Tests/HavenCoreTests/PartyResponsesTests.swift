import Foundation
import HavenCore
import Testing

/// Non-responses and each party's answers: an overdue, unanswered request is marked no
/// response with the day; parties are summed with the median time to an answer.
struct PartyResponsesTests {
    func sent(_ party: String, _ sentOn: String, deadline: String?, response: InterventionResponse = .awaiting,
              answered: String? = nil, status: InterventionStatus = .sent) throws -> Intervention {
        Intervention(partyName: party, channel: .diplomaticNote, dateSent: try FuzzyDate(parsing: sentOn), request: "가상 요청",
                     deadline: try deadline.map { try FuzzyDate(parsing: $0) }, response: response,
                     responseDate: try answered.map { try FuzzyDate(parsing: $0) }, status: status)
    }

    @Test func anUnansweredRequestPastItsDeadlineIsMarkedNoResponseWithTheDay() throws {
        let request = try sent("가상국 외교부", "2025-01-10", deadline: "2025-02-10")
        #expect(request.markedUnanswered(on: try FuzzyDate(parsing: "2025-02-10")) == nil, "on the deadline itself it is not yet late")
        let marked = try #require(request.markedUnanswered(on: try FuzzyDate(parsing: "2025-02-11")))
        #expect(marked.response == .noResponse && marked.status == .overdue && marked.responseDate?.description == "2025-02-11")
        #expect(marked.problems(in: .init()).isEmpty, "a no-response may carry the day it was recorded")
        #expect(marked.markedUnanswered(on: try FuzzyDate(parsing: "2025-03-01")) == nil, "marked once")
        #expect(try sent("가상국", "2025-01-10", deadline: "2025-02-10", response: .acknowledged, answered: "2025-01-20")
            .markedUnanswered(on: try FuzzyDate(parsing: "2025-03-01")) == nil)
    }

    @Test func eachPartysAnswersAreSummedWithTheMedianTimeToAnswer() throws {
        let interventions = [
            try sent("가상국 외교부", "2024-03-01", deadline: "2024-04-01", response: .noResponse, answered: "2024-04-02", status: .overdue),
            try sent("가상국  외교부", "2024-06-01", deadline: "2024-07-01", response: .noResponse, answered: "2024-07-02", status: .overdue),
            try sent("가상국 외교부", "2024-09-01", deadline: "2024-10-01"),
            try sent("UN Special Rapporteur (fictional)", "2024-03-01", deadline: nil, response: .acknowledged, answered: "2024-03-11", status: .answered),
            try sent("UN Special Rapporteur (fictional)", "2024-05-01", deadline: nil, response: .partiallyFulfilled, answered: "2024-05-31", status: .answered),
            try sent("UN Special Rapporteur (fictional)", "2024-07-01", deadline: nil, response: .declined, answered: "2024-07-21", status: .answered),
            try sent("가상 초안", "2024-07-01", deadline: nil, status: .draft),
        ]
        let summary = PartyResponses.summarise(interventions)
        #expect(summary.map(\.party) == ["가상국 외교부", "UN Special Rapporteur (fictional)"], "most unanswered first; drafts left out")
        #expect(summary[0].sent == 3 && summary[0].answered == 0 && summary[0].unanswered == 3 && summary[0].noResponse == 2)
        #expect(summary[0].medianDaysToAnswer == nil && summary[0].interventions.count == 3)
        #expect(summary[1].answered == 3 && summary[1].medianDaysToAnswer == 20, "10, 30 and 20 days")
    }
}
