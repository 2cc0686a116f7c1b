import Foundation

/// Reads every worksheet of an XLSX workbook (ECMA-376, as Excel, LibreOffice, openpyxl and
/// KoboToolbox write it) into sheets of cells: shared and inline strings (rich-text runs joined,
/// phonetic guides left out), numbers, booleans, errors, dates from numbers in a date format in
/// either date system, and formulas as the value the file cached for them, never evaluated.
/// Merged ranges are kept so that a header spread over merged cells names each column.
public enum XLSXReader {
    /// Whether bytes start like a ZIP archive (an XLSX workbook is one).
    public static func looksLikeWorkbook(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Every worksheet of the workbook, in the workbook's order.
    public static func read(_ data: Data, limits: SpreadsheetLimits = .init()) throws(SpreadsheetError) -> [Sheet] {
        guard data.count <= limits.fileBytes else { throw .fileTooLarge(bytes: data.count, limit: limits.fileBytes) }
        guard !data.isEmpty else { throw .empty }
        let archive = try XLSXArchive(data, limits: limits)
        let workbookPath = try officeDocument(archive)
        guard let workbookXML = try archive.part(workbookPath) else {
            throw .part(workbookPath, reason: "is missing: this is not an XLSX workbook")
        }
        let workbook = try parse(workbookPath) { try Workbook.read(workbookXML, part: workbookPath) }
        let relationships = try self.relationships(of: workbookPath, in: archive)
        if let external = relationships.first(where: \.external) {
            throw .externalLinks(part: external.type.split(separator: "/").last.map(String.init) ?? "a relationship")
        }
        let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
        func target(_ relationship: Relationship) -> String { resolve(relationship.target, from: folder) }
        var strings: [String] = []
        if let shared = relationships.first(where: { $0.type.hasSuffix("/sharedStrings") }), let xml = try archive.part(target(shared)) {
            strings = try parse(target(shared)) { try SharedStrings.read(xml, part: target(shared), limits: limits) }
        }
        var styles = Styles()
        if let style = relationships.first(where: { $0.type.hasSuffix("/styles") }), let xml = try archive.part(target(style)) {
            styles = try parse(target(style)) { try Styles.read(xml, part: target(style)) }
        }
        var sheets: [Sheet] = []
        for sheet in workbook.sheets {
            guard let relationship = relationships.first(where: { $0.id == sheet.relationship }),
                  relationship.type.hasSuffix("/worksheet") else { continue }  // a chart sheet holds no cells
            let path = target(relationship)
            guard let xml = try archive.part(path) else { throw .part(path, reason: "is missing (sheet \(sheet.name))") }
            sheets.append(try parse(path) {
                try WorksheetParser.read(xml, part: path, name: sheet.name, strings: strings, styles: styles,
                                         system1904: workbook.system1904, limits: limits)
            })
        }
        guard !sheets.isEmpty else { throw .noSheets }
        return sheets
    }

    /// Runs a parse, turning anything but a ``SpreadsheetError`` into one naming the part.
    private static func parse<T>(_ part: String, _ body: () throws -> T) throws(SpreadsheetError) -> T {
        do { return try body() } catch let error as SpreadsheetError { throw error } catch {
            throw .part(part, reason: "cannot be read")
        }
    }

    /// The workbook's own path, from the package's relationships (`xl/workbook.xml` by default).
    private static func officeDocument(_ archive: XLSXArchive) throws(SpreadsheetError) -> String {
        guard let xml = try archive.part("_rels/.rels") else { return "xl/workbook.xml" }
        let found = try parse("_rels/.rels") { try Relationship.read(xml, part: "_rels/.rels") }
        guard let document = found.first(where: { $0.type.hasSuffix("/officeDocument") }) else { return "xl/workbook.xml" }
        let path = resolve(document.target, from: "")
        guard XLSXArchive.isSafe(path) else { throw .unsafePath(path) }
        return path
    }

    private static func relationships(of part: String, in archive: XLSXArchive) throws(SpreadsheetError) -> [Relationship] {
        var components = part.split(separator: "/").map(String.init)
        let file = components.removeLast()
        let path = (components + ["_rels", file + ".rels"]).joined(separator: "/")
        guard let xml = try archive.part(path) else { throw .part(path, reason: "is missing: the workbook's sheets cannot be found") }
        return try parse(path) { try Relationship.read(xml, part: path) }
    }

    /// A relationship's target as a path in the archive: absolute targets from the root,
    /// relative ones from the part's folder, `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: the sheets in order and the date system.
struct Workbook {
    struct SheetEntry {
        var name: String
        var relationship: String
    }
    var sheets: [SheetEntry] = []
    var system1904 = false

    static func read(_ xml: Data, part: String) throws -> Workbook {
        var workbook = Workbook()
        try XMLEvents.walk(xml, part: part) { event in
            guard case .start(let name, let attributes) = event else { return }
            if name == "workbookPr", let value = attributes["date1904"] { workbook.system1904 = value == "1" || value == "true" }
            if name == "sheet" {
                let id = attributes.first { $0.key.hasSuffix(":id") || $0.key == "id" }?.value ?? ""
                workbook.sheets.append(SheetEntry(name: attributes["name"] ?? "Sheet\(workbook.sheets.count + 1)", relationship: id))
            }
        }
        return workbook
    }
}

/// One entry of a `.rels` part.
struct Relationship {
    var id: String
    var type: String
    var target: String
    var external: Bool

    static func read(_ xml: Data, part: String) throws -> [Relationship] {
        var found: [Relationship] = []
        try XMLEvents.walk(xml, part: part) { event in
            guard case .start("Relationship", let attributes) = event else { return }
            found.append(Relationship(id: attributes["Id"] ?? "", type: attributes["Type"] ?? "", target: attributes["Target"] ?? "",
                                      external: attributes["TargetMode"] == "External"))
        }
        return found
    }
}

/// `xl/sharedStrings.xml`: each string item's text, rich-text runs joined, phonetic guides left out.
enum SharedStrings {
    static func read(_ xml: Data, part: String, limits: SpreadsheetLimits) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, phonetic = 0
        try XMLEvents.walk(xml, part: part) { event in
            switch event {
            case .start("si", _): inItem = true; current = ""
            case .start("rPh", _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _): inText = inItem && phonetic == 0
            case .end("t"): inText = false
            case .text(let text) where inText:
                current += text
                guard current.count <= limits.cellCharacters else {
                    throw SpreadsheetError.part(part, reason: "holds a string longer than \(limits.cellCharacters) characters")
                }
            case .end("si"): strings.append(current); inItem = false
            default: break
            }
        }
        return strings
    }
}

/// `xl/styles.xml`: which cell formats show dates.
struct Styles {
    /// For each cell format (the `s` of a cell), whether it shows a date.
    var dateFormats: [Bool] = []

    func isDate(_ style: Int) -> Bool { style >= 0 && style < dateFormats.count && dateFormats[style] }

    static func read(_ xml: Data, part: String) throws -> Styles {
        var codes: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        try XMLEvents.walk(xml, part: part) { event in
            switch event {
            case .start("numFmt", let attributes):
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { codes[id] = code }
            case .start("cellXfs", _): inCellFormats = true
            case .end("cellXfs"): inCellFormats = false
            case .start("xf", let attributes) where inCellFormats:
                formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }
        return Styles(dateFormats: formats.map { ExcelDate.isDateFormat(id: $0, code: codes[$0]) })
    }
}
