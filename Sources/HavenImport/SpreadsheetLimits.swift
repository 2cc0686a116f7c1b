/// How much of a spreadsheet Haven reads before refusing it. Every limit is checked where the
/// data crosses into Haven, before anything larger is built: the file's size before it is
/// parsed, a workbook's declared and actual inflated sizes before and while each part is
/// inflated (an XLSX is a ZIP, and a ZIP can expand a thousandfold), rows, columns and cell
/// lengths as they are read.
public struct SpreadsheetLimits: Sendable, Equatable {
    /// The largest file, in bytes (default 50 MB).
    public var fileBytes: Int = 50 * 1024 * 1024
    /// The most rows of one sheet.
    public var rows: Int = 1_000_000
    /// The most columns of one sheet.
    public var columns: Int = 1_024
    /// The longest cell, in characters (Excel's own limit).
    public var cellCharacters: Int = 32_767
    /// The most parts (files) in a workbook's archive.
    public var archiveEntries: Int = 10_000
    /// The most bytes all of a workbook's parts may inflate to together (default 1 GiB).
    public var inflatedBytes: Int = 1 << 30
    /// The most one part may inflate to per compressed byte; real sheets stay far below.
    public var compressionRatio: Int = 1_000

    /// The default limits.
    public init() {}
}
