/// One record to link: a person as one source reported them. Only the id is required; every
/// other field may be missing, and a missing field weighs neither for nor against a match.
public struct LinkRecord: Sendable, Equatable {
    public var id: String
    /// Which list or organisation the record came from.
    public var source: String?
    /// A full name in any script and either order ("김정숙", "Kim Jong-suk", "Jong Suk Kim").
    public var name: String?
    public var givenName: String?
    public var familyName: String?
    /// `female`/`male`, f/m or 여/남; anything else counts as unknown.
    public var sex: String?
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var birthDate: String?
    public var birthPlace: String?
    public var address: String?
    public var locality: String?
    public var postcode: String?
    public var region: String?
    public var idNumber: String?
    public var phone: String?

    public init(id: String, source: String? = nil, name: String? = nil, givenName: String? = nil, familyName: String? = nil,
                sex: String? = nil, birthDate: String? = nil, birthPlace: String? = nil, address: String? = nil,
                locality: String? = nil, postcode: String? = nil, region: String? = nil, idNumber: String? = nil, phone: String? = nil) {
        self.id = id
        self.source = source
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.address = address
        self.locality = locality
        self.postcode = postcode
        self.region = region
        self.idNumber = idNumber
        self.phone = phone
    }

    /// The CSV columns a record is read from, in the order `haven link` documents them.
    public static let columns = ["record_id"] + Field.allCases.map(\.rawValue)

    /// A field a linkage column other than record_id holds, named as the column.
    enum Field: String, CaseIterable, Sendable {
        case source, name
        case givenName = "given_name", familyName = "family_name"
        case sex
        case birthDate = "birth_date", birthPlace = "birth_place"
        case address, locality, postcode, region
        case idNumber = "id_number"
        case phone
    }

    mutating func set(_ field: Field, to value: String) {
        switch field {
        case .source: source = value
        case .name: name = value
        case .givenName: givenName = value
        case .familyName: familyName = value
        case .sex: sex = value
        case .birthDate: birthDate = value
        case .birthPlace: birthPlace = value
        case .address: address = value
        case .locality: locality = value
        case .postcode: postcode = value
        case .region: region = value
        case .idNumber: idNumber = value
        case .phone: phone = value
        }
    }
}
