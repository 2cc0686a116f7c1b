/// A date known to the day, the month or the year (birth dates often are), or only as a range of
/// years (a report that gives an age: "about 35" is born 1987/1991), and how two agree.
public struct PartialDate: Sendable, Hashable {
    /// The year, or the first year of a range.
    public let year: Int
    /// The last year of a range; `year` for a date.
    public let lastYear: Int
    public let month: Int?
    public let day: Int?

    /// The widest range of years read (an age guessed to within fifteen years either way); a
    /// wider one says nothing a missing date does not.
    public static let widestRange = 30

    /// From `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or a range of years `YYYY/YYYY` (ISO 8601's interval,
    /// as EDTF writes an age), surrounding spaces aside; nil for anything else, an impossible
    /// date or a range that runs backwards or spans more than ``widestRange`` years.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            guard let start = Self.numbers(Array(bytes[..<slash])), start.1 == nil,
                  let end = Self.numbers(Array(bytes[(slash + 1)...])), end.1 == nil else { return nil }
            let (first, last) = (start.0, end.0)
            guard (1850...2100).contains(first), (1850...2100).contains(last), first <= last, last - first <= Self.widestRange else { return nil }
            year = first
            lastYear = last
            month = nil
            day = nil
            return
        }
        guard let (year, month, day) = Self.numbers(bytes), (1850...2100).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.days(in: month, of: year)).contains(day) else { return nil }
            }
        }
        self.year = year
        self.lastYear = year
        self.month = month
        self.day = day
    }

    /// Whether only a range of years is known.
    public var isRange: Bool { lastYear != year }

    /// The year blocking keys on: none for a range, which is found as an undated record is.
    public var blockingYear: Int? { isRange ? nil : year }

    /// The year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, digit by digit.
    private static func numbers(_ bytes: [UInt8]) -> (Int, Int?, Int?)? {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var low = 0, high = bytes.count
        while low < high, isSpace(bytes[low]) { low += 1 }
        while high > low, isSpace(bytes[high - 1]) { high -= 1 }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for k in start..<(start + length) {
                let digit = bytes[k] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        let length = high - low, dash = UInt8(ascii: "-")
        guard length == 4 || length == 7 || length == 10, let year = number(low, 4) else { return nil }
        guard length > 4 else { return (year, nil, nil) }
        guard bytes[low + 4] == dash, let month = number(low + 5, 2) else { return nil }
        guard length > 7 else { return (year, month, nil) }
        guard bytes[low + 7] == dash, let day = number(low + 8, 2) else { return nil }
        return (year, month, day)
    }

    /// Whether two dates cannot be one person's birth date, whatever the names say: both known to
    /// the day and neither the same day nor one slip apart (1972-03-05 and 1972-11-20), or more
    /// than a year apart without being one slip (1972 and 1985, a range of 1985/1989 and 1972).
    /// A year one off in a date known to the year or month is an age counted the Korean way, and
    /// no conflict. Clustering keeps such records apart (see ``Clustering``).
    public static func conflict(_ a: PartialDate?, _ b: PartialDate?) -> Bool {
        level(a, b) == 1
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

    /// Agreement levels: 1 different, 2 in the range (a range of years overlaps the other date),
    /// 3 within a year, 4 one slip, 5 the same year, 6 the same year and month, 7 the same day. Comparing is as precise as the
    /// less precise date: two dates known to the day that are neither the same nor one slip apart
    /// are different, however near (not "the same year" or "the same month", which say that one
    /// of the two is known no better).
    /// One slip is what a slip of the pen makes of a date known to the month or the day: one
    /// digit of it changed (1979-08-21 / 1979-08-27 / 1976-08-21), two neighbouring digits
    /// swapped, or day and month swapped. A range agrees with a date or range that overlaps it,
    /// or is a year off.
    public static func level(_ a: PartialDate?, _ b: PartialDate?) -> UInt8 {
        guard let a, let b else { return 0 }
        if a.isRange || b.isRange {
            return a.year <= b.lastYear + 1 && b.year <= a.lastYear + 1 ? 2 : 1
        }
        // The digits both dates have: YYYY, YYYYMM or YYYYMMDD.
        let (am, bm) = a.month != nil && b.month != nil ? (a.month, b.month) : (nil, nil)
        let (ad, bd) = am != nil && a.day != nil && b.day != nil ? (a.day, b.day) : (nil, nil)
        if a.year == b.year, am == bm, ad == bd {
            return ad != nil ? 7 : am != nil ? 6 : 5
        }
        if let am, let bm {
            if let ad, let bd, a.year == b.year, am == bd, ad == bm { return 4 }
            let digits = { (year: Int, month: Int, day: Int?) in day.map { year * 10_000 + month * 100 + $0 } ?? year * 100 + month }
            if oneSlip(digits(a.year, am, ad), digits(b.year, bm, bd), count: ad == nil ? 6 : 8) { return 4 }
            // The same day and month with the year one off: an age counted the Korean way.
            if ad == bd, am == bm, abs(a.year - b.year) == 1 { return 4 }
            // Two full dates that are neither the same nor one slip apart disagree, however near.
            if ad != nil { return 1 }
        }
        return abs(a.year - b.year) <= 1 ? 3 : 1
    }

    /// Whether two numbers of `count` digits differ in one digit, or by two neighbouring digits swapped.
    static func oneSlip(_ a: Int, _ b: Int, count: Int) -> Bool {
        var x = a, y = b
        var differing: [(position: Int, x: Int, y: Int)] = []
        for position in 0..<count {
            if x % 10 != y % 10 {
                differing.append((position, x % 10, y % 10))
                if differing.count > 2 { return false }
            }
            x /= 10
            y /= 10
        }
        guard differing.count == 2 else { return differing.count == 1 }
        let (first, second) = (differing[0], differing[1])
        return second.position == first.position + 1 && first.x == second.y && first.y == second.x
    }

}
