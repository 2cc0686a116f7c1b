import Foundation

/// A spreadsheet file of either kind, told apart by its first bytes: an XLSX workbook (a ZIP
/// archive) or a CSV (UTF-8 or CP949).
public enum SpreadsheetReader {
    /// What was read: the sheets, and for a CSV the encoding it was read in.
    public struct Result: Sendable {
        public var sheets: [Sheet]
        public var encoding: TextEncodingName?
    }

    /// Reads a file's bytes; `encoding` names a CSV's encoding instead of finding it.
    public static func read(_ data: Data, encoding: TextEncodingName? = nil, limits: SpreadsheetLimits = .init()) throws(SpreadsheetError) -> Result {
        guard data.count <= limits.fileBytes else { throw .fileTooLarge(bytes: data.count, limit: limits.fileBytes) }
        if XLSXReader.looksLikeWorkbook(data) { return Result(sheets: try XLSXReader.read(data, limits: limits), encoding: nil) }
        let (sheet, found) = try CSVSheetReader.read(Array(data), encoding: encoding, limits: limits)
        return Result(sheets: [sheet], encoding: found)
    }
}
