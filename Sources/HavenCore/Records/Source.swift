import Foundation

/// Someone or something that reports information: a victim, a relative, an NGO, the press.
public struct Source: Record {
    public static let kind = RecordKind.source
    public static let protectedFields: Set<String> = ["name", "contact", "personID", "notes"]

    public var id: UUID
    public var compartment: String
    /// The source's name or designation; source identities are always protected.
    public var name: String
    /// Who the source is.
    public var sourceKind: SourceKind
    /// How to reach the source.
    public var contact: String?
    /// The source's person record, when there is one; protected because it reveals the identity.
    public var personID: UUID?
    /// Narrative notes.
    public var notes: String?

    /// Creates a source.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, name: String, sourceKind: SourceKind,
        contact: String? = nil, personID: UUID? = nil, notes: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.name = name
        self.sourceKind = sourceKind
        self.contact = contact
        self.personID = personID
        self.notes = notes
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.text(name, "name", required: true)
        check.text(contact, "contact")
        check.text(notes, "notes", max: Limits.longText)
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(typeCode: sourceKind.code) }
    public var searchText: [String] { [name, notes].compactMap { $0 } }
    public var blindTerms: [BlindTerm] { [BlindTerm(field: "name", value: name)] }
}

/// What one source reported about one subject, with its grading.
public struct Information: Record {
    public static let kind = RecordKind.information
    public static let protectedFields: Set<String> = ["receivedDate", "content"]
    public static let inputDefaults: [String: JSONValue] = ["connection": .string(SourceConnection.unknown.code), "reliability": .string(Reliability.f.code), "credibility": .string(Credibility.cannotBeJudged.code)]

    public var id: UUID
    public var compartment: String
    /// Who reported it.
    public var sourceID: UUID
    /// The event, act or person it concerns.
    public var subjectID: UUID
    /// When it was received.
    public var receivedDate: FuzzyDate?
    /// How the source knows.
    public var connection: SourceConnection
    /// The source's reliability, A–F, as assessed for this report.
    public var reliability: Reliability
    /// The information's credibility, 1–6.
    public var credibility: Credibility
    /// What was reported.
    public var content: String?

    /// Creates an information record.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, sourceID: UUID, subjectID: UUID,
        receivedDate: FuzzyDate? = nil, connection: SourceConnection = .unknown, reliability: Reliability = .f,
        credibility: Credibility = .cannotBeJudged, content: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.sourceID = sourceID
        self.subjectID = subjectID
        self.receivedDate = receivedDate
        self.connection = connection
        self.reliability = reliability
        self.credibility = credibility
        self.content = content
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.text(content, "content", max: Limits.longText)
        return check.problems
    }

    public var facets: RecordFacets {
        RecordFacets(status: reliability.code + credibility.code, from: receivedDate, parentID: subjectID, typeCode: connection.code)
    }

    public var searchText: [String] { [content].compactMap { $0 } }
}

extension Information {
    public var references: [UUID] { [sourceID, subjectID] }
}
