import Foundation

/// One of a person's names, tagged with its script and spelling system.
public struct PersonName: Sendable, Hashable, Codable {
    /// The name as written.
    public var value: String
    /// The writing system.
    public var script: NameScript
    /// The spelling system or provenance.
    public var system: NameSystem

    /// Creates a name.
    public init(_ value: String, script: NameScript, system: NameSystem) {
        self.value = value
        self.script = script
        self.system = system
    }
}

/// A family link from a person to another person record.
public struct FamilyLink: Sendable, Hashable, Codable {
    /// What the other person is to this one.
    public var relation: FamilyRelation
    /// The other person.
    public var personID: UUID

    /// Creates a link.
    public init(relation: FamilyRelation, personID: UUID) {
        self.relation = relation
        self.personID = personID
    }
}

/// Any human in the record: victim, broker, perpetrator, source, requester, official.
public struct Person: Record {
    public static let kind = RecordKind.person
    public static let protectedFields: Set<String> = [
        "names", "birthDate", "ageRange", "familyLinks", "phone", "address", "notes",
    ]
    public static let inputDefaults: [String: JSONValue] = ["sex": .string(Sex.unknown.code), "familyLinks": .array([])]

    public var id: UUID
    public var compartment: String
    /// Every name the person is known by, in any script.
    public var names: [PersonName]
    /// Sex as recorded; coded because statistics need it.
    public var sex: Sex
    /// Birth date to the precision known.
    public var birthDate: FuzzyDate?
    /// An age range when no birth date is known.
    public var ageRange: AgeRange?
    /// Where the person comes from (a province or county code).
    public var originPlaceCode: String?
    /// Links to relatives who are also in the record.
    public var familyLinks: [FamilyLink]
    /// A phone number.
    public var phone: String?
    /// An address.
    public var address: String?
    /// Narrative notes.
    public var notes: String?
    /// The record this one was found to describe the same person as (a merge): both records stay,
    /// with their own sources, and un-merging clears this. Always the main record, never a chain.
    public var sameAs: UUID?
    /// Records reviewed and judged to be other people, so that they are not suggested again.
    public var distinctFrom: [UUID]?

    /// Creates a person.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, names: [PersonName], sex: Sex = .unknown,
        birthDate: FuzzyDate? = nil, ageRange: AgeRange? = nil, originPlaceCode: String? = nil,
        familyLinks: [FamilyLink] = [], phone: String? = nil, address: String? = nil, notes: String? = nil,
        sameAs: UUID? = nil, distinctFrom: [UUID]? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.names = names
        self.sex = sex
        self.birthDate = birthDate
        self.ageRange = ageRange
        self.originPlaceCode = originPlaceCode
        self.familyLinks = familyLinks
        self.phone = phone
        self.address = address
        self.notes = notes
        self.sameAs = sameAs
        self.distinctFrom = distinctFrom
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        if names.isEmpty { check.add("names", "at least one name is required") }
        check.list(names.count, "names")
        for (i, name) in names.enumerated() { check.text(name.value, "names[\(i)].value", required: true) }
        if let ageRange { check.problems(ageRange.problems(at: "ageRange")) }
        if birthDate != nil && ageRange != nil { check.add("ageRange", "give a birth date or an age range, not both") }
        check.place(originPlaceCode, "originPlaceCode", context)
        check.list(familyLinks.count, "familyLinks")
        if familyLinks.contains(where: { $0.personID == id }) { check.add("familyLinks", "a person cannot be their own relative") }
        check.text(phone, "phone", max: 40)
        check.text(address, "address")
        check.text(notes, "notes", max: Limits.longText)
        if sameAs == id { check.add("sameAs", "a record cannot be merged into itself") }
        if let distinctFrom {
            check.list(distinctFrom.count, "distinctFrom")
            if distinctFrom.contains(id) { check.add("distinctFrom", "a record cannot be another person than itself") }
        }
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(placeCode: originPlaceCode, typeCode: sex.code) }

    /// The main record of a merge points to nothing; a merged one points to its main record.
    public var references: [UUID] { [sameAs].compactMap { $0 } }

    /// The names (each also in the other spelling of the initial-sound rule, so that 이순희 finds
    /// 리순희 and back), the address and the notes.
    public var searchText: [String] {
        names.map(\.value) + names.compactMap { InitialSoundRule.otherSpelling($0.value) } + [address, notes].compactMap { $0 }
    }

    public var blindTerms: [BlindTerm] {
        var terms = names.map { BlindTerm(field: "name", value: $0.value) }
        if let phone {
            terms.append(BlindTerm(field: "phone", value: phone))
        }
        return terms
    }
}

extension ProblemCollector {
    mutating func problems(_ more: [FieldProblem]) {
        for problem in more { add(problem.field, problem.message) }
    }
}
