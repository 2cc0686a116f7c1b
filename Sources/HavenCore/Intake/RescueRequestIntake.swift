import Foundation

/// A rescue request as it arrives: who asked, for whom, who first made contact, the broker and
/// facilitating organisation named, the fee quoted, the group size, and the first status.
///
/// ``records(compartment:newID:context:)`` makes a ``Person`` for the requester, each person
/// the request is for and the broker, an ``Organisation`` for the facilitating organisation
/// (unless an existing broker or organisation is named), and the ``RescueRequest`` that links
/// them, whose timeline starts with the first status.
public struct RescueRequestIntake: Sendable, Codable, Equatable {
    /// The case's own fields; its people and timeline are set when the records are made.
    public var request: RescueRequest
    /// Who asked (a relative in South Korea, say).
    public var requesterName: String?
    /// The people the request is for.
    public var subjects: [IncidentIntake.NamedVictim]
    /// The broker named, an individual.
    public var brokerName: String?
    /// The facilitating organisation named (a broker network, a church group …).
    public var organisationName: String?
    /// The first status and when it was reached.
    public var firstStatus: RescueStatusChange
    /// A broker already recorded, named instead of making a new record from `brokerName`.
    public var existingBroker: UUID?
    /// An organisation already recorded, named instead of making one from `organisationName`.
    public var existingOrganisation: UUID?

    /// Creates an intake.
    public init(request: RescueRequest, requesterName: String? = nil, subjects: [IncidentIntake.NamedVictim] = [],
                brokerName: String? = nil, organisationName: String? = nil, firstStatus: RescueStatusChange,
                existingBroker: UUID? = nil, existingOrganisation: UUID? = nil) {
        self.request = request
        self.requesterName = requesterName
        self.subjects = subjects
        self.brokerName = brokerName
        self.organisationName = organisationName
        self.firstStatus = firstStatus
        self.existingBroker = existingBroker
        self.existingOrganisation = existingOrganisation
    }

    /// The records, the rescue request last, or every problem named by the intake's paths
    /// (`requesterName`, `subjects[0].name`, `fee.currency` …).
    public func records(compartment: String, newID: () -> UUID = UUID.init,
                        context: ValidationContext = .init()) -> Result<[any Record], ValidationError> {
        var problems: [FieldProblem] = []
        var records: [any Record] = []
        func person(_ name: String, sex: Sex = .unknown, age: AgeRange? = nil, at path: String) -> Person {
            let person = Person(id: newID(), compartment: compartment, names: [PersonName(name, script: NameScript.of(name), system: .unknown)],
                                sex: sex, ageRange: age)
            // Name the form's own fields: `requesterName`, or `subjects[0].name` and `subjects[0].age`.
            problems += person.problems(in: context).map {
                let field = $0.field.hasPrefix("ageRange") ? path + ".age" : path.hasSuffix("Name") ? path : path + ".name"
                return FieldProblem(field: field, message: $0.message)
            }
            records.append(person)
            return person
        }
        if subjects.count > IncidentIntake.maximumRows {
            problems.append(FieldProblem(field: "subjects", message: "has more than \(IncidentIntake.maximumRows) rows"))
        }
        var request = self.request
        request.id = newID()
        request.compartment = compartment
        request.requesterID = requesterName.map { person($0, at: "requesterName").id }
        request.subjectIDs = subjects.enumerated().map { i, subject in
            person(subject.name, sex: subject.sex, age: subject.age, at: "subjects[\(i)]").id
        }
        request.brokerID = existingBroker ?? brokerName.map { person($0, at: "brokerName").id }
        if let existingOrganisation {
            request.facilitatingOrganisationID = existingOrganisation
        } else if let organisationName {
            let organisation = Organisation(id: newID(), compartment: compartment, name: organisationName, organisationKind: .brokerNetwork)
            problems += organisation.problems(in: context).map { FieldProblem(field: "organisationName", message: $0.message) }
            records.append(organisation)
            request.facilitatingOrganisationID = organisation.id
        }
        request.timeline = [firstStatus]
        request.status = firstStatus.status
        problems += request.problems(in: context).map { problem in
            switch problem.field {
            case "timeline[0].note": FieldProblem(field: "statusNote", message: problem.message)
            default: problem
            }
        }
        records.append(request)
        return problems.isEmpty ? .success(records) : .failure(ValidationError(problems: problems))
    }
}

extension RescueRequest {
    /// The request with one more status, reached on `date`: the timeline grows and the status
    /// follows it. Validation refuses a step after a final status or earlier than the last.
    public func advanced(to status: RescueStatus, on date: FuzzyDate, note: String? = nil) -> RescueRequest {
        var next = self
        next.timeline.append(RescueStatusChange(status: status, date: date, note: note))
        next.status = status
        return next
    }
}
