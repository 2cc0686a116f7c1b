/// A rule that makes candidate pairs: records that agree exactly on its key are compared. Names
/// enter as sound keys, so that spellings of one name in different systems share a key.
public enum BlockingRule: String, CaseIterable, Sendable, Codable {
    case fullName = "family_name+given_name"
    case givenNameBirthYear = "given_name+birth_year"
    /// A slip in the given name (현선 / 현성, Hwang Il / Hwngil) still meets the family name, the
    /// birth year and the given name's first or last three letters.
    case familyNameBirthYearGivenStart = "family_name+birth_year+given_name_start"
    case familyNameBirthYearGivenEnd = "family_name+birth_year+given_name_end"
    case familyNameBirthDate = "family_name+birth_date"
    case birthDatePostcode = "birth_date+postcode"
    case postcodeGivenName = "postcode+given_name"
    case idNumber = "id_number"
    case phone

    /// The comparisons a pair made by this rule agrees on by construction, which its pairs
    /// cannot teach anything about.
    var comparisons: Set<LinkComparison> {
        switch self {
        case .fullName: [.familyName, .givenName]
        case .givenNameBirthYear: [.givenName, .birthDate]
        // Sharing part of the given name makes its agreement partly the rule's doing too.
        case .familyNameBirthYearGivenStart, .familyNameBirthYearGivenEnd: [.familyName, .birthDate, .givenName]
        case .familyNameBirthDate: [.familyName, .birthDate]
        case .birthDatePostcode: [.birthDate, .postcode]
        case .postcodeGivenName: [.postcode, .givenName]
        case .idNumber: [.idNumber]
        case .phone: [.phone]
        }
    }

    /// The record's keys under this rule (none when a part is missing).
    func keys(_ record: PreparedRecord) -> [String] {
        let readings = record.name?.readings ?? []
        let day = record.birth.flatMap { date in date.day.map { "\(date.year)-\(date.month!)-\($0)" } }
        switch self {
        case .fullName:
            return readings.compactMap { $0.family.isEmpty || $0.given.isEmpty ? nil : KoreanName.familyBlockKey($0) + "|" + $0.given }
        case .givenNameBirthYear:
            guard let year = record.birth?.year else { return [] }
            return readings.compactMap { $0.given.isEmpty ? nil : $0.given + "|\(year)" }
        case .familyNameBirthYearGivenStart, .familyNameBirthYearGivenEnd:
            guard let year = record.birth?.year else { return [] }
            return readings.compactMap { reading in
                guard !reading.family.isEmpty, reading.given.count >= 4 else { return nil }
                let part = self == .familyNameBirthYearGivenStart ? reading.given.prefix(3) : reading.given.suffix(3)
                return KoreanName.familyBlockKey(reading) + "|\(year)|" + part
            }
        case .familyNameBirthDate:
            guard let day else { return [] }
            return readings.compactMap { $0.family.isEmpty ? nil : KoreanName.familyBlockKey($0) + "|" + day }
        case .birthDatePostcode:
            guard let day, let postcode = record.postcode else { return [] }
            return [day + "|" + postcode]
        case .postcodeGivenName:
            guard let postcode = record.postcode else { return [] }
            return readings.compactMap { $0.given.isEmpty ? nil : postcode + "|" + $0.given }
        case .idNumber:
            return record.idNumber.map { [$0] } ?? []
        case .phone:
            return record.phone.map { [$0] } ?? []
        }
    }
}
