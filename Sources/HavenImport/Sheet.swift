/// One sheet of a spreadsheet (a CSV file is one sheet): its rows as the file numbers them, and
/// the row taken as its header.
public struct Sheet: Sendable, Equatable {
    /// One row: the number the spreadsheet shows for it (a CSV's line), and its cells, as many
    /// as the sheet's widest row.
    public struct Row: Sendable, Equatable {
        /// The row's number in the file, from 1: what a person finds when told "row 2,345".
        public var number: Int
        /// The cells, column A first.
        public var cells: [CellValue]

        /// A row of cells.
        public init(number: Int, cells: [CellValue]) {
            self.number = number
            self.cells = cells
        }

        /// Whether every cell is empty.
        public var isEmpty: Bool { cells.allSatisfy(\.isEmpty) }
    }

    /// The sheet's name (a CSV's is `CSV`).
    public var name: String
    /// Every row that holds something, in order, the header among them.
    public var rows: [Row]
    /// The number of columns (the widest row's).
    public var width: Int
    /// The ranges of merged cells, as `(first row, first column, last row, last column)`, 0-based columns.
    public var merged: [(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)]

    /// A sheet of rows; empty rows are left out.
    public init(name: String, rows: [Row], merged: [(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int)] = []) {
        self.name = name
        let kept = rows.filter { !$0.isEmpty }
        let width = kept.map(\.cells.count).max() ?? 0
        self.width = width
        self.rows = kept.map { row in
            Row(number: row.number, cells: row.cells + Array(repeating: .empty, count: width - row.cells.count))
        }
        self.merged = merged
    }

    public static func == (lhs: Sheet, rhs: Sheet) -> Bool {
        lhs.name == rhs.name && lhs.rows == rhs.rows && lhs.width == rhs.width
            && lhs.merged.map { [$0.firstRow, $0.firstColumn, $0.lastRow, $0.lastColumn] } == rhs.merged.map { [$0.firstRow, $0.firstColumn, $0.lastRow, $0.lastColumn] }
    }

    /// The row most likely to be the header: among the first 20 rows, the first that fills at
    /// least 60 % of the columns the fullest of them fills. A title merged across the top (one
    /// cell) is passed over this way.
    public var likelyHeaderRow: Int? {
        let first = rows.prefix(20)
        let filled = first.map { $0.cells.filter { !$0.isEmpty }.count }
        guard let most = filled.max(), most > 0 else { return nil }
        return zip(first, filled).first { Double($0.1) >= 0.6 * Double(most) }?.0.number
    }

    /// The column names read from a header row: each cell's text; a cell covered by a merged
    /// range takes the range's text; an empty one takes its column letter; a name met twice
    /// gets ` (2)`, ` (3)` … so that every column has its own name.
    public func columnNames(headerRow number: Int) -> [String] {
        guard let header = rows.first(where: { $0.number == number }) else { return (0..<width).map(Self.columnLetter) }
        var names: [String] = []
        var seen: [String: Int] = [:]
        for column in 0..<width {
            var text = header.cells[column].text.trimmingWhitespace
            if text.isEmpty, let range = merged.first(where: { $0.firstRow <= number && number <= $0.lastRow && $0.firstColumn <= column && column <= $0.lastColumn }),
               let top = rows.first(where: { $0.number == range.firstRow }) {
                text = top.cells[range.firstColumn].text.trimmingWhitespace
            }
            if text.isEmpty { text = Self.columnLetter(column) }
            let count = (seen[text] ?? 0) + 1
            seen[text] = count
            names.append(count == 1 ? text : "\(text) (\(count))")
        }
        return names
    }

    /// The rows after the header row.
    public func dataRows(afterHeaderRow number: Int) -> ArraySlice<Row> {
        rows.drop { $0.number <= number }
    }

    /// A column's letters as a spreadsheet writes them: 0 is A, 25 is Z, 26 is AA.
    public static func columnLetter(_ index: Int) -> String {
        var index = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(65 + index % 26))) + letters
            index = index / 26 - 1
        } while index >= 0
        return letters
    }

    /// A column's index from its letters (A is 0); nil for anything else.
    public static func columnIndex(_ letters: Substring) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var index = 0
        for scalar in letters.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { return nil }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index - 1
    }
}

extension StringProtocol {
    /// The text without white space at either end.
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
