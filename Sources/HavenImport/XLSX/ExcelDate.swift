import HavenCore

/// Dates as a workbook stores them: a number of days (the fraction is the time of day) from its
/// epoch, in one of two systems, and recognised as a date only by the cell's number format.
enum ExcelDate {
    /// The day a serial number means. In the 1900 system, serial 1 is 1900-01-01 and, as Lotus
    /// 1-2-3 had it, serial 60 is a 29 February 1900 that never was (read as nil); in the 1904
    /// system serial 0 is 1904-01-01.
    static func day(serial: Double, system1904: Bool) -> (year: Int, month: Int, day: Int)? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }  // to 9999-12-31
        let whole = Int(serial.rounded(.down))
        let daysFrom1900: Int
        if system1904 {
            daysFrom1900 = whole + 1_460  // 1904-01-01 is 1,460 days after 1900-01-01 (1900 was no leap year)
        } else {
            guard whole != 60, whole >= 1 else { return nil }
            daysFrom1900 = whole < 60 ? whole - 1 : whole - 2
        }
        return civil(fromDaysSince1900: daysFrom1900)
    }

    /// The date `days` days after 1900-01-01 (proleptic Gregorian).
    static func civil(fromDaysSince1900 days: Int) -> (year: Int, month: Int, day: Int) {
        // 1900-01-01 is day −25,567 of the Unix epoch.
        Day.civil(fromDaysSinceEpoch: days - 25_567)
    }

    /// Whether a number format shows a date: the built-in date formats (14–17, 22, and the East
    /// Asian ones 27–36 and 50–58 that Korean Excel uses), or a custom format that, with its
    /// quoted text, escapes and bracketed sections taken out, still writes a year, a day, or a
    /// month without hours or seconds beside it (so `mm:ss` stays a duration).
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id) { return true }
        guard let code, id >= 164 else { return false }
        var plain = ""
        var inQuotes = false, inBrackets = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\"": inQuotes.toggle()
            case "\\" where !inQuotes: escaped = true
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            default: if !inQuotes && !inBrackets { plain.append(character) }
            }
        }
        // Only the first section (positive numbers) says what the cell is.
        let section = plain.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init)?.lowercased() ?? ""
        if section.contains("y") || section.contains("d") { return true }
        return section.contains("m") && !section.contains("h") && !section.contains("s")
    }
}
