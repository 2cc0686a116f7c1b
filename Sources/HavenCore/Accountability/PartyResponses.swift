import Foundation

extension Intervention {
    /// The intervention once its deadline has passed without an answer: marked *no response*
    /// on `day`, its status overdue. Nil when it is not overdue on that day.
    public func markedUnanswered(on day: FuzzyDate) -> Intervention? {
        guard response == .awaiting, isOverdue(on: day.earliest) else { return nil }
        var marked = self
        marked.response = .noResponse
        marked.responseDate = day
        marked.status = .overdue
        return marked
    }

    /// Whether the party answered (anything but awaiting or no response).
    public var isAnswered: Bool { response != .awaiting && response != .noResponse }
}

/// How one party (a government, embassy, UN body or agency) has answered the requests sent to
/// it: how many were sent, answered and unanswered, and the median time to an answer.
public struct PartyResponses: Sendable, Equatable {
    public var party: String
    public var sent: Int
    public var answered: Int
    public var unanswered: Int
    /// Of the unanswered, how many passed their deadline (marked no response).
    public var noResponse: Int
    /// The median number of days from sending to the answer, over answered requests with both dates.
    public var medianDaysToAnswer: Double?
    /// The requests sent to it, the latest sent first.
    public var interventions: [UUID]

    /// One summary per party, the most unanswered first. Parties are told apart by their name as
    /// written, case and spacing aside; drafts were never sent and are left out.
    public static func summarise(_ interventions: [Intervention]) -> [PartyResponses] {
        let sent = interventions.filter { $0.status != .draft }
        let byParty = Dictionary(grouping: sent) { BlindTerm.normalise($0.partyName) }
        return byParty.values.map { group in
            let answered = group.filter(\.isAnswered)
            let days = answered.compactMap { intervention -> Double? in
                guard let from = Day.number(intervention.dateSent), let to = Day.number(intervention.responseDate) else { return nil }
                return Double(to - from)
            }
            return PartyResponses(party: group[0].partyName, sent: group.count, answered: answered.count,
                                  unanswered: group.count - answered.count, noResponse: group.filter { $0.response == .noResponse }.count,
                                  medianDaysToAnswer: Median.of(days),
                                  interventions: group.sorted { (Day.number($0.dateSent) ?? .min) > (Day.number($1.dateSent) ?? .min) }.map(\.id))
        }.sorted { ($0.unanswered, $0.sent, $1.party) > ($1.unanswered, $1.sent, $0.party) }
    }
}
