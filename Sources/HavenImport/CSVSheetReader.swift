import HavenCore

/// A CSV file as one sheet: decoded (UTF-8 or CP949), read as RFC 4180 (`CSVTable`), every field
/// a text cell, each row numbered by the line it starts on.
public enum CSVSheetReader {
    /// The sheet of a CSV file, and the encoding it was read in.
    public static func read(_ bytes: [UInt8], encoding: TextEncodingName? = nil, limits: SpreadsheetLimits = .init())
        throws(SpreadsheetError) -> (sheet: Sheet, encoding: TextEncodingName) {
        guard bytes.count <= limits.fileBytes else { throw .fileTooLarge(bytes: bytes.count, limit: limits.fileBytes) }
        guard !bytes.isEmpty else { throw .empty }
        let (text, found) = try TextDecoding.decode(bytes, as: encoding)
        let table: CSVTable
        do throws(CSVError) { table = try CSVTable(bytes: Array(text.utf8)) } catch { throw .csv(line: error.line, reason: error.reason) }
        guard table.header.count <= limits.columns else { throw .tooManyColumns(sheet: "CSV", limit: limits.columns) }
        guard table.rows.count < limits.rows else { throw .tooManyRows(sheet: "CSV", limit: limits.rows) }
        var rows = [Sheet.Row(number: 1, cells: table.header.map { $0.isEmpty ? .empty : .text($0) })]
        rows.reserveCapacity(table.rows.count + 1)
        for row in table.rows {
            var cells: [CellValue] = []
            cells.reserveCapacity(row.fields.count)
            for (column, field) in row.fields.enumerated() {
                guard field.count <= limits.cellCharacters else {
                    throw .cellTooLong(sheet: "CSV", row: row.line, column: Sheet.columnLetter(column), limit: limits.cellCharacters)
                }
                cells.append(field.isEmpty ? .empty : .text(field))
            }
            rows.append(Sheet.Row(number: row.line, cells: cells))
        }
        return (Sheet(name: "CSV", rows: rows), found)
    }
}
