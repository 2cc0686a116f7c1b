import Foundation
@testable import HavenImport
import Testing

/// Hostile and broken spreadsheets are refused with an error that names the part, the sheet, the
/// row or the column, before more than the limits allow is read or inflated.
struct SpreadsheetRefusalTests {
    static let oneSheet = WorkbookBuilder.excel(sheets: [("s", #"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>"#)])

    @Test func aPartThatInflatesATHousandfoldIsRefusedBeforeItIsInflated() throws {
        var builder = Self.oneSheet
        builder.add("xl/media/padding.bin", Data(count: 4 << 20))  // 4 MiB of zeros deflate to a few KiB
        var limits = SpreadsheetLimits()
        limits.compressionRatio = 100
        let data = try builder.data()
        do {
            _ = try XLSXReader.read(data, limits: limits)
            Issue.record("a part inflating a thousandfold was read")
        } catch {
            guard case .inflatesTooFar(let part, let reason) = error else { Issue.record("\(error)"); return }
            #expect(part == "xl/media/padding.bin")
            #expect(reason.hasSuffix("bytes for every compressed byte"))
        }
    }

    @Test func partsThatTogetherDeclareTooMuchAreRefused() throws {
        var builder = Self.oneSheet
        builder.add("xl/media/a.bin", Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }))
        var limits = SpreadsheetLimits()
        limits.inflatedBytes = 200_000
        #expect(throws: SpreadsheetError.self) { try XLSXReader.read(try builder.data(), limits: limits) }
        do {
            _ = try XLSXReader.read(try builder.data(), limits: limits)
        } catch let error as SpreadsheetError {
            guard case .inflatesTooFar = error else { Issue.record("\(error)"); return }
            #expect(error.message.ko.contains("ZIP 폭탄"))
        }
    }

    @Test(arguments: ["../outside.xml", "/etc/passwd", "xl/../../outside.xml", "C:/windows.xml", "xl\\evil.xml"])
    func aPathThatLeavesTheArchiveIsRefused(_ path: String) throws {
        var builder = Self.oneSheet
        builder.add(path, "x")
        #expect(throws: SpreadsheetError.unsafePath(path)) { try XLSXReader.read(try builder.data()) }
    }

    @Test func externalLinksAreRefused() throws {
        var linked = Self.oneSheet
        linked.add("xl/externalLinks/externalLink1.xml", "<externalLink/>")
        #expect(throws: SpreadsheetError.externalLinks(part: "xl/externalLinks/externalLink1.xml")) { try XLSXReader.read(try linked.data()) }
        let external = WorkbookBuilder.excel(sheets: [("s", "")], extraWorkbookRelationships:
            #"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="file:///C:/other.xlsx" TargetMode="External"/>"#)
        #expect(throws: SpreadsheetError.externalLinks(part: "externalLink")) { try XLSXReader.read(try external.data()) }
    }

    @Test func aDocumentTypeDeclarationIsRefusedBeforeParsing() throws {
        var builder = Self.oneSheet
        builder.add("xl/sharedStrings.xml", #"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>"#)
        #expect(throws: SpreadsheetError.part("xl/sharedStrings.xml", reason: "holds a document type declaration, which a workbook never needs")) {
            try XLSXReader.read(try builder.data())
        }
    }

    @Test func anArchiveWithoutItsEndRecordWhereTheFormatPutsItIsRefusedBeforeZIPFoundationOpensIt() throws {
        let workbook = try Self.oneSheet.data()
        #expect(XLSXArchive.directoriesWithinFile(workbook))
        // Cut short, the end record gone (ZIPFoundation kept such a file in memory for good).
        #expect(throws: SpreadsheetError.archive(reason: "it is not a ZIP archive")) { try XLSXReader.read(workbook.prefix(workbook.count - 10)) }
        // The end record followed by more than the longest comment: not where the format puts it.
        let farFromTheEnd = workbook + Data(repeating: 0x20, count: 70_000)
        #expect(!XLSXArchive.directoriesWithinFile(farFromTheEnd))
        #expect(throws: SpreadsheetError.archive(reason: "it is not a ZIP archive")) { try XLSXReader.read(farFromTheEnd) }
        // A comment that claims to run past the end of the file.
        var overlong = workbook
        overlong[overlong.count - 2] = 0xFF
        #expect(!XLSXArchive.directoriesWithinFile(overlong))
        #expect(XLSXArchive.directoriesWithinFile(Data([0x50, 0x4B, 0x05, 0x06]) + Data(repeating: 0, count: 18)))
    }

    @Test func anArchiveWhoseDirectoriesPointOutsideTheFileIsRefusedBeforeZIPFoundationFollowsThem() throws {
        let workbook = try Self.oneSheet.data()
        #expect(XLSXArchive.directoriesWithinFile(workbook))
        for fixture in ["korean.xlsx", "dates-1904.xlsx", "kobo.xlsx"] {
            let url = try #require(Bundle.module.url(forResource: fixture, withExtension: nil, subdirectory: "Fixtures"))
            #expect(XLSXArchive.directoriesWithinFile(try Data(contentsOf: url)), "\(fixture)")
        }
        let end = try #require(workbook.lastRange(of: Data([0x50, 0x4B, 0x05, 0x06]))).lowerBound
        // The central directory said to start past the end record (ZIPFoundation read past the
        // end of its in-memory file and stopped the process).
        var pastTheEnd = workbook
        pastTheEnd.replaceSubrange(end + 16..<end + 20, with: [0xF0, 0xFF, 0xFF, 0x0F])
        #expect(throws: SpreadsheetError.archive(reason: "it is not a ZIP archive")) { try XLSXReader.read(pastTheEnd) }
        // More entries than the directory holds.
        var tooMany = workbook
        tooMany.replaceSubrange(end + 10..<end + 12, with: [0x00, 0x01])
        #expect(throws: SpreadsheetError.archive(reason: "it is not a ZIP archive")) { try XLSXReader.read(tooMany) }
    }

    @Test func brokenWorkbooksNameTheirPart() throws {
        #expect(throws: SpreadsheetError.archive(reason: "it is not a ZIP archive")) { try XLSXReader.read(Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])) }
        var missing = Self.oneSheet
        missing.parts.removeAll { $0.path == "xl/workbook.xml" }
        #expect(throws: SpreadsheetError.part("xl/workbook.xml", reason: "is missing: this is not an XLSX workbook")) { try XLSXReader.read(try missing.data()) }
        let badString = WorkbookBuilder.excel(sheets: [("s", #"<row r="1"><c r="A1" t="s"><v>7</v></c></row>"#)])
        #expect(throws: SpreadsheetError.part("xl/worksheets/sheet1.xml", reason: "refers to shared string 7, which the workbook does not have")) {
            try XLSXReader.read(try badString.data())
        }
        var malformed = Self.oneSheet
        for broken in ["<worksheet><sheetData><row></sheetData>", "<worksheet><sheetData>", "<worksheet></worksheet><extra/>"] {
            malformed.add("xl/worksheets/sheet1.xml", broken)
            #expect(throws: SpreadsheetError.self, "\(broken)") { try XLSXReader.read(try malformed.data()) }
        }
    }

    @Test func rowsColumnsCellsAndFilesBeyondTheLimitsAreRefusedByName() throws {
        var limits = SpreadsheetLimits()
        limits.rows = 2
        limits.columns = 3
        limits.cellCharacters = 10
        let rows = (1...3).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        #expect(throws: SpreadsheetError.tooManyRows(sheet: "목록", limit: 2)) {
            try XLSXReader.read(try WorkbookBuilder.excel(sheets: [("목록", rows)]).data(), limits: limits)
        }
        #expect(throws: SpreadsheetError.tooManyColumns(sheet: "목록", limit: 3)) {
            try XLSXReader.read(try WorkbookBuilder.excel(sheets: [("목록", #"<row r="1"><c r="D1"><v>1</v></c></row>"#)]).data(), limits: limits)
        }
        #expect(throws: SpreadsheetError.cellTooLong(sheet: "목록", row: 1, column: "B", limit: 10)) {
            try XLSXReader.read(try WorkbookBuilder.excel(sheets: [("목록", #"<row r="1"><c r="B1" t="inlineStr"><is><t>열한 글자가 넘는 값</t></is></c></row>"#)]).data(),
                                limits: limits)
        }
        #expect(throws: SpreadsheetError.tooManyRows(sheet: "CSV", limit: 2)) {
            try SpreadsheetReader.read(Data("a\n1\n2\n3\n".utf8), limits: limits)
        }
        #expect(throws: SpreadsheetError.cellTooLong(sheet: "CSV", row: 2, column: "A", limit: 10)) {
            try SpreadsheetReader.read(Data("a\n열한 글자가 넘는 값\n".utf8), limits: limits)
        }
        limits.fileBytes = 5
        #expect(throws: SpreadsheetError.fileTooLarge(bytes: 6, limit: 5)) { try SpreadsheetReader.read(Data("a,b\n1\n".utf8), limits: limits) }
        #expect(throws: SpreadsheetError.csv(line: 2, reason: "has 1 fields where the header has 2")) { try SpreadsheetReader.read(Data("a,b\n1\n".utf8)) }
    }

    @Test func everyMessageIsInKoreanAndEnglishAndQuotesNoCell() {
        let errors: [SpreadsheetError] = [.fileTooLarge(bytes: 9, limit: 1), .empty, .unreadableText(reason: "r"), .csv(line: 2, reason: "r"), .archive(reason: "r"),
                                          .part("p", reason: "r"), .inflatesTooFar(part: "p", reason: "r"), .unsafePath("../p"), .externalLinks(part: "p"),
                                          .tooManyRows(sheet: "s", limit: 1), .tooManyColumns(sheet: "s", limit: 1),
                                          .cellTooLong(sheet: "s", row: 1, column: "A", limit: 1), .noSheets]
        for error in errors {
            #expect(!error.message.en.isEmpty && error.message.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(error)")
        }
    }
}

/// The arithmetic of dates and columns, against values Excel itself shows.
struct SpreadsheetArithmeticTests {
    @Test func columnLettersRoundTrip() {
        #expect(Sheet.columnLetter(0) == "A" && Sheet.columnLetter(25) == "Z" && Sheet.columnLetter(26) == "AA" && Sheet.columnLetter(16_383) == "XFD")
        for index in [0, 1, 25, 26, 51, 52, 701, 702, 16_383] { #expect(Sheet.columnIndex(Substring(Sheet.columnLetter(index))) == index) }
        #expect(Sheet.columnIndex("a1") == nil && Sheet.columnIndex("") == nil)
    }
}
