import Foundation

extension CaptureHistories {
    /// Histories from a table: a header naming one column per list and, optionally, a `count`
    /// column; then one row per history (with counts) or per person (without, each row counts
    /// one). Each row comes with its line in the file, by which a problem is named.
    public static func table(header: [String], rows: [(line: Int, fields: [String])]) throws(EstimationError) -> CaptureHistories {
        let names = header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !names.isEmpty, names != [""] else { throw .emptyInput }
        let countColumn = names.firstIndex { $0.lowercased() == "count" }
        let listColumns = names.indices.filter { $0 != countColumn }
        let lists = listColumns.map { names[$0] }
        guard lists.count >= 2 else { throw .tooFewLists(lists.count) }
        guard lists.count <= maximumLists else { throw .tooManyLists(lists.count) }
        if let repeated = firstRepeated(lists) { throw .repeatedList(repeated) }
        var counts: [Int: Int] = [:]
        for (number, row) in rows {
            // A blank line (a trailing newline in a spreadsheet's export) is not a history.
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            guard row.count == names.count else {
                throw .wrongNumberOfColumns(row: number, expected: names.count, found: row.count)
            }
            var history = 0
            for (bit, column) in listColumns.enumerated() {
                switch row[column].trimmingCharacters(in: .whitespacesAndNewlines) {
                case "1": history |= 1 << bit
                case "0": break
                default: throw .notZeroOrOne(row: number, list: lists[bit])
                }
            }
            var count = 1
            if let countColumn {
                let text = row[countColumn].trimmingCharacters(in: .whitespacesAndNewlines)
                guard let value = Int(text) else {
                    if text.hasPrefix("-"), text.dropFirst().allSatisfy(\.isNumber) { throw .negativeCount(row: number, -1) }
                    throw .notACount(row: number)
                }
                guard value >= 0 else { throw .negativeCount(row: number, value) }
                count = value
            }
            guard history != 0 else { throw .noListInHistory(row: number) }
            let (sum, overflow) = counts[history, default: 0].addingReportingOverflow(count)
            guard !overflow else { throw .countTooLarge(row: number) }
            counts[history] = sum
        }
        return try CaptureHistories(lists: lists, counts: counts)
    }
}
