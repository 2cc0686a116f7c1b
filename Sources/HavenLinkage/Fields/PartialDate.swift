/// A date known to the day, the month or the year (birth dates often are), and how two agree.
public struct PartialDate: Sendable, Hashable {
    public let year: Int
    public let month: Int?
    public let day: Int?

    /// From `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (surrounding spaces aside); nil for anything else
    /// or an impossible date.
    public init?(_ text: some StringProtocol) {
        guard let (year, month, day) = Self.numbers(Array(text.utf8)), (1850...2100).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard (1...PartialDate.days(in: month, of: year)).contains(day) else { return nil }
            }
        }
        self.year = year
        self.month = month
        self.day = day
    }

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
