import HavenCore
import Testing

/// CSV written for spreadsheets: fields quoted where RFC 4180 needs it, and a value that a
/// spreadsheet program would run as a formula written as text instead.
struct CSVFieldTests {
    @Test(arguments: ["=HYPERLINK(\"http://x.invalid\",\"열기\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"])
    func aValueThatWouldRunAsAFormulaIsWrittenAsText(_ value: String) throws {
        let written = CSVField.escape(value)
        // Read back as a CSV field, it starts with the apostrophe that makes it text.
        let table = try CSVTable(bytes: Array("h\n\(written)\n".utf8))
        #expect(table.rows.first?.fields.first == "'" + value)
    }

    @Test func ordinaryValuesAreWrittenAsTheyAre() throws {
        #expect(CSVField.escape("2024-03") == "2024-03")
        #expect(CSVField.escape("김정, 박") == "\"김정, 박\"")
        #expect(CSVField.escape("say \"yes\"") == "\"say \"\"yes\"\"\"")
        let table = try CSVTable(bytes: Array("a,b\n\(CSVField.escape("x,y")),\(CSVField.escape("둘\n줄"))\n".utf8))
        #expect(table.rows.first?.fields == ["x,y", "둘\n줄"])
    }
}
