import HavenCore

/// Why a spreadsheet could not be read, naming the part, sheet, row or column, never a cell's
/// content (it may be a person's name). Each has its message in English and Korean.
public enum SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is larger than the limit.
    case fileTooLarge(bytes: Int, limit: Int)
    /// The file is empty.
    case empty
    /// Neither an XLSX workbook nor text in a known encoding.
    case unreadableText(reason: String)
    /// The CSV is malformed at a line.
    case csv(line: Int, reason: String)
    /// The archive itself is broken.
    case archive(reason: String)
    /// A part of the workbook is missing or malformed.
    case part(String, reason: String)
    /// The workbook would inflate beyond what Haven reads: a ZIP bomb or a workbook too large.
    case inflatesTooFar(part: String, reason: String)
    /// A part's path leaves the archive (absolute, `..`, a link).
    case unsafePath(String)
    /// The workbook points at other files or addresses, which Haven does not follow.
    case externalLinks(part: String)
    /// A sheet has more rows than the limit.
    case tooManyRows(sheet: String, limit: Int)
    /// A sheet has more columns than the limit.
    case tooManyColumns(sheet: String, limit: Int)
    /// A cell is longer than the limit.
    case cellTooLong(sheet: String, row: Int, column: String, limit: Int)
    /// The workbook has no sheet with data.
    case noSheets

    /// The message in English and Korean.
    public var message: LocalizedLabel {
        switch self {
        case .fileTooLarge(let bytes, let limit):
            LocalizedLabel(en: "The file is \(bytes) bytes; at most \(limit) are read.", ko: "파일이 \(bytes)바이트입니다. 최대 \(limit)바이트까지 읽습니다.")
        case .empty:
            LocalizedLabel(en: "The file is empty.", ko: "파일이 비어 있습니다.")
        case .unreadableText(let reason):
            LocalizedLabel(en: "The file is neither an XLSX workbook nor text in UTF-8 or CP949 (EUC-KR): \(reason).",
                           ko: "XLSX 통합 문서도, UTF-8 또는 CP949(EUC-KR) 텍스트도 아닙니다: \(reason).")
        case .csv(let line, let reason):
            LocalizedLabel(en: "CSV line \(line) \(reason).", ko: "CSV \(line)번째 줄: \(reason).")
        case .archive(let reason):
            LocalizedLabel(en: "The workbook's archive cannot be read: \(reason).", ko: "통합 문서의 압축 파일을 읽을 수 없습니다: \(reason).")
        case .part(let part, let reason):
            LocalizedLabel(en: "The workbook's part \(part) \(reason).", ko: "통합 문서의 \(part) 부분: \(reason).")
        case .inflatesTooFar(let part, let reason):
            LocalizedLabel(en: "The workbook's part \(part) would inflate too far (\(reason)); it is refused as a possible ZIP bomb.",
                           ko: "통합 문서의 \(part) 부분의 압축을 풀면 너무 커집니다(\(reason)). ZIP 폭탄일 수 있어 거부합니다.")
        case .unsafePath(let path):
            LocalizedLabel(en: "The workbook holds a part whose path leaves the archive (\(path.prefix(80))).",
                           ko: "통합 문서에 압축 파일 밖을 가리키는 경로가 있습니다(\(path.prefix(80))).")
        case .externalLinks(let part):
            LocalizedLabel(en: "The workbook links to other files or addresses (\(part)); save it without external links.",
                           ko: "통합 문서가 다른 파일이나 주소에 연결되어 있습니다(\(part)). 외부 연결 없이 저장하십시오.")
        case .tooManyRows(let sheet, let limit):
            LocalizedLabel(en: "Sheet \(sheet) has more than \(limit) rows.", ko: "\(sheet) 시트의 행이 \(limit)개를 넘습니다.")
        case .tooManyColumns(let sheet, let limit):
            LocalizedLabel(en: "Sheet \(sheet) has more than \(limit) columns.", ko: "\(sheet) 시트의 열이 \(limit)개를 넘습니다.")
        case .cellTooLong(let sheet, let row, let column, let limit):
            LocalizedLabel(en: "Sheet \(sheet), row \(row), column \(column) is longer than \(limit) characters.",
                           ko: "\(sheet) 시트 \(row)행 \(column)열이 \(limit)자를 넘습니다.")
        case .noSheets:
            LocalizedLabel(en: "The workbook has no sheet.", ko: "통합 문서에 시트가 없습니다.")
        }
    }

    public var description: String { message.en }
}
