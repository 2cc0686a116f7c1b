import Foundation

/// An incident: something that happened, with a beginning and an end, made of one or more acts.
public struct Event: Record {
    public static let kind = RecordKind.event
    public static let protectedFields: Set<String> = ["title", "description", "startDate", "endDate", "placeDetail"]
    public static let inputDefaults: [String: JSONValue] = ["verification": .string(VerificationStatus.unverified.code)]

    public var id: UUID
    public var compartment: String
    /// A short title; protected because titles often name people.
    public var title: String
    /// The narrative of what happened.
    public var description: String?
    /// When the event began, to the precision known.
    public var startDate: FuzzyDate?
    /// When the event ended, when different from the start.
    public var endDate: FuzzyDate?
    /// The gazetteer code of where it happened.
    public var placeCode: String?
    /// Place detail finer than the gazetteer (a street, a building).
    public var placeDetail: String?
    /// How far the account has been checked.
    public var verification: VerificationStatus

    /// Creates an event.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, title: String, description: String? = nil,
        startDate: FuzzyDate? = nil, endDate: FuzzyDate? = nil, placeCode: String? = nil, placeDetail: String? = nil,
        verification: VerificationStatus = .unverified
    ) {
        self.id = id
        self.compartment = compartment
        self.title = title
        self.description = description
        self.startDate = startDate
        self.endDate = endDate
        self.placeCode = placeCode
        self.placeDetail = placeDetail
        self.verification = verification
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.text(title, "title", required: true)
        check.text(description, "description", max: Limits.longText)
        check.text(placeDetail, "placeDetail")
        check.place(placeCode, "placeCode", context)
        check.order(startDate, endDate, "endDate")
        return check.problems
    }

    public var facets: RecordFacets {
        RecordFacets(status: verification.code, placeCode: placeCode, from: startDate, to: endDate)
    }

    public var searchText: [String] { [title, description, placeDetail].compactMap { $0 } }
}

/// What happened to one victim or one victim group within an event.
public struct Act: Record {
    public static let kind = RecordKind.act
    public static let protectedFields: Set<String> = ["date", "notes"]
    public static let inputDefaults: [String: JSONValue] = ["victimStatus": .string(VictimStatus.unknown.code)]

    public var id: UUID
    public var compartment: String
    /// The event the act is part of.
    public var eventID: UUID
    /// What was done.
    public var actType: ActType
    /// The individual victim, when known.
    public var victimID: UUID?
    /// The victim group, when victims are counted rather than identified.
    public var victimGroupID: UUID?
    /// The group a named victim is one of ("a group of 15, among them 리순희"): the group's size
    /// already counts them, so they are not counted again (see ``PeopleCount``).
    public var memberOfGroupID: UUID?
    /// When the act happened.
    public var date: FuzzyDate?
    /// Where it happened.
    public var placeCode: String?
    /// The victim's situation at the end of the act.
    public var victimStatus: VictimStatus
    /// Narrative detail.
    public var notes: String?

    /// Creates an act.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, eventID: UUID, actType: ActType,
        victimID: UUID? = nil, victimGroupID: UUID? = nil, memberOfGroupID: UUID? = nil, date: FuzzyDate? = nil, placeCode: String? = nil,
        victimStatus: VictimStatus = .unknown, notes: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.eventID = eventID
        self.actType = actType
        self.victimID = victimID
        self.victimGroupID = victimGroupID
        self.memberOfGroupID = memberOfGroupID
        self.date = date
        self.placeCode = placeCode
        self.victimStatus = victimStatus
        self.notes = notes
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.place(placeCode, "placeCode", context)
        check.text(notes, "notes", max: Limits.longText)
        if victimID != nil && victimGroupID != nil {
            check.add("victimGroupID", "an act has either one victim or one victim group, not both")
        }
        if memberOfGroupID != nil && victimID == nil {
            check.add("memberOfGroupID", "only a named victim can be counted as one of a group")
        }
        return check.problems
    }

    public var facets: RecordFacets {
        RecordFacets(status: victimStatus.code, placeCode: placeCode, from: date, parentID: eventID, typeCode: actType.code)
    }

    public var searchText: [String] { [notes].compactMap { $0 } }
}

extension Act {
    public var references: [UUID] { [eventID, victimID, victimGroupID, memberOfGroupID].compactMap { $0 } }
}

extension VictimGroup {
    public var references: [UUID] { [eventID] }
}

/// Victims counted but not identified, such as "13 women and 2 children".
public struct VictimGroup: Record {
    public static let kind = RecordKind.victimGroup
    public static let protectedFields: Set<String> = ["description"]

    public var id: UUID
    public var compartment: String
    /// The event the group was part of.
    public var eventID: UUID
    /// How many people the group held.
    public var size: Int
    /// How many of them were women, when known.
    public var women: Int?
    /// How many were men, when known.
    public var men: Int?
    /// How many were children, when known.
    public var children: Int?
    /// A description of the group.
    public var description: String?

    /// Creates a victim group.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, eventID: UUID, size: Int,
        women: Int? = nil, men: Int? = nil, children: Int? = nil, description: String? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.eventID = eventID
        self.size = size
        self.women = women
        self.men = men
        self.children = children
        self.description = description
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.count(size, "size")
        if size < 1 { check.add("size", "must be at least 1") }
        check.count(women, "women")
        check.count(men, "men")
        check.count(children, "children")
        // Summed only once each part is in range, and without a trap whatever the parts are.
        if let together = WholeNumber.sum([women ?? 0, men ?? 0, children ?? 0]), together > size {
            check.add("size", "is smaller than women, men and children together")
        }
        check.text(description, "description", max: Limits.longText)
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(parentID: eventID) }
    public var searchText: [String] { [description].compactMap { $0 } }
}
