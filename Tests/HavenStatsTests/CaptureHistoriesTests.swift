import HavenStats
import Testing

/// Reading capture histories from a table: per person or with counts, and every malformed row
/// refused with its line.
struct CaptureHistoriesTests {
    func rows(_ lines: [[String]]) -> [(line: Int, fields: [String])] {
        lines.enumerated().map { (line: $0.offset + 2, fields: $0.element) }
    }

    @Test func rowsOfPeopleAndRowsOfCountsGiveTheSameHistories() throws {
        let people = try CaptureHistories.table(header: ["NGO", "Press"], rows: rows([["1", "0"], ["1", "1"], [" 1", "0 "], ["0", "1"]]))
        let counted = try CaptureHistories.table(header: ["Count", "NGO", "Press"], rows: rows([["2", "1", "0"], ["1", "1", "1"], ["1", "0", "1"], ["0", "1", "1"]]))
        #expect(people == counted)
        #expect(people.lists == ["NGO", "Press"] && people.observed == 4 && people.cells == 3)
        #expect(people.counts == [0, 2, 1, 1])
        #expect(people.size(ofList: 0) == 3 && people.size(ofList: 1) == 2)
    }

    @Test func everyMalformedRowIsNamedByItsLine() {
        let cases: [([String], [[String]], EstimationError)] = [
            (["A", "count"], [["1", "5"]], .tooFewLists(1)),
            (["A", "B", "count"], [["1", "0", "5"], ["0", "0", "3"]], .noListInHistory(row: 3)),
            (["A", "B"], [["1", "0"], ["2", "1"]], .notZeroOrOne(row: 3, list: "A")),
            (["A", "B", "count"], [["1", "0", "-4"]], .negativeCount(row: 2, -4)),
            (["A", "B", "count"], [["1", "0", "x"]], .notACount(row: 2)),
            (["A", "B", "count"], [["1", "0", "2.5"]], .notACount(row: 2)),
            (["A", "B"], [["1"]], .wrongNumberOfColumns(row: 2, expected: 2, found: 1)),
            (["A", "A"], [["1", "0"]], .repeatedList("A")),
            (["A", "B"], [], .nobodyObserved),
            (["A", "B", "count"], [["1", "0", "0"]], .nobodyObserved),
            (["A", "B", "count"], [["1", "0", "\(Int.max)"], ["1", "0", "1"]], .countTooLarge(row: 3)),
            ((0..<11).map { "L\($0)" }, [], .tooManyLists(11)),
        ]
        for (header, lines, expected) in cases {
            #expect(throws: expected, "\(header) \(lines)") { try CaptureHistories.table(header: header, rows: rows(lines)) }
        }
        #expect(EstimationError.notZeroOrOne(row: 7, list: "NGO").description == "line 7: the column \"NGO\" must be 0 or 1")
    }

    @Test func blankLinesAreNotHistories() throws {
        let histories = try CaptureHistories.table(header: ["A", "B"], rows: rows([["1", "1"], ["", ""], ["0", "1"]]))
        #expect(histories.observed == 2)
    }
}
