import Foundation

/// A request to a party (government, UN body, embassy) about an event or a person, and its answer.
///
/// A deadline that passes without an answer is itself a fact worth recording: it is what a
/// diplomatic protest cites.
public struct Intervention: Record {
    public static let kind = RecordKind.intervention
    public static let protectedFields: Set<String> = ["request", "responseText", "notes"]
    public static let inputDefaults: [String: JSONValue] = ["subjectIDs": .array([]), "response": .string(InterventionResponse.awaiting.code), "status": .string(InterventionStatus.draft.code), "priority": .string(Priority.normal.code)]

    public var id: UUID
    public var compartment: String
    /// The events and persons the request concerns.
    public var subjectIDs: [UUID]
    /// The party asked, when it is an organisation in the record.
    public var partyID: UUID?
    /// The party's name as addressed, e.g. "Ministry of Foreign Affairs".
    public var partyName: String
    /// How it was sent.
    public var channel: InterventionChannel
    /// When it was sent.
    public var dateSent: FuzzyDate?
    /// What was asked.
    public var request: String
    /// When an answer is due.
    public var deadline: FuzzyDate?
    /// What the party answered.
    public var response: InterventionResponse
    /// When the answer came.
    public var responseDate: FuzzyDate?
    /// The answer's text.
    public var responseText: String?
    /// Where the request stands.
    public var status: InterventionStatus
    /// How urgent it is.
    public var priority: Priority
    /// Narrative notes.
    public var notes: String?

    /// Creates an intervention.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, subjectIDs: [UUID] = [], partyID: UUID? = nil,
        partyName: String, channel: InterventionChannel, dateSent: FuzzyDate? = nil, request: String,
        deadline: FuzzyDate? = nil, response: InterventionResponse = .awaiting, responseDate: FuzzyDate? = nil,
        responseText: String? = nil, status: InterventionStatus = .draft, priority: Priority = .normal,
        notes: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.subjectIDs = subjectIDs
        self.partyID = partyID
        self.partyName = partyName
        self.channel = channel
        self.dateSent = dateSent
        self.request = request
        self.deadline = deadline
        self.response = response
        self.responseDate = responseDate
        self.responseText = responseText
        self.status = status
        self.priority = priority
        self.notes = notes
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.list(subjectIDs.count, "subjectIDs")
        check.text(partyName, "partyName", required: true)
        check.text(request, "request", max: Limits.longText, required: true)
        check.text(responseText, "responseText", max: Limits.longText)
        check.text(notes, "notes", max: Limits.longText)
        check.order(dateSent, deadline, "deadline")
        check.order(dateSent, responseDate, "responseDate")
        if status != .draft && dateSent == nil { check.add("dateSent", "is required once the request is sent") }
        // A no-response's date is the day its deadline was found passed without an answer.
        if responseDate != nil && response == .awaiting {
            check.add("response", "a response date needs a response other than awaiting")
        }
        return check.problems
    }

    public var facets: RecordFacets {
        RecordFacets(status: status.code, from: dateSent, to: responseDate ?? deadline, parentID: partyID, typeCode: response.code)
    }

    public var searchText: [String] { [partyName, request, responseText, notes].compactMap { $0 } }
}

extension Intervention {
    /// Whether the deadline has passed without an answer on `day` (`YYYY-MM-DD`). A deadline
    /// given as a month or a year passes only when all of it has; drafts and closed requests
    /// are never overdue.
    public func isOverdue(on day: String) -> Bool {
        guard let deadline, response == .awaiting || response == .noResponse, status != .draft, status != .closed else { return false }
        return deadline.latest < day
    }
}

extension Intervention {
    public var references: [UUID] { subjectIDs + [partyID].compactMap { $0 } }

    /// Saved past its deadline without an answer, it is saved as unanswered (no response, dated
    /// today), as the hourly sweep would mark it: the records filter, the parties report and the
    /// dossier then say what its page says from the moment it is saved.
    public mutating func prepareForIntake(_ context: ValidationContext) {
        guard let today = context.today, let day = try? FuzzyDate(parsing: today), let marked = markedUnanswered(on: day) else { return }
        self = marked
    }
}
