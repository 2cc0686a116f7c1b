/// A rule that makes candidate pairs: records that agree exactly on one of its keys are compared.
/// Names enter as sound keys, so that spellings of one name in different systems share a key.
public enum BlockingRule: String, CaseIterable, Sendable, Codable {
    case fullName = "family_name+given_name"
    case givenNameBirthYear = "given_name+birth_year"
    /// A slip in the given name (현선 / 현성, Hwang Il / Hwngil) still meets the family name, the
    /// birth year and the given name's first or last three letters …
    case familyNameBirthYearGivenStart = "family_name+birth_year+given_name_start"
    case familyNameBirthYearGivenEnd = "family_name+birth_year+given_name_end"
    /// … or the given name within one edit (Sekksong / Seoksong, Muo / Muso), with the birth
    /// year within one too: a slip in the name and one in the year often come together. Its keys
    /// are the next rule's (family name and given name within one edit); the years, compared
    /// as blocks are walked, pick its pairs.
    case familyNameNearBirthYearGivenOneEdit = "family_name+near_birth_year+given_name_one_edit"
    /// A record without a birth year has only its name to be found by: family name and given
    /// name within one edit, pairing only where one of the two has no birth year (with both
    /// years known, the rules above find the pair).
    case familyNameGivenOneEditUndated = "family_name+given_name_one_edit+undated"
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
        case .familyNameBirthYearGivenStart, .familyNameBirthYearGivenEnd, .familyNameNearBirthYearGivenOneEdit:
            [.familyName, .birthDate, .givenName]
        case .familyNameGivenOneEditUndated: [.familyName, .givenName]
        case .familyNameBirthDate: [.familyName, .birthDate]
        case .birthDatePostcode: [.birthDate, .postcode]
        case .postcodeGivenName: [.postcode, .givenName]
        case .idNumber: [.idNumber]
        case .phone: [.phone]
        }
    }

    /// Whether a pair under this rule needs one record with no birth year.
    var pairsOnlyUndated: Bool { self == .familyNameGivenOneEditUndated }

    /// Whether this rule pairs only records born at most a year apart (``Blocking/Rule/years``).
    var pairsByYear: Bool { self == .familyNameNearBirthYearGivenOneEdit }

    /// The rule whose keys this one uses (itself but for the near-year rule), so that two rules
    /// with the same keys have them made once.
    var keyed: BlockingRule { self == .familyNameNearBirthYearGivenOneEdit ? .familyNameGivenOneEditUndated : self }

    /// The record's keys under this rule (none when a part is missing).
    func keys(_ record: PreparedRecord) -> [String] {
        let readings = record.name?.readings ?? []
        let day = record.birth?.dayKey
        func families(_ reading: KoreanName.Reading) -> [String] {
            reading.family.isEmpty ? [] : KoreanName.familyBlockKeys(reading)
        }
        switch self {
        case .fullName:
            return readings.flatMap { reading in
                reading.given.isEmpty ? [] : families(reading).map { $0 + "|" + reading.given }
            }
        case .givenNameBirthYear:
            guard let year = record.birth?.blockingYear else { return [] }
            return readings.compactMap { $0.given.isEmpty ? nil : $0.given + "|\(year)" }
        case .familyNameBirthYearGivenStart, .familyNameBirthYearGivenEnd:
            guard let year = record.birth?.blockingYear else { return [] }
            return readings.flatMap { reading -> [String] in
                guard reading.given.count >= 4 else { return [] }
                let part = self == .familyNameBirthYearGivenStart ? reading.given.prefix(3) : reading.given.suffix(3)
                return families(reading).map { $0 + "|\(year)|" + part }
            }
        case .familyNameNearBirthYearGivenOneEdit, .familyNameGivenOneEditUndated:
            return readings.flatMap { reading in
                families(reading).flatMap { family in Self.oneEdit(reading.given).map { family + "|" + $0 } }
            }
        case .familyNameBirthDate:
            guard let day else { return [] }
            return readings.flatMap { families($0).map { $0 + "|" + day } }
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

    /// The record's keys under this rule, hashed as ``Blocking/Keys`` hashes them: the hashes of
    /// ``keys(_:)``, each hashed part by part from the bytes without making the key's text (a
    /// million records have tens of millions of keys).
    func hashes(_ record: PreparedRecord) -> [UInt64] {
        var result: [UInt64] = []
        hashes(record, into: &result)
        return result
    }

    /// ``hashes(_:)`` written over `result`, whose storage a caller keying many records reuses.
    /// Nothing is allocated per key: parts are hashed in turn, and a family name with no
    /// Hangul surname stands for itself without an array made for it.
    func hashes(_ record: PreparedRecord, into result: inout [UInt64]) {
        result.removeAll(keepingCapacity: true)
        let readings = record.readings
        func eachFamily(_ reading: KoreanName.Reading, _ body: (String) -> Void) {
            guard !reading.family.isEmpty else { return }
            if reading.familyHangul.isEmpty { body(reading.family) } else { reading.familyHangul.forEach(body) }
        }
        switch self {
        case .fullName:
            for reading in readings where !reading.given.isEmpty {
                eachFamily(reading) { result.append(Self.key($0, reading.given)) }
            }
        case .givenNameBirthYear:
            guard let year = record.birth?.blockingYear else { return }
            let yearText = String(year)
            for reading in readings where !reading.given.isEmpty { result.append(Self.key(reading.given, yearText)) }
        case .familyNameBirthYearGivenStart, .familyNameBirthYearGivenEnd:
            guard let year = record.birth?.blockingYear else { return }
            let yearText = String(year)
            for reading in readings {
                // Three letters of a sound key: its bytes when it is ASCII, as it nearly always is.
                let given = reading.given, ascii = given.utf8.allSatisfy { $0 < 0x80 }
                guard ascii ? given.utf8.count >= 4 : given.count >= 4 else { continue }
                let part = self == .familyNameBirthYearGivenStart
                    ? (ascii ? String(decoding: given.utf8.prefix(3), as: UTF8.self) : String(given.prefix(3)))
                    : (ascii ? String(decoding: given.utf8.suffix(3), as: UTF8.self) : String(given.suffix(3)))
                eachFamily(reading) { result.append(Self.key($0, yearText, part)) }
            }
        case .familyNameNearBirthYearGivenOneEdit, .familyNameGivenOneEditUndated:
            for reading in readings where !reading.family.isEmpty && !reading.given.isEmpty {
                var given = reading.given
                given.withUTF8 { given in
                    eachFamily(reading) { family in
                        let start = Blocking.Keys.hash(Self.separator, from: Self.key(family))
                        result.append(Blocking.Keys.hash(given, from: start))
                        guard given.count >= 3 else { return }
                        for skip in 0..<given.count where skip == 0 || given[skip] != given[skip - 1] {
                            result.append(Blocking.Keys.hash(given[(skip + 1)...], from: Blocking.Keys.hash(given[..<skip], from: start)))
                        }
                    }
                }
            }
        case .familyNameBirthDate:
            guard let day = record.dayKey else { return }
            for reading in readings { eachFamily(reading) { result.append(Self.key($0, day)) } }
        case .birthDatePostcode:
            guard let day = record.dayKey, let postcode = record.postcode else { return }
            result.append(Self.key(day, postcode))
        case .postcodeGivenName:
            guard let postcode = record.postcode else { return }
            for reading in readings where !reading.given.isEmpty { result.append(Self.key(postcode, reading.given)) }
        case .idNumber:
            if let id = record.idNumber { result.append(Self.key(id)) }
        case .phone:
            if let phone = record.phone { result.append(Self.key(phone)) }
        }
    }

    static let separator = [UInt8(ascii: "|")]

    /// The hash of the key made of these parts joined by "|", without making its text.
    static func key(_ first: String, _ second: String? = nil, _ third: String? = nil) -> UInt64 {
        var hash = Blocking.Keys.hash(first)
        if let second {
            hash = Blocking.Keys.hash(second, from: Blocking.Keys.hash(separator, from: hash))
            if let third { hash = Blocking.Keys.hash(third, from: Blocking.Keys.hash(separator, from: hash)) }
        }
        return hash
    }

    /// A sound key and each form of it with one letter left out: two keys one insertion,
    /// deletion, substitution or transposition apart share one of these. Keys shorter than three
    /// letters stay whole (one letter left would meet too many names).
    static func oneEdit(_ key: String) -> [String] {
        guard !key.isEmpty else { return [] }
        let bytes = Array(key.utf8)
        guard bytes.count >= 3 else { return [key] }
        var result = [key]
        result.reserveCapacity(bytes.count + 1)
        for skip in bytes.indices where skip == 0 || bytes[skip] != bytes[skip - 1] {
            var variant = bytes
            variant.remove(at: skip)
            result.append(String(decoding: variant, as: UTF8.self))
        }
        return result
    }
}
