import Foundation

/// How precisely a date is known.
public enum DatePrecision: String, Vocabulary {
    case day
    case month
    case year

    public static let vocabularyName = "datePrecision"

    public var label: LocalizedLabel {
        switch self {
        case .day: LocalizedLabel(en: "Day", ko: "일")
        case .month: LocalizedLabel(en: "Month", ko: "월")
        case .year: LocalizedLabel(en: "Year", ko: "년")
        }
    }
}

/// A date known to a day, a month or a year, possibly approximate.
///
/// Written and read as `2024-08-21`, `2024-08` or `2024`, with a leading `~` when approximate
/// (`~2019`). Testimony rarely gives more than a month, and Haven never invents precision.
public struct FuzzyDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month (1–12), when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?
    /// Whether the source gave the date as an estimate.
    public let approximate: Bool

    /// The precision the date is known to.
    public var precision: DatePrecision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// Creates a date, refusing impossible ones (month 13, 31 February, day without month).
    public init(year: Int, month: Int? = nil, day: Int? = nil, approximate: Bool = false) throws(InvalidDate) {
        guard (1900...2200).contains(year) else { throw InvalidDate(reason: "the year is outside 1900–2200") }
        if let month {
            guard (1...12).contains(month) else { throw InvalidDate(reason: "the month does not exist (1–12)") }
        }
        if let day {
            guard let month else { throw InvalidDate(reason: "a day needs a month") }
            let last = FuzzyDate.daysIn(month: month, year: year)
            guard (1...last).contains(day) else {
                throw InvalidDate(reason: "the day does not exist in that month")
            }
        }
        self.year = year
        self.month = month
        self.day = day
        self.approximate = approximate
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally with a leading `~`.
    public init(parsing text: String) throws(InvalidDate) {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        let approximate = body.hasPrefix("~")
        if approximate { body = body.dropFirst() }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else {
            throw InvalidDate(reason: "not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        }
        let numbers = parts.map { Int($0)! }
        try self.init(
            year: numbers[0],
            month: numbers.count > 1 ? numbers[1] : nil,
            day: numbers.count > 2 ? numbers[2] : nil,
            approximate: approximate
        )
    }

    /// The canonical text form, e.g. `2024-08`, `~2019`.
    public var description: String {
        var text = approximate ? "~" : ""
        text += Self.padded(year, to: 4)
        if let month { text += "-" + Self.padded(month, to: 2) }
        if let day { text += "-" + Self.padded(day, to: 2) }
        return text
    }

    /// `value` in decimal, zero-padded to `width` digits as `String(format: "%0Nd")` writes it.
    /// Every record the API sends writes its dates, and `String(format:)` was a tenth of a
    /// search's work.
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(width - digits.count - (value < 0 ? 1 : 0), 0))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    /// The same date known to its year only: what a reader who sees protected dates redacted
    /// may see of one.
    public var toTheYear: FuzzyDate {
        // A year this date already holds is always valid.
        (try? FuzzyDate(year: year, approximate: approximate)) ?? self
    }

    /// The year and month as `YYYY-MM` (January when the month is unknown): the coarse form
    /// that may be stored in plaintext for indexing.
    public var coarse: String { Self.padded(year, to: 4) + "-" + Self.padded(month ?? 1, to: 2) }

    /// The first day the date can mean, as `YYYY-MM-DD`.
    public var earliest: String { Self.day(year, month ?? 1, day ?? 1) }

    /// The last day the date can mean, as `YYYY-MM-DD`.
    public var latest: String {
        let m = month ?? 12
        return Self.day(year, m, day ?? FuzzyDate.daysIn(month: m, year: year))
    }

    /// `YYYY-MM-DD`, zero-padded. Written digit by digit: reports sort and filter by these
    /// strings millions of times, and `String(format:)` was most of their work.
    static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return String(format: "%04d-%02d-%02d", year, month, day)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            buffer[0] = zero + UInt8(year / 1000)
            buffer[1] = zero + UInt8(year / 100 % 10)
            buffer[2] = zero + UInt8(year / 10 % 10)
            buffer[3] = zero + UInt8(year % 10)
            buffer[4] = dash
            buffer[5] = zero + UInt8(month / 10)
            buffer[6] = zero + UInt8(month % 10)
            buffer[7] = dash
            buffer[8] = zero + UInt8(day / 10)
            buffer[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: FuzzyDate, rhs: FuzzyDate) -> Bool { lhs.earliest < rhs.earliest }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A date that does not exist or cannot be read.
public struct InvalidDate: Error, Sendable, Equatable {
    /// Why the date was refused.
    public let reason: String
}

/// An age given instead of a birth date, such as "in her 50s" (50–59).
public struct AgeRange: Sendable, Hashable, Codable {
    /// The youngest age the person can be.
    public let minimum: Int
    /// The oldest age the person can be.
    public let maximum: Int
    /// The date the age was reported, so that it can be turned into birth years.
    public let asOf: FuzzyDate?

    /// Creates a range; the bounds must be 0–130 and in order.
    public init(minimum: Int, maximum: Int, asOf: FuzzyDate? = nil) {
        self.minimum = minimum
        self.maximum = maximum
        self.asOf = asOf
    }

    /// The decade range "in their Ns", e.g. `decade(50)` is 50–59.
    public static func decade(_ start: Int, asOf: FuzzyDate? = nil) -> AgeRange {
        AgeRange(minimum: start, maximum: start + 9, asOf: asOf)
    }

    /// Problems with the range, as field problems under `path`.
    func problems(at path: String) -> [FieldProblem] {
        var found: [FieldProblem] = []
        if !(0...130).contains(minimum) { found.append(.init(field: "\(path).minimum", message: "must be 0–130")) }
        if !(0...130).contains(maximum) { found.append(.init(field: "\(path).maximum", message: "must be 0–130")) }
        if minimum > maximum { found.append(.init(field: path, message: "minimum is above maximum")) }
        return found
    }
}
