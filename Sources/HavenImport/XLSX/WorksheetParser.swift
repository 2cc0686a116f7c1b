import Foundation

/// One worksheet part (`xl/worksheets/sheetN.xml`): its rows and cells, and its merged ranges.
enum WorksheetParser {
    static func read(_ xml: Data, part: String, name: String, strings: [String], styles: Styles, system1904: Bool,
                     limits: SpreadsheetLimits) throws -> Sheet {
        var rows: [Sheet.Row] = []
        var merged: [(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)] = []
        var rowNumber = 0
        var cells: [CellValue] = []
        // The cell being read.
        var column = 0, type = "n", style = 0
        var value = "", inline = ""
        var inValue = false, inInline = false, inText = false, phonetic = 0

        func cellValue() throws -> CellValue {
            switch type {
            case "s":
                guard let index = Int(value.trimmingWhitespace) else { return .empty }
                guard index >= 0, index < strings.count else {
                    throw SpreadsheetError.part(part, reason: "refers to shared string \(index), which the workbook does not have")
                }
                return strings[index].isEmpty ? .empty : .text(strings[index])
            case "inlineStr": return inline.isEmpty ? .empty : .text(inline)
            case "str": return value.isEmpty ? .empty : .text(value)
            case "b": return .boolean(value == "1" || value.lowercased() == "true")
            case "e": return .error(value)
            case "d":
                let digits = value.prefix(10).split(separator: "-").compactMap { Int($0) }
                return digits.count == 3 ? .date(year: digits[0], month: digits[1], day: digits[2]) : .text(value)
            default:
                let text = value.trimmingWhitespace
                guard !text.isEmpty else { return .empty }
                guard let number = Double(text) else { return .text(text) }
                if styles.isDate(style), let day = ExcelDate.day(serial: number, system1904: system1904) {
                    return .date(year: day.year, month: day.month, day: day.day)
                }
                return .number(number)
            }
        }

        try XMLEvents.walk(xml, part: part) { event in
            switch event {
            case .start("row", let attributes):
                rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
                guard rowNumber >= 1, rowNumber <= 1_048_576 else { throw SpreadsheetError.part(part, reason: "has a row numbered \(rowNumber)") }
                cells = []
            case .start("c", let attributes):
                if let reference = attributes["r"] {
                    guard let index = Sheet.columnIndex(reference.prefix { $0.isLetter }) else {
                        throw SpreadsheetError.part(part, reason: "has a cell whose reference is not a column and row")
                    }
                    column = index
                } else {
                    column = cells.count
                }
                guard column < limits.columns else { throw SpreadsheetError.tooManyColumns(sheet: name, limit: limits.columns) }
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap(Int.init) ?? 0
                value = ""
                inline = ""
            case .start("v", _): inValue = true
            case .end("v"): inValue = false
            case .start("is", _): inInline = true
            case .end("is"): inInline = false
            case .start("rPh", _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _): inText = inInline && phonetic == 0
            case .end("t"): inText = false
            case .text(let text):
                if inValue { value += text } else if inText { inline += text } else { return }
                guard value.count + inline.count <= limits.cellCharacters else {
                    throw SpreadsheetError.cellTooLong(sheet: name, row: rowNumber, column: Sheet.columnLetter(column), limit: limits.cellCharacters)
                }
            case .end("c"):
                let cell = try cellValue()
                if cells.count <= column { cells += Array(repeating: .empty, count: column + 1 - cells.count) }
                cells[column] = cell
            case .end("row"):
                guard !cells.allSatisfy(\.isEmpty) else { return }
                guard rows.count < limits.rows else { throw SpreadsheetError.tooManyRows(sheet: name, limit: limits.rows) }
                rows.append(Sheet.Row(number: rowNumber, cells: cells))
            case .start("mergeCell", let attributes):
                if let range = attributes["ref"].flatMap(Self.range) { merged.append(range) }
            default:
                break
            }
        }
        return Sheet(name: name, rows: rows, merged: merged)
    }

    /// `A1:F2` as rows and 0-based columns.
    static func range(_ reference: String) -> (firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)? {
        let ends = reference.split(separator: ":")
        guard ends.count == 2, let first = cell(ends[0]), let last = cell(ends[1]) else { return nil }
        return (first.row, first.column, last.row, last.column)
    }

    static func cell(_ reference: Substring) -> (row: Int, column: Int)? {
        let letters = reference.prefix { $0.isLetter }
        guard let column = Sheet.columnIndex(letters), let row = Int(reference.dropFirst(letters.count)) else { return nil }
        return (row, column)
    }
}
