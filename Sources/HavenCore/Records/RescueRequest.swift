import Foundation

/// A sum of money in a currency.
public struct Money: Sendable, Hashable, Codable {
    /// The amount in the currency's main unit.
    public var amount: Double
    /// The ISO 4217 code, e.g. `KRW`, `CNY`, `USD`.
    public var currency: String

    /// Creates an amount.
    public init(amount: Double, currency: String) {
        self.amount = amount
        self.currency = currency
    }
}

/// One step in a rescue request's history.
public struct RescueStatusChange: Sendable, Hashable, Codable {
    /// The status entered.
    public var status: RescueStatus
    /// When it was entered.
    public var date: FuzzyDate
    /// Detail, e.g. how the requester was verified.
    public var note: String?

    /// Creates a status change.
    public init(status: RescueStatus, date: FuzzyDate, note: String? = nil) {
        self.status = status
        self.date = date
        self.note = note
    }
}

/// A case: someone asked for help for someone else.
///
/// Haven documents the request and its outcome for accountability (which brokers are linked to
/// arrests, which approaches were traps); it never plans or coordinates a journey.
public struct RescueRequest: Record {
    public static let kind = RecordKind.rescueRequest
    public static let protectedFields: Set<String> = ["timeline", "notes"]
    public static let inputDefaults: [String: JSONValue] = ["subjectIDs": .array([]), "contactInitiatedBy": .string(ContactInitiator.unknown.code), "status": .string(RescueStatus.received.code), "timeline": .array([])]

    public var id: UUID
    public var compartment: String
    /// Who asked, e.g. a relative in South Korea.
    public var requesterID: UUID?
    /// What the requester is to the people the request is for (their spouse, parent …), as a
    /// coded field rather than words inside a name; whether it was confirmed is a check of the
    /// verification checklist.
    public var requesterRelation: FamilyRelation?
    /// The people the request is for.
    public var subjectIDs: [UUID]
    /// Who made the first contact; a broker's approach is a trap indicator.
    public var contactInitiatedBy: ContactInitiator
    /// The broker involved.
    public var brokerID: UUID?
    /// The facilitating organisation.
    public var facilitatingOrganisationID: UUID?
    /// The fee quoted.
    public var fee: Money?
    /// How many people were to move together.
    public var groupSize: Int?
    /// The region the request concerns (province or county code).
    public var placeCode: String?
    /// The current status; must match the timeline's last entry.
    public var status: RescueStatus
    /// Every status the case has passed through, oldest first.
    public var timeline: [RescueStatusChange]
    /// Narrative notes.
    public var notes: String?
    /// The verification checklist: which checks were done and when. Nil for requests recorded
    /// before the checklist existed, which read as nothing checked.
    public var checks: [VerificationCheck]?
    /// The incident the request became (an arrest, a trap, an abandonment), once it is recorded:
    /// the request's page links to it and the incident's page back to the request.
    public var eventID: UUID?

    /// Creates a rescue request.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, requesterID: UUID? = nil, subjectIDs: [UUID] = [],
        contactInitiatedBy: ContactInitiator = .unknown, brokerID: UUID? = nil, facilitatingOrganisationID: UUID? = nil,
        fee: Money? = nil, groupSize: Int? = nil, placeCode: String? = nil, status: RescueStatus = .received,
        timeline: [RescueStatusChange] = [], notes: String? = nil, checks: [VerificationCheck]? = nil,
        requesterRelation: FamilyRelation? = nil, eventID: UUID? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.requesterID = requesterID
        self.requesterRelation = requesterRelation
        self.subjectIDs = subjectIDs
        self.contactInitiatedBy = contactInitiatedBy
        self.brokerID = brokerID
        self.facilitatingOrganisationID = facilitatingOrganisationID
        self.fee = fee
        self.groupSize = groupSize
        self.placeCode = placeCode
        self.status = status
        self.timeline = timeline
        self.notes = notes
        self.checks = checks
        self.eventID = eventID
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.list(subjectIDs.count, "subjectIDs")
        check.count(groupSize, "groupSize", max: 1000)
        if let fee {
            if !(0...Limits.feeAmount).contains(fee.amount) {
                check.add("fee.amount", "must be a number from 0 to \(WholeNumber.amountText(Limits.feeAmount))")
            }
            if fee.currency.count != 3 || !fee.currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                check.add("fee.currency", "must be a three-letter ISO 4217 code such as KRW or USD")
            }
        }
        check.place(placeCode, "placeCode", context)
        check.list(timeline.count, "timeline")
        for (i, change) in timeline.enumerated() {
            check.text(change.note, "timeline[\(i)].note")
            if i > 0 {
                let previous = timeline[i - 1]
                if change.date < previous.date { check.add("timeline[\(i)].date", "is earlier than the step before it") }
                if previous.status.isFinal { check.add("timeline[\(i)].status", "follows the final status \(previous.status.code)") }
            }
        }
        if let last = timeline.last, last.status != status {
            check.add("status", "must match the timeline's last status (\(last.status.code))")
        }
        check.text(notes, "notes", max: Limits.longText)
        let items = (checks ?? []).map(\.item)
        if Set(items).count != items.count { check.add("checks", "names a check twice") }
        return check.problems
    }

    /// Whether a check of the checklist was done.
    public func checked(_ item: VerificationItem) -> Bool {
        checks?.contains { $0.item == item && $0.done } ?? false
    }

    public var facets: RecordFacets {
        RecordFacets(status: status.code, placeCode: placeCode, from: timeline.first?.date, to: timeline.last?.date,
                     parentID: brokerID, typeCode: contactInitiatedBy.code)
    }

    public var searchText: [String] { timeline.compactMap(\.note) + [notes].compactMap { $0 } }
}

extension RescueRequest {
    public var references: [UUID] { [requesterID, brokerID, facilitatingOrganisationID, eventID].compactMap { $0 } + subjectIDs }
}

/// One check of a rescue request's verification checklist and whether, and when, it was done.
public struct VerificationCheck: Sendable, Hashable, Codable {
    public var item: VerificationItem
    public var done: Bool
    /// When it was done (the audit log records by whom).
    public var date: FuzzyDate?

    /// Creates a check.
    public init(item: VerificationItem, done: Bool, date: FuzzyDate? = nil) {
        self.item = item
        self.done = done
        self.date = date
    }
}
