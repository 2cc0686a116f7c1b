/// A date known to the day, the month or the year (birth dates often are), and how two agree.
public struct PartialDate: Sendable, Hashable {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// From `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; nil for anything else or an impossible date.
    public init?(_ text: some StringProtocol) {
        let parts = String(text).trimmedSpaces.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), (1850...2100).contains(year) else { return nil }
        var month: Int?, day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3, let month {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...PartialDate.days(in: month, of: year)).contains(d) else { return nil }
            day = d
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The full date as a blocking key (`1972-3-5`), when it is known to the day.
    var dayKey: String? {
        guard let month, let day else { return nil }
        return "\(year)-\(month)-\(day)"
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Agreement levels: 1 different, 2 within a year, 3 one slip (day and month the same and the
    /// year one off or one digit off, or day and month swapped), 4 the same year, 5 the same year
    /// and month, 6 the same day. Comparing is as precise as the less precise date.
    public static func level(_ a: PartialDate?, _ b: PartialDate?) -> UInt8 {
        guard let a, let b else { return 0 }
        if a.year == b.year {
            guard let am = a.month, let bm = b.month else { return 4 }
            guard am == bm else {
                if let ad = a.day, let bd = b.day, am == bd, ad == bm { return 3 }
                return 4
            }
            guard let ad = a.day, let bd = b.day else { return 5 }
            return ad == bd ? 6 : 5
        }
        if let am = a.month, let ad = a.day, am == b.month, ad == b.day, abs(a.year - b.year) == 1 || oneDigitApart(a.year, b.year) {
            return 3
        }
        return abs(a.year - b.year) <= 1 ? 2 : 1
    }

    /// Whether two years differ in exactly one of their four digits (1987 and 1981).
    static func oneDigitApart(_ a: Int, _ b: Int) -> Bool {
        zip(String(a), String(b)).filter { $0 != $1 }.count == 1
    }
}
