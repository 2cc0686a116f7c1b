import Foundation

/// The stored form of instants: ISO 8601 with milliseconds, UTC (`2024-08-21T09:30:00.123Z`).
///
/// Uses Foundation's `ISO8601FormatStyle`, which parses without ICU: `ISO8601DateFormatter`
/// once took a tenth of the time of unlocking a large vault.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func string(_ date: Date) -> String { style.format(date) }

    static func date(_ text: String) -> Date? { try? style.parse(text) }
}
