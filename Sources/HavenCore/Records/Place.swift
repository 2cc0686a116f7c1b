import Foundation

/// A place: a gazetteer entry shipped with Haven, or a custom place added by users.
///
/// Places hold no personal data, so every field is coded.
public struct Place: Record {
    public static let kind = RecordKind.place
    public static let protectedFields: Set<String> = []

    public var id: UUID
    public var compartment: String
    /// A stable code, e.g. `KP-HB-ONSONG` or `CN-JL-YANJI`.
    public var code: String
    /// The Korean name in Hangul.
    public var nameHangul: String
    /// The name in Chinese characters, when it has one.
    public var nameChinese: String?
    /// The romanised name as usually written in English.
    public var nameRomanised: String
    /// What kind of place it is.
    public var placeKind: PlaceKind
    /// The ISO 3166-1 alpha-2 country code.
    public var country: String
    /// The code of the province or country it lies in.
    public var parentCode: String?
    /// Approximate latitude.
    public var latitude: Double?
    /// Approximate longitude.
    public var longitude: Double?

    /// Creates a place.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, code: String, nameHangul: String,
        nameChinese: String? = nil, nameRomanised: String, placeKind: PlaceKind, country: String,
        parentCode: String? = nil, latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.id = id
        self.compartment = compartment
        self.code = code
        self.nameHangul = nameHangul
        self.nameChinese = nameChinese
        self.nameRomanised = nameRomanised
        self.placeKind = placeKind
        self.country = country
        self.parentCode = parentCode
        self.latitude = latitude
        self.longitude = longitude
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        let codeAllowed = code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if code.isEmpty || code.count > 60 || !codeAllowed { check.add("code", "must be 1–60 characters of A–Z, 0–9 and -") }
        check.text(nameHangul, "nameHangul", required: true)
        check.text(nameChinese, "nameChinese")
        check.text(nameRomanised, "nameRomanised", required: true)
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            check.add("country", "must be an ISO 3166-1 alpha-2 code such as KP or CN")
        }
        check.place(parentCode, "parentCode", context)
        if let latitude, !(-90...90).contains(latitude) { check.add("latitude", "must be between -90 and 90") }
        if let longitude, !(-180...180).contains(longitude) { check.add("longitude", "must be between -180 and 180") }
        return check.problems
    }

    public var facets: RecordFacets { RecordFacets(placeCode: parentCode, typeCode: placeKind.code) }
    public var searchText: [String] { [code, nameHangul, nameChinese, nameRomanised].compactMap { $0 } }
}
