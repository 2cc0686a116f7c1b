import Foundation
import ZIPFoundation

/// Writes XLSX workbooks in memory the way Excel lays them out (shared strings, styles, a
/// relationship for every part), with whatever parts a test wants, including broken and hostile
/// ones: a second generator beside openpyxl's fixtures, with other habits.
struct WorkbookBuilder {
    var parts: [(path: String, bytes: Data)] = []

    /// A workbook of sheets given as their `<sheetData>` XML, with shared strings and styles.
    static func excel(sheets: [(name: String, sheetData: String)], sharedStrings: [String] = [], numberFormats: [(id: Int, code: String)] = [],
                      cellFormats: [Int] = [0], date1904: Bool = false, extraWorkbookRelationships: String = "") -> WorkbookBuilder {
        var builder = WorkbookBuilder()
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        builder.add("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        builder.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        let sheetList = sheets.enumerated().map { #"<sheet name="\#($1.name)" sheetId="\#($0 + 1)" r:id="rId\#($0 + 10)"/>"# }.joined()
        builder.add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(rel)">\
            <workbookPr\(date1904 ? #" date1904="1""# : "")/><sheets>\(sheetList)</sheets></workbook>
            """)
        let sheetRelationships = sheets.indices.map { #"<Relationship Id="rId\#($0 + 10)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"# }.joined()
        builder.add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheetRelationships)<Relationship Id="rId1" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId2" Type="\(rel)/styles" Target="/xl/styles.xml"/>\(extraWorkbookRelationships)</Relationships>
            """)
        builder.add("xl/sharedStrings.xml", """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(main)" count="\(sharedStrings.count)">\(sharedStrings.joined())</sst>
            """)
        let formats = numberFormats.map { #"<numFmt numFmtId="\#($0.id)" formatCode="\#($0.code)"/>"# }.joined()
        let xfs = cellFormats.map { #"<xf numFmtId="\#($0)" fontId="0" fillId="0" borderId="0" xfId="0"/>"# }.joined()
        builder.add("xl/styles.xml", """
            <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(main)"><numFmts>\(formats)</numFmts>\
            <cellStyleXfs count="1"><xf numFmtId="22" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs>\(xfs)</cellXfs></styleSheet>
            """)
        for (index, sheet) in sheets.enumerated() {
            builder.add("xl/worksheets/sheet\(index + 1).xml", """
                <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(main)"><sheetData>\(sheet.sheetData)</sheetData></worksheet>
                """)
        }
        return builder
    }

    mutating func add(_ path: String, _ text: String) { add(path, Data(text.utf8)) }

    mutating func add(_ path: String, _ bytes: Data) {
        parts.removeAll { $0.path == path }
        parts.append((path, bytes))
    }

    /// The workbook's bytes, every part deflated.
    func data() throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let bytes = part.bytes
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try require(archive.data)
    }
}

/// `#require` outside a test function's body.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw MissingValue() }
    return value
}

private struct MissingValue: Error {}
