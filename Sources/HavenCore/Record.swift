import Foundation

/// Every kind of record Haven stores.
public enum RecordKind: String, Vocabulary {
    case event
    case act
    case victimGroup = "victim_group"
    case person
    case organisation
    case involvement
    case source
    case information
    case intervention
    case rescueRequest = "rescue_request"
    case place
    case attachment

    public static let vocabularyName = "recordKind"

    public var label: LocalizedLabel {
        switch self {
        case .event: LocalizedLabel(en: "Event", ko: "사건")
        case .act: LocalizedLabel(en: "Act", ko: "행위")
        case .victimGroup: LocalizedLabel(en: "Victim group", ko: "피해자 집단")
        case .person: LocalizedLabel(en: "Person", ko: "인물")
        case .organisation: LocalizedLabel(en: "Organisation", ko: "조직")
        case .involvement: LocalizedLabel(en: "Involvement", ko: "관여")
        case .source: LocalizedLabel(en: "Source", ko: "출처")
        case .information: LocalizedLabel(en: "Information", ko: "정보")
        case .intervention: LocalizedLabel(en: "Intervention", ko: "개입 요청")
        case .rescueRequest: LocalizedLabel(en: "Rescue request", ko: "구출 요청")
        case .place: LocalizedLabel(en: "Place", ko: "장소")
        case .attachment: LocalizedLabel(en: "Attachment", ko: "첨부 자료")
        }
    }

    /// The path segment of the kind's collection in the API, e.g. `rescue-requests`.
    public var pathSegment: String {
        switch self {
        case .event: "events"
        case .act: "acts"
        case .victimGroup: "victim-groups"
        case .person: "persons"
        case .organisation: "organisations"
        case .involvement: "involvements"
        case .source: "sources"
        case .information: "information"
        case .intervention: "interventions"
        case .rescueRequest: "rescue-requests"
        case .place: "places"
        case .attachment: "attachments"
        }
    }
}

/// A stored record: a value type with an identity, a compartment, and a split between
/// *protected* fields (sealed at rest) and *coded* fields (plaintext codes needed for indexing).
public protocol Record: Codable, Sendable, Equatable, Identifiable where ID == UUID {
    /// The kind of record this type is.
    static var kind: RecordKind { get }
    /// The JSON keys of the fields that are sealed at rest. Everything else is stored as plaintext codes.
    static var protectedFields: Set<String> { get }
    /// The record's identity.
    var id: UUID { get set }
    /// The compartment the record belongs to; access is granted per compartment.
    var compartment: String { get set }
    /// Problems that make the record invalid, each naming its field.
    func problems(in context: ValidationContext) -> [FieldProblem]
    /// Coded values that list and search filter on.
    var facets: RecordFacets { get }
    /// The text the in-memory search index matches (names, titles, narratives).
    var searchText: [String] { get }
    /// Values that can be found by exact lookup through blind indexes.
    var blindTerms: [BlindTerm] { get }
    /// The records this one points to through coded fields (an act's event and victim, an
    /// involvement's person …), for "what refers to this record". Protected links (a source's
    /// person, family links) are left out, so that following them reveals nothing withheld.
    var references: [UUID] { get }
    /// Fills values taken at intake (an attachment's digest) before validation.
    mutating func prepareForIntake(_ context: ValidationContext)
    /// Values the API fills in when a request body leaves these fields out.
    static var inputDefaults: [String: JSONValue] { get }
}

extension Record {
    public var blindTerms: [BlindTerm] { [] }
    public var references: [UUID] { [] }
    public static var inputDefaults: [String: JSONValue] { [:] }
    public mutating func prepareForIntake(_ context: ValidationContext) {}

    /// Throws ``ValidationError`` when ``problems(in:)`` finds anything.
    public func validate(in context: ValidationContext = .init()) throws(ValidationError) {
        var found = Compartment.problems(compartment)
        found += problems(in: context)
        if !found.isEmpty { throw ValidationError(problems: found) }
    }
}

/// The coded values of a record that filters and indexes use.
public struct RecordFacets: Sendable, Equatable {
    /// A status code (verification, rescue status, intervention status …).
    public var status: String?
    /// A gazetteer or custom place code.
    public var placeCode: String?
    /// The earliest date the record concerns.
    public var from: FuzzyDate?
    /// The latest date the record concerns.
    public var to: FuzzyDate?
    /// The record this one belongs to (an act's event, an information's source …).
    public var parentID: UUID?
    /// A type code within the kind (act type, organisation kind, source kind …).
    public var typeCode: String?

    /// Creates facets; all values are optional.
    public init(
        status: String? = nil, placeCode: String? = nil, from: FuzzyDate? = nil, to: FuzzyDate? = nil,
        parentID: UUID? = nil, typeCode: String? = nil
    ) {
        self.status = status
        self.placeCode = placeCode
        self.from = from
        self.to = to ?? from
        self.parentID = parentID
        self.typeCode = typeCode
    }
}

/// A protected value offered for exact lookup, e.g. a name or phone number.
public struct BlindTerm: Sendable, Hashable {
    /// The field the value belongs to, e.g. `name`.
    public let field: String
    /// The value, already normalised by ``BlindTerm/normalise(_:)``.
    public let value: String

    /// Creates a term, normalising the value. Phone numbers keep their digits only, so that
    /// "010-3333-4444" and "010 3333 4444" find the same person.
    public init(field: String, value: String) {
        self.field = field
        self.value = field == "phone" ? value.filter(\.isNumber) : BlindTerm.normalise(value)
    }

    /// NFC, case-folded, whitespace collapsed: the form exact lookups compare.
    public static func normalise(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .lowercased()
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }
}

/// Compartment names: short lowercase codes.
public enum Compartment {
    /// The compartment records go to when none is named.
    public static let `default` = "default"

    /// Problems with a compartment name.
    public static func problems(_ name: String) -> [FieldProblem] {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        // A leading '_' is kept for Haven's own keys (accounts are sealed under "_accounts").
        if name.isEmpty || name.count > 40 || !allowed || name.hasPrefix("_") || name.hasPrefix("-") {
            return [FieldProblem(field: "compartment", message: "must be 1–40 characters of a–z, 0–9, - and _, starting with a letter or digit")]
        }
        return []
    }
}
