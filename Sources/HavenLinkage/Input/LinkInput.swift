import Foundation
import HavenCore

/// Records read from a CSV for linkage, with what the reader set aside: columns it does not know
/// (reported, ignored) and values that do not parse (treated as missing, counted by column).
public struct LinkInput: Sendable {
    public var records: [LinkRecord]
    /// Header columns that are not linkage columns, in file order.
    public var unknownColumns: [String]
    /// Column → how many values in it could not be understood and count as missing.
    public var unparsable: [String: Int]

    /// Reads records from CSV bytes. The header must name `record_id`; ids must be unique and
    /// not empty. A problem is named by its line; no value from the file is repeated in it.
    public init(csv bytes: [UInt8]) throws(CSVError) {
        let table = try CSVTable(bytes: bytes)
        let header = table.header.map { $0.lowercased() }
        guard let idColumn = header.firstIndex(of: "record_id") else {
            throw CSVError(line: 1, reason: "has no record_id column (the header names \(header.count) columns; record_id is required)")
        }
        for (index, column) in header.enumerated() where header.firstIndex(of: column) != index {
            throw CSVError(line: 1, reason: "names the column \(column) twice")
        }
        unknownColumns = header.filter { !LinkRecord.columns.contains($0) }
        // Each known column's field, worked out once rather than once a row.
        let known = header.indices.compactMap { index in
            LinkRecord.Field(rawValue: header[index]).map { (index: index, column: header[index], field: $0) }
        }
        // Rows become records on every core, each written in its place (a record is fourteen
        // strings: copying them from piece to piece was a tenth of reading a file); values that
        // do not parse are counted after, and ids checked for repeats, in file order.
        let rows = table.rows
        let records = Parallel.filled(rows.count) { r in
            var record = LinkRecord(id: rows[r].fields[idColumn].trimmedSpaces)
            for (index, _, field) in known {
                let value = rows[r].fields[index].trimmedSpaces
                if !value.isEmpty { record.set(field, to: value) }
            }
            return record
        }
        let checked = known.filter { Self.mayNotParse($0.field) }
        let pieces = Parallel.pieces(rows.count) { range in
            var unparsable: [String: Int] = [:]
            for r in range {
                for (index, column, field) in checked {
                    let value = rows[r].fields[index].trimmedSpaces
                    if !value.isEmpty, !Self.parses(value, field: field) { unparsable[column, default: 0] += 1 }
                }
            }
            return unparsable
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(rows.count)
        for (record, row) in zip(records, rows) {
            guard !record.id.isEmpty else { throw CSVError(line: row.line, reason: "has an empty record_id") }
            if let first = seen.updateValue(row.line, forKey: record.id) {
                throw CSVError(line: row.line, reason: "repeats the record_id of line \(first)")
            }
        }
        self.records = records
        unparsable = pieces.reduce(into: [:]) { $0.merge($1, uniquingKeysWith: +) }
    }

    /// Whether some values of a field may not parse (the others take any text).
    static func mayNotParse(_ field: LinkRecord.Field) -> Bool { [.birthDate, .sex, .phone].contains(field) }

    /// Whether a value of a column means something to the comparisons; one that does not is
    /// compared as missing.
    static func parses(_ value: String, field: LinkRecord.Field) -> Bool {
        switch field {
        case .birthDate: PartialDate(value) != nil
        case .sex: FieldComparisons.sexCode(value) != nil || ["u", "unknown", "미상", "모름"].contains(value.lowercased())
        case .phone: FieldComparisons.digits(value).utf8.count >= 6
        default: true
        }
    }
}
