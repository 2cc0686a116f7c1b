/// One cell of a spreadsheet as the file holds it, before any mapping gives it a meaning.
public enum CellValue: Sendable, Equatable, Hashable {
    /// Nothing: an empty cell, or one that is not in the file.
    case empty
    /// Text (a CSV field, a shared or inline string, a formula's text result).
    case text(String)
    /// A number that is not a date.
    case number(Double)
    /// TRUE or FALSE.
    case boolean(Bool)
    /// A day, from a number in a date format; the time of day is left out.
    case date(year: Int, month: Int, day: Int)
    /// An error value such as `#N/A`.
    case error(String)

    /// Whether the cell holds nothing (also text of spaces only).
    public var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.allSatisfy(\.isWhitespace)
        default: false
        }
    }

    /// The value as text, the way a person reads it in the sheet: whole numbers without a
    /// decimal point, dates as `YYYY-MM-DD`, booleans as TRUE and FALSE.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .number(let number): Self.format(number)
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .date(let year, let month, let day): "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        case .error(let code): code
        }
    }

    private static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
