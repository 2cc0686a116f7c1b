import Foundation

/// A calendar day in UTC, the one day type of Haven: as `YYYY-MM-DD` text (what filters, stored
/// dates and forms use) and as a number of days since 1 January 1970 (for windows of days
/// between dates).
public enum Day {
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
