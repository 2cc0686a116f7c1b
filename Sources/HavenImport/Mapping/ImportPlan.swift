import Foundation
import HavenCore

/// A dry run's answer: what an import would create, and everything that stops it, by row and
/// column. Nothing is written while a plan has problems or unmatched values.
public struct ImportPlan: Sendable {
    /// Something wrong with one cell (or one row), named by the row's number in the file and the
    /// column's name. Shown to the person importing, who holds the file; never logged.
    public struct Problem: Sendable, Equatable {
        public var row: Int
        public var column: String
        public var message: LocalizedLabel

        /// The problem as the dry run prints it: `row 2,345, column 생년월일: …`.
        public func text(_ korean: Bool) -> String {
            let number = row.formatted(.number.grouping(.automatic).locale(.init(identifier: "en")))
            return korean ? "\(number)행, \(column) 열: \(message.ko)" : "row \(number), column \(column): \(message.en)"
        }
    }

    /// A word of the sheet that no vocabulary term knows, with how often it occurs and the first
    /// rows it occurs in: it must be mapped (or mapped to `unknown`) before the import.
    public struct Unmatched: Sendable, Equatable {
        public var field: ImportField
        public var column: String
        public var value: String
        public var count: Int
        public var rows: [Int]
    }

    /// What the rows became.
    public var kind: ImportKind
    /// The sheet read and its header row.
    public var sheet: String
    public var headerRow: Int
    /// The data rows read (empty rows left out).
    public var rows: Int
    /// Every record the import writes, in order.
    public var records: [any Record]
    /// The row each record comes from, by the record's id.
    public var rowOf: [UUID: Int]
    /// Every problem, by row.
    public var problems: [Problem]
    /// Every unmatched word, most frequent first.
    public var unmatched: [Unmatched]

    /// How many records of each kind the import writes.
    public var counts: [RecordKind: Int] {
        records.reduce(into: [:]) { $0[type(of: $1).kind, default: 0] += 1 }
    }

    /// Whether the import may go ahead: no problem and no unmatched word.
    public var isReady: Bool { problems.isEmpty && unmatched.isEmpty }
}

/// A mapping that does not fit the sheet, named.
public struct ImportMappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: LocalizedLabel
    public var description: String { message.en }

    init(en: String, ko: String) { message = LocalizedLabel(en: en, ko: ko) }
}
