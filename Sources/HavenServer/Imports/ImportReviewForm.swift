import Foundation
import HavenCore
import HavenImport

/// Reads the mapping page's form back into an upload: what a row is, the sheet and its header
/// row, the compartment, which column feeds which field, what each unknown word means, and the
/// decision on each probable duplicate. Unknown names and values are ignored, never trusted:
/// a field must be one of the kind's, a word's code one of its vocabulary's.
enum ImportReviewForm {
    /// Field names of the form.
    static func column(_ index: Int) -> String { "column.\(index)" }
    static func word(_ index: Int) -> String { "word.\(index)" }
    static func wordField(_ index: Int) -> String { "wordField.\(index)" }
    static func wordValue(_ index: Int) -> String { "wordValue.\(index)" }
    static func decision(_ index: Int) -> String { "decision.\(index)" }
    static func decisionKey(_ index: Int) -> String { "decisionKey.\(index)" }
    /// The value a word is mapped to when it means "not known".
    static let unknown = "unknown"
    /// The most rows one may name to leave out.
    static let skipRowsLimit = 10_000

    /// Row numbers to leave out, as typed: `4, 17 230`. Nil when a number is not a row number
    /// or there are too many.
    static func rows(_ text: String) -> Set<Int>? {
        let pieces = text.split { $0 == "," || $0.isWhitespace }
        guard pieces.count <= skipRowsLimit else { return nil }
        var rows: Set<Int> = []
        for piece in pieces {
            guard let row = Int(piece), (1...SpreadsheetLimits().rows + 1).contains(row) else { return nil }
            rows.insert(row)
        }
        return rows
    }

    static func apply(_ fields: [String: String], to upload: inout ImportUpload, compartments: Set<String>) {
        var mapping = upload.mapping
        let kind = fields["kind"].flatMap(ImportKind.init(rawValue:)) ?? mapping.kind
        let sheetName = fields["sheet"].flatMap { name in upload.sheets.contains { $0.name == name } ? name : nil } ?? mapping.sheet
        let headerRow = fields["headerRow"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { (1...1_000_000).contains($0) ? $0 : nil }
            ?? mapping.headerRow
        if let compartment = fields["compartment"], compartments.contains(compartment) { upload.compartment = compartment }
        if let typed = fields["skipRows"] {
            if let rows = rows(typed) { upload.skipRows = rows; upload.skipRowsProblem = false } else { upload.skipRowsProblem = true }
        }
        let sheet = upload.sheets.first { $0.name == sheetName } ?? upload.sheets.first
        if kind != mapping.kind || sheetName != mapping.sheet || headerRow != mapping.headerRow {
            // Another shape: suggest its columns afresh, keeping the words already mapped.
            let names = sheet.map { $0.columnNames(headerRow: headerRow ?? $0.likelyHeaderRow ?? 1) } ?? []
            var suggested = ImportMapping.suggested(kind: kind, columnNames: names)
            suggested.name = mapping.name
            suggested.sheet = sheet?.name
            suggested.headerRow = headerRow
            suggested.values = mapping.values
            suggested.repeatGroup = mapping.repeatGroup
            mapping = suggested
        } else if let sheet {
            let names = sheet.columnNames(headerRow: headerRow ?? sheet.likelyHeaderRow ?? 1)
            let allowed = Set(ImportField.fields(of: kind))
            var columns: [String: ImportField] = [:]
            for (index, name) in names.enumerated() where !name.isEmpty {
                guard let chosen = fields[column(index)] else { columns[name] = mapping.columns[name]; continue }
                if let field = ImportField(rawValue: chosen), allowed.contains(field) { columns[name] = field }
            }
            mapping.columns = columns
        }
        var index = 0
        while let fieldName = fields[wordField(index)], let value = fields[wordValue(index)] {
            defer { index += 1 }
            guard let field = ImportField(rawValue: fieldName), let chosen = fields[word(index)]?.trimmingCharacters(in: .whitespaces),
                  !chosen.isEmpty else { continue }
            if let terms = field.terms {
                guard chosen == unknown || terms.contains(where: { $0.code == chosen }) else { continue }
            } else if field.isPlace {
                guard chosen == unknown || Gazetteer.shared.place(code: chosen) != nil else { continue }
            } else {
                continue
            }
            mapping.values[field, default: [:]][value] = chosen
        }
        upload.mapping = mapping
        index = 0
        while let key = fields[decisionKey(index)] {
            if let decision = fields[decision(index)].flatMap(DuplicateDecision.init(rawValue:)) { upload.decisions[key] = decision }
            index += 1
        }
    }
}
