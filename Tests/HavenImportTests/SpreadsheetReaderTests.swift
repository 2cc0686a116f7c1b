import Foundation
import HavenImport
import HavenTestSupport
import Testing

/// Reading spreadsheets an organisation already has: workbooks written by openpyxl (fixtures made
/// by `Fixtures/make-fixtures.py`), CSV as Korean Excel and as UTF-8 tools save it, and Excel-like
/// workbooks written by `WorkbookBuilder` with shared strings, formulas and phonetic guides.
struct SpreadsheetReaderTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func aKoreanWorkbookFromOpenpyxlReadsEverySheetWithItsHeaderDatesAndNumbers() throws {
        let sheets = try SpreadsheetReader.read(try Self.fixture("korean.xlsx")).sheets
        #expect(sheets.map(\.name) == ["사건 목록", "출처"])
        let incidents = sheets[0]
        // The merged title above the header is passed over.
        let header = try #require(incidents.likelyHeaderRow)
        #expect(header == 2)
        #expect(incidents.columnNames(headerRow: header) == ["이름", "성별", "생년월일", "사건 유형", "사건 날짜", "인원"])
        let rows = Array(incidents.dataRows(afterHeaderRow: header))
        #expect(rows.map(\.number) == [3, 4, 6, 7], "the empty row 5 is left out, the others keep their numbers")
        #expect(rows[0].cells == [.text("김가상"), .text("여"), .date(year: 1979, month: 3, day: 2), .text("체포"), .date(year: 2019, month: 3, day: 15), .number(3)])
        #expect(rows[2].cells[2] == .empty)
        #expect(rows[2].cells[4] == .date(year: 2020, month: 2, day: 29), "a date and time is its day")
        #expect(rows[2].cells[5] == .number(12.5))
        #expect(rows[3].cells[4] == .text("2019년 3월"), "text that looks like a date stays text for the mapping to read")
        #expect(rows[3].cells[5] == .boolean(true))
        #expect(sheets[1].rows.map { $0.cells.map(\.text) } == [["출처", "신뢰도"], ["가상 증언자", "B"]])
    }

    @Test func theNineteenOhFourDateSystemIsRead() throws {
        let sheet = try #require(try SpreadsheetReader.read(try Self.fixture("dates-1904.xlsx")).sheets.first)
        #expect(sheet.rows[1].cells[0] == .date(year: 2019, month: 3, day: 15))
        #expect(sheet.rows[2].cells[0] == .date(year: 1904, month: 1, day: 2))
    }

    @Test func aKoboExportKeepsGroupHeadersSelectMultipleAnswersAndRepeatGroupSheets() throws {
        let sheets = try SpreadsheetReader.read(try Self.fixture("kobo.xlsx")).sheets
        #expect(sheets.map(\.name) == ["incident_report", "victims"])
        let reports = sheets[0]
        #expect(reports.columnNames(headerRow: 1) == ["start", "incident/date", "incident/type", "incident/perpetrators", "victims_count", "_id", "_uuid",
                                                      "_submission_time", "_index"])
        #expect(reports.rows[1].cells[3] == .text("police mss"))
        #expect(reports.rows[1].cells[6] == .text("9f1c1d0e-0000-4000-8000-000000000001"))
        let victims = sheets[1]
        #expect(victims.columnNames(headerRow: 1).last == "_parent_index")
        #expect(victims.rows.dropFirst().map { $0.cells[5] } == [.number(1), .number(1), .number(2)])
    }

    @Test func csvIsReadAsKoreanExcelAndAsUTF8ToolsSaveIt() throws {
        let korean = try SpreadsheetReader.read(try Self.fixture("korean-cp949.csv"))
        #expect(korean.encoding == .cp949)
        let utf8 = try SpreadsheetReader.read(try Self.fixture("korean-utf8-bom.csv"))
        #expect(utf8.encoding == .utf8)
        for result in [korean, utf8] {
            let sheet = try #require(result.sheets.first)
            #expect(sheet.columnNames(headerRow: 1) == ["이름", "성별", "사건 유형"], "no byte-order mark in the first name")
            #expect(sheet.rows.map(\.number) == [1, 2, 3])
            #expect(sheet.rows[2].cells == [.text("박예시"), .text("남"), .text("강제송환")])
        }
    }

    @Test func aCP949FileNamedUTF8IsRefusedNamingTheByte() throws {
        #expect(throws: SpreadsheetError.unreadableText(reason: "not valid UTF-8 at byte 1")) {
            try SpreadsheetReader.read(try Self.fixture("korean-cp949.csv"), encoding: .utf8)
        }
        // Bytes that are neither: a lone 0xFF is not a CP949 lead byte either.
        #expect(throws: SpreadsheetError.self) { try SpreadsheetReader.read(Data([0x61, 0x0A, 0xFF, 0xFF, 0x0A])) }
    }

    @Test func anExcelWorkbookJoinsRichTextLeavesOutPhoneticGuidesAndReadsCachedFormulaValues() throws {
        let strings = [
            "<si><t>이름</t></si>",
            "<si><r><t>김</t></r><r><rPr><b/></rPr><t>가상</t></r><rPh sb=\"0\" eb=\"1\"><t>キム</t></rPh></si>",
            "<si><t xml:space=\"preserve\">  공백  </t></si>",
            "<si><t>날짜</t></si>", "<si><t>합계</t></si>", "<si><t>오류</t></si>", "<si><t>텍스트 수식</t></si>",
        ]
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>3</v></c><c r="C1" t="s"><v>4</v></c><c r="D1" t="s"><v>5</v></c><c r="E1" t="s"><v>6</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>43539</v></c><c r="C2"><f>SUM(F2:G2)</f><v>3</v></c>\
            <c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E2" t="str"><f>A2&amp;"!"</f><v>김가상!</v></c><c r="F2"><v>1</v></c><c r="G2"><v>2</v></c></row>\
            <row r="4"><c t="s"><v>2</v></c><c s="2"><v>43539.75</v></c></row>
            """
        let data = try WorkbookBuilder.excel(sheets: [("기록", rows)], sharedStrings: strings, numberFormats: [(164, "[$-412]yyyy\\-mm\\-dd;@")],
                                             cellFormats: [0, 14, 164]).data()
        let sheet = try #require(try XLSXReader.read(data).first)
        #expect(sheet.rows.map(\.number) == [1, 2, 4])
        #expect(sheet.rows[1].cells == [.text("김가상"), .date(year: 2019, month: 3, day: 15), .number(3), .error("#DIV/0!"), .text("김가상!"), .number(1), .number(2)])
        // A row without cell references fills from column A.
        #expect(sheet.rows[2].cells.prefix(2) == [.text("  공백  "), .date(year: 2019, month: 3, day: 15)])
    }

    @Test func elementsWithANamespacePrefixAreReadLikeAnyOther() throws {
        var builder = WorkbookBuilder.excel(sheets: [("s", "")])
        builder.add("xl/worksheets/sheet1.xml", """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\
            <x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>값</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>
            """)
        let sheet = try #require(try XLSXReader.read(try builder.data()).first)
        #expect(sheet.rows == [Sheet.Row(number: 1, cells: [.empty, .text("값")])])
    }
}

/// A sheet part larger than libxml2 takes at once (10 MB), as a 100,000-row sheet is.
@Suite(.tags(.slow), .skippedInFastRuns)
struct LargeSheetTests {
    @Test func aSheetPartOfMoreThanTenMegabytesIsReadWhole() throws {
        let count = 150_000
        var rows = ""
        rows.reserveCapacity(count * 80)
        for row in 1...count { rows += #"<row r="\#(row)"><c r="A\#(row)" t="inlineStr"><is><t>가상 이름 \#(row)</t></is></c><c r="B\#(row)"><v>\#(row)</v></c></row>"# }
        #expect(rows.utf8.count > 10_500_000)
        let sheet = try #require(try XLSXReader.read(try WorkbookBuilder.excel(sheets: [("큰 시트", rows)]).data()).first)
        #expect(sheet.rows.count == count)
        #expect(sheet.rows.last?.cells == [.text("가상 이름 \(count)"), .number(Double(count))])
    }
}
