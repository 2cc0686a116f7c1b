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
    public static let columns = ["record_id", "source", "name", "given_name", "family_name", "sex", "birth_date", "birth_place",
                                 "address", "locality", "postcode", "region", "id_number", "phone"]

    /// Sets the field a linkage column holds; false for a column that is not one.
    mutating func set(column: String, to value: String) -> Bool {
        switch column {
        case "source": source = value
        case "name": name = value
        case "given_name": givenName = value
        case "family_name": familyName = value
        case "sex": sex = value
        case "birth_date": birthDate = value
        case "birth_place": birthPlace = value
        case "address": address = value
        case "locality": locality = value
        case "postcode": postcode = value
        case "region": region = value
        case "id_number": idNumber = value
        case "phone": phone = value
        default: return false
        }
        return true
    }
}
