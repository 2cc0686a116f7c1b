import Foundation

/// A calendar day in UTC, the one day type of Haven: as `YYYY-MM-DD` text (what filters, stored
/// dates and forms use) and as a number of days since 1 January 1970 (for windows of days
/// between dates).
public enum Day {
    /// The proleptic Gregorian date `days` days after 1970-01-01 (before it when negative):
    /// Howard Hinnant's days-to-civil, in whole numbers only.
    public static func civil(fromDaysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The UTC day of an instant, as `YYYY-MM-DD`.
    public static func string(_ date: Date) -> String { String(ISO8601DateFormatter().string(from: date).prefix(10)) }

    /// The instant a `YYYY-MM-DD` day begins, in UTC; nil for text that is not a day.
    public static func date(_ day: String) -> Date? { ISO8601DateFormatter().date(from: day + "T00:00:00Z") }

    /// The day `days` after (or, negative, before) `day`; `day` itself when it is not a day.
    public static func offset(_ day: String, days: Int) -> String {
        guard let date = date(day) else { return day }
        return string(date.addingTimeInterval(Double(days) * 86_400))
    }

    /// The number of the earliest day a fuzzy date can mean, counted from 1 January 1970.
    public static func number(_ date: FuzzyDate?) -> Int? {
        guard let date else { return nil }
        var components = DateComponents()
        components.year = date.year
        components.month = date.month ?? 1
        components.day = date.day ?? 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components).map { Int($0.timeIntervalSince1970 / 86_400) }
    }
}
