import Foundation

/// A record reduced once to what the comparisons read (name readings, parsed date, folded text,
/// bare identifiers), so that comparing a pair does no parsing.
struct PreparedRecord: Sendable {
    var source: Int32
    var name: KoreanName?
    var hasFamily = false
    var hasGiven = false
    var birth: PartialDate?
    var sex: Character?
    var birthPlace: PlaceNames.Resolved?
    var address: String?
    var locality: PlaceNames.Resolved?
    var region: PlaceNames.Resolved?
    var postcode: String?
    var idNumber: String?
    var phone: String?

    init(_ record: LinkRecord, source: Int32) {
        self.source = source
        // Separate family and given names are preferred to a full name: their order is known.
        if record.familyName != nil || record.givenName != nil {
            name = KoreanName(family: record.familyName ?? "", given: record.givenName ?? "")
        } else if let full = record.name {
            name = KoreanName(full)
        }
        if let name, !name.readings.isEmpty {
            hasFamily = name.readings.contains { !$0.family.isEmpty }
            hasGiven = name.readings.contains { !$0.given.isEmpty }
        } else {
            name = nil
        }
        birth = record.birthDate.flatMap { PartialDate($0) }
        sex = record.sex.flatMap(FieldComparisons.sexCode)
        birthPlace = record.birthPlace.flatMap(PlaceNames.resolve)
        address = Self.text(record.address)
        locality = record.locality.flatMap(PlaceNames.resolve)
        region = record.region.flatMap(PlaceNames.resolve)
        postcode = Self.identifier(record.postcode)
        idNumber = Self.identifier(record.idNumber)
        phone = record.phone.flatMap { text in
            let digits = String(text.filter(\.isASCII).filter(\.isNumber).suffix(8))
            return digits.count >= 6 ? digits : nil
        }
    }

    static func text(_ value: String?) -> String? {
        guard let value else { return nil }
        let folded = FieldComparisons.folded(value)
        return folded.isEmpty ? nil : folded
    }

    static func identifier(_ value: String?) -> String? {
        guard let value else { return nil }
        let bare = FieldComparisons.alphanumerics(value)
        return bare.isEmpty ? nil : bare
    }

    /// The family and given name keys of the first reading (stable across runs), for blocking
    /// and term frequencies.
    var familyKey: String? { name?.readings.first.flatMap { $0.family.isEmpty ? nil : KoreanName.familyBlockKey($0) } }
    var givenKey: String? { name?.readings.first.map(\.given).flatMap { $0.isEmpty ? nil : $0 } }
}
