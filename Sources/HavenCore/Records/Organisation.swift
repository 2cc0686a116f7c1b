import Foundation

/// A broker network, NGO, religious group or government body.
public struct Organisation: Record {
    public static let kind = RecordKind.organisation
    public static let protectedFields: Set<String> = ["name", "aliases", "notes"]
    public static let inputDefaults: [String: JSONValue] = ["aliases": .array([])]

    public var id: UUID
    public var compartment: String
    /// The organisation's name; protected because a network's name can expose its members.
    public var name: String
    /// Other names it is known by.
    public var aliases: [String]
    /// What kind of body it is.
    public var organisationKind: OrganisationKind
    /// The gazetteer code of its country or base.
    public var placeCode: String?
    /// Narrative notes.
    public var notes: String?

    /// Creates an organisation.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, name: String, aliases: [String] = [],
        organisationKind: OrganisationKind, placeCode: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.name = name
        self.aliases = aliases
        self.organisationKind = organisationKind
        self.placeCode = placeCode
        self.notes = notes
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.text(name, "name", required: true)
        check.list(aliases.count, "aliases")
        for (i, alias) in aliases.enumerated() { check.text(alias, "aliases[\(i)]", required: true) }
        check.place(placeCode, "placeCode", context)
        check.text(notes, "notes", max: Limits.longText)
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(placeCode: placeCode, typeCode: organisationKind.code) }
    public var searchText: [String] { [name] + aliases + [notes].compactMap { $0 } }
    public var blindTerms: [BlindTerm] { ([name] + aliases).map { BlindTerm(field: "name", value: $0) } }
}

/// A person's or organisation's role in an act.
public struct Involvement: Record {
    public static let kind = RecordKind.involvement
    public static let protectedFields: Set<String> = ["notes"]
    public static let inputDefaults: [String: JSONValue] = ["degree": .string(InvolvementDegree.unknown.code)]

    public var id: UUID
    public var compartment: String
    /// The act.
    public var actID: UUID
    /// The person involved, or nil when an organisation is.
    public var personID: UUID?
    /// The organisation involved, or nil when a person is.
    public var organisationID: UUID?
    /// The role taken.
    public var role: InvolvementRole
    /// How directly.
    public var degree: InvolvementDegree
    /// Narrative notes (e.g. how a facilitator was coerced).
    public var notes: String?

    /// Creates an involvement.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, actID: UUID, personID: UUID? = nil,
        organisationID: UUID? = nil, role: InvolvementRole, degree: InvolvementDegree = .unknown, notes: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.actID = actID
        self.personID = personID
        self.organisationID = organisationID
        self.role = role
        self.degree = degree
        self.notes = notes
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        if (personID == nil) == (organisationID == nil) {
            check.add("personID", "name exactly one of personID and organisationID")
        }
        check.text(notes, "notes", max: Limits.longText)
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(parentID: actID, typeCode: role.code) }
    public var searchText: [String] { [notes].compactMap { $0 } }
}

extension Involvement {
    public var references: [UUID] { [actID, personID, organisationID].compactMap { $0 } }
}
