import Foundation

/// A record reduced once to what the comparisons read (name readings, parsed date, folded text,
/// bare identifiers), so that comparing a pair does no parsing. A class, immutable once made:
/// comparing millions of pairs then passes one reference per record instead of copying a dozen
/// strings (which profiling showed as a tenth of the time).
final class PreparedRecord: Sendable {
    let source: Int32
    let name: KoreanName?
    /// The name's readings (none without a name), held apart for blocking: reading them through
    /// `name` copies the whole name (five references retained and released) for every rule.
    let readings: [KoreanName.Reading]
    let hasFamily: Bool
    let hasGiven: Bool
    let birth: PartialDate?
    /// The birth date as a blocking key, when it is known to the day (made once, used by two rules).
    let dayKey: String?
    let sex: Character?
    let birthPlace: PlaceNames.Resolved?
    let address: String?
    let locality: PlaceNames.Resolved?
    let region: PlaceNames.Resolved?
    let postcode: String?
    let idNumber: String?
    let phone: String?

    /// What preparing has worked out for each distinct value so far: records share names and
    /// places, and working one out (reading a name in every romanisation, looking a
    /// place up in the gazetteer) costs far more than finding it again. One per thread.
    final class Memo {
        var parts: [String: KoreanName.LatinPart] = [:]
        var names: [String: KoreanName] = [:]
        var places: [String: PlaceNames.Resolved?] = [:]

        init() {}

        func part(_ text: String) -> KoreanName.LatinPart { Self.value(of: text, in: &parts) { KoreanName.LatinPart(text) } }

        func name(_ text: String, _ read: () -> KoreanName) -> KoreanName { Self.value(of: text, in: &names, read) }

        func place(_ text: String) -> PlaceNames.Resolved? { Self.value(of: text, in: &places) { PlaceNames.resolve(text) } }

        /// The value remembered for `key`, worked out and remembered the first time.
        private static func value<Value>(of key: String, in table: inout [String: Value], _ make: () -> Value) -> Value {
            if let known = table[key] { return known }
            let value = make()
            table[key] = value
            return value
        }
    }

    init(_ record: LinkRecord, source: Int32, memo: Memo = Memo()) {
        self.source = source
        // Separate family and given names are preferred to a full name: their order is known.
        var name: KoreanName?
        if record.familyName != nil || record.givenName != nil {
            let family = record.familyName ?? "", given = record.givenName ?? ""
            // A name in Hangul is read whole (its parts are romanised together); a romanised
            // one part by part, each part once.
            if Hangul.contains(family) || Hangul.contains(given) {
                name = memo.name(family + "\u{1F}" + given) { KoreanName(family: family, given: given) }
            } else {
                name = KoreanName(family: family, given: given, part: memo.part)
            }
        } else if let full = record.name {
            name = memo.name(full) { KoreanName(full) }
        }
        if let readings = name?.readings, !readings.isEmpty {
            hasFamily = readings.contains { !$0.family.isEmpty }
            hasGiven = readings.contains { !$0.given.isEmpty }
        } else {
            name = nil
            hasFamily = false
            hasGiven = false
        }
        self.name = name
        readings = name?.readings ?? []
        // Dates are mostly distinct, and read faster than looked up.
        birth = record.birthDate.flatMap { PartialDate($0) }
        dayKey = birth?.dayKey
        sex = record.sex.flatMap(FieldComparisons.sexCode)
        birthPlace = record.birthPlace.flatMap(memo.place)
        address = Self.text(record.address)
        locality = record.locality.flatMap(memo.place)
        region = record.region.flatMap(memo.place)
        postcode = Self.identifier(record.postcode)
        idNumber = Self.identifier(record.idNumber)
        phone = record.phone.flatMap { text in
            let digits = String(FieldComparisons.digits(text).suffix(8))
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
    var familyKey: String? { readings.first.flatMap { $0.family.isEmpty ? nil : KoreanName.familyBlockKey($0) } }
    var givenKey: String? { readings.first.map(\.given).flatMap { $0.isEmpty ? nil : $0 } }
}
