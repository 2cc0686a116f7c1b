/// A comparison linkage makes between two records, and its agreement levels. Level 0 is always
/// "missing on one side" and weighs nothing; the higher the level, the closer the agreement.
public enum LinkComparison: String, CaseIterable, Sendable, Codable {
    case familyName = "family_name"
    case givenName = "given_name"
    case birthDate = "birth_date"
    case sex
    case birthPlace = "birth_place"
    case address
    case locality
    case postcode
    case region
    case idNumber = "id_number"
    case phone

    /// What each level means, level 0 first; its count is the comparison's number of levels.
    public var levelNames: [String] {
        switch self {
        case .familyName:
            ["missing", "different", "similar", "close", "same"]
        // One slip from a spelling no other record has is more often a slip of the pen than
        // another person's name, which others share (measured on the Korean set: a third of such
        // pairs without birth dates match, against one in twenty otherwise). EM weighs the two.
        case .givenName:
            ["missing", "different", "similar", "close", "close, rare spelling", "same"]
        case .birthDate:
            ["missing", "different", "in the range", "within a year", "one slip", "same year", "same month", "same day"]
        case .address:
            ["missing", "different", "similar", "close", "same"]
        case .birthPlace, .locality, .region:
            ["missing", "different", "similar", "nearby", "same"]
        case .sex, .postcode, .idNumber, .phone:
            ["missing", "different", "same"]
        }
    }

    /// The levels, and the level that means "the same value" (which term frequencies adjust).
    public var levels: Int { levelNames.count }
    public var topLevel: UInt8 { UInt8(levels - 1) }

    /// Whether a record has a value this comparison can use.
    func present(in record: PreparedRecord) -> Bool {
        switch self {
        case .familyName: record.name.map { $0.readings.contains { !$0.family.isEmpty } } ?? false
        case .givenName: record.name.map { $0.readings.contains { !$0.given.isEmpty } } ?? false
        case .birthDate: record.birth != nil
        case .sex: record.sex != nil
        case .birthPlace: record.birthPlace != nil
        case .address: record.address != nil
        case .locality: record.locality != nil
        case .postcode: record.postcode != nil
        case .region: record.region != nil
        case .idNumber: record.idNumber != nil
        case .phone: record.phone != nil
        }
    }

    /// The level of agreement of two prepared records; `names` is the pair's name similarity,
    /// computed once for both name comparisons.
    /// `rareGiven`: whether one of the two records' given names is spelt as no other record's is.
    func level(_ a: PreparedRecord, _ b: PreparedRecord, names: (family: Double, given: Double)?, rareGiven: Bool) -> UInt8 {
        switch self {
        case .familyName:
            guard let names, a.hasFamily, b.hasFamily else { return 0 }
            return Self.nameLevel(names.family)
        case .givenName:
            guard let names, a.hasGiven, b.hasGiven else { return 0 }
            // nameLevel's "same" is this comparison's 5, its "close" 3 or, for a rare spelling, 4.
            switch Self.nameLevel(names.given) {
            case 4: return 5
            case 3 where rareGiven: return 4
            case let level: return level
            }
        case .birthDate: return PartialDate.level(a.birth, b.birth)
        case .sex:
            guard let x = a.sex, let y = b.sex else { return 0 }
            return x == y ? 2 : 1
        case .birthPlace: return PlaceNames.level(a.birthPlace, b.birthPlace)
        case .address: return FieldComparisons.foldedText(a.address, b.address)
        case .locality: return PlaceNames.level(a.locality, b.locality)
        case .region: return PlaceNames.level(a.region, b.region)
        case .postcode: return Self.equality(a.postcode, b.postcode)
        case .idNumber: return Self.equality(a.idNumber, b.idNumber)
        case .phone: return Self.equality(a.phone, b.phone)
        }
    }

    static func nameLevel(_ similarity: Double) -> UInt8 {
        similarity >= 0.999 ? 4 : similarity >= KoreanName.oneSlip ? 3 : similarity >= 0.8 ? 2 : 1
    }

    static func equality(_ a: String?, _ b: String?) -> UInt8 {
        guard let a, let b else { return 0 }
        return a == b ? 2 : 1
    }
}
