import Foundation

/// Numbers that cross a boundary as floating point (JSON numbers, typed amounts) turned into
/// integers or text without a trap. `Int(someDouble)` stops the process when the value is
/// NaN, infinite or beyond `Int`'s range, and a stored or posted value can be any of these;
/// every conversion goes through here instead.
public enum WholeNumber {
    /// The integer `value` is exactly, when it is one and lies in `range`; nil otherwise
    /// (a fraction, NaN, an infinity, or out of range).
    public static func exact(_ value: Double, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
        guard let whole = Int(exactly: value), range.contains(whole) else { return nil }
        return whole
    }

    /// An amount as a person writes it: `1500000` for a whole amount, `12.50` otherwise. Never
    /// traps, whatever the value (a huge stored amount prints in full).
    public static func amountText(_ value: Double) -> String {
        if let whole = Int(exactly: value) { return String(whole) }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        return String(format: "%.2f", value)
    }

    /// `a + b + …`, or nil when the sum does not fit in an `Int`.
    public static func sum(_ values: [Int]) -> Int? {
        var total = 0
        for value in values {
            let (next, overflow) = total.addingReportingOverflow(value)
            if overflow { return nil }
            total = next
        }
        return total
    }
}
