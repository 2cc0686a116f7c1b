import Foundation
import HavenCore

/// How a sheet becomes records: what each row is, which column feeds which field, and what the
/// sheet's own words mean in Haven's vocabularies. Saved under a name and reused; on the command
/// line it is a JSON file (`--mapping FILE`):
///
/// ```json
/// {
///   "name": "NGO A incidents 2019–2020",
///   "kind": "incident",
///   "sheet": "사건 목록",
///   "headerRow": 2,
///   "columns": {"이름": "victimName", "성별": "victimSex", "사건 유형": "actType", "사건 날짜": "date", "장소": "place"},
///   "values": {"actType": {"체포됨": "arrest", "모름": "unknown"}, "victimSex": {"여": "female"}},
///   "compartment": "seoul"
/// }
/// ```
///
/// `values` maps a sheet's word to a code of the field's vocabulary, or to `unknown` (the
/// vocabulary's unknown term, or no value where it has none); a word that neither the map nor
/// the vocabulary's own codes and labels know stops the import until it is mapped.
///
/// An incident sheet exported from KoboToolbox or ODK keeps a repeat group (several victims of
/// one incident) on a sheet of its own; `"repeatGroup": {"sheet": "victims", "columns":
/// {"victims/name": "victimName", "victims/sex": "victimSex"}}` makes each of its rows another
/// named victim of the incident whose `_index` its `_parent_index` names.
public struct ImportMapping: Sendable, Codable, Equatable {
    /// The name it is saved under.
    public var name: String
    /// What each row becomes.
    public var kind: ImportKind
    /// The sheet read; the first when nil.
    public var sheet: String?
    /// The row holding the column names; the likely header row when nil.
    public var headerRow: Int?
    /// Column name → field.
    public var columns: [String: ImportField]
    /// Field → (sheet's word → vocabulary code or `unknown`).
    public var values: [ImportField: [String: String]]
    /// The compartment the records go to; the importer's only one when nil.
    public var compartment: String?
    /// A repeat group on its own sheet whose rows are more victims of the main sheet's incidents,
    /// as KoboToolbox and ODK export one.
    public var repeatGroup: RepeatGroup?

    /// A repeat group's sheet: each of its rows names its parent row of the main sheet.
    public struct RepeatGroup: Sendable, Codable, Equatable {
        /// The sheet of the repeat group's rows.
        public var sheet: String
        /// The main sheet's column that numbers its rows (Kobo's `_index`).
        public var parentKey: String
        /// The repeat sheet's column naming the parent row (Kobo's `_parent_index`).
        public var parentColumn: String
        /// The repeat sheet's columns: `victimName`, `victimOtherName`, `victimSex`, `victimAge`, `victimStatus`.
        public var columns: [String: ImportField]

        /// A repeat group, Kobo's column names by default.
        public init(sheet: String, parentKey: String = "_index", parentColumn: String = "_parent_index", columns: [String: ImportField]) {
            self.sheet = sheet
            self.parentKey = parentKey
            self.parentColumn = parentColumn
            self.columns = columns
        }

        enum CodingKeys: String, CodingKey { case sheet, parentKey, parentColumn, columns }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            sheet = try container.decode(String.self, forKey: .sheet)
            parentKey = try container.decodeIfPresent(String.self, forKey: .parentKey) ?? "_index"
            parentColumn = try container.decodeIfPresent(String.self, forKey: .parentColumn) ?? "_parent_index"
            columns = try container.decode([String: ImportField].self, forKey: .columns)
        }
    }

    /// A mapping.
    public init(name: String, kind: ImportKind, sheet: String? = nil, headerRow: Int? = nil, columns: [String: ImportField],
                values: [ImportField: [String: String]] = [:], compartment: String? = nil, repeatGroup: RepeatGroup? = nil) {
        self.name = name
        self.kind = kind
        self.sheet = sheet
        self.headerRow = headerRow
        self.columns = columns
        self.values = values
        self.compartment = compartment
        self.repeatGroup = repeatGroup
    }

    enum CodingKeys: String, CodingKey { case name, kind, sheet, headerRow, columns, values, compartment, repeatGroup }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "mapping"
        kind = try container.decode(ImportKind.self, forKey: .kind)
        sheet = try container.decodeIfPresent(String.self, forKey: .sheet)
        headerRow = try container.decodeIfPresent(Int.self, forKey: .headerRow)
        columns = try container.decode([String: ImportField].self, forKey: .columns)
        let raw = try container.decodeIfPresent([String: [String: String]].self, forKey: .values) ?? [:]
        values = try Dictionary(uniqueKeysWithValues: raw.map { key, map in
            guard let field = ImportField(rawValue: key) else {
                throw DecodingError.dataCorruptedError(forKey: .values, in: container, debugDescription: "'\(key.prefix(40))' is not a field")
            }
            return (field, map)
        })
        compartment = try container.decodeIfPresent(String.self, forKey: .compartment)
        repeatGroup = try container.decodeIfPresent(RepeatGroup.self, forKey: .repeatGroup)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(sheet, forKey: .sheet)
        try container.encodeIfPresent(headerRow, forKey: .headerRow)
        try container.encode(columns, forKey: .columns)
        try container.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }), forKey: .values)
        try container.encodeIfPresent(compartment, forKey: .compartment)
        try container.encodeIfPresent(repeatGroup, forKey: .repeatGroup)
    }

    /// A mapping suggested from a sheet's column names: each column whose name is a field's
    /// label or one of its usual header words (Korean or English, case and spacing ignored)
    /// feeds that field; a field is suggested for one column only.
    public static func suggested(kind: ImportKind, columnNames: [String]) -> ImportMapping {
        func normal(_ text: String) -> String { text.lowercased().filter { !$0.isWhitespace && $0 != "_" && $0 != "-" } }
        var columns: [String: ImportField] = [:]
        var taken: Set<ImportField> = []
        for column in columnNames {
            let key = normal(column)
            let match = ImportField.fields(of: kind).first { field in
                !taken.contains(field) && ([field.label.en, field.label.ko, field.rawValue] + field.synonyms).contains { normal($0) == key }
            }
            if let match {
                columns[column] = match
                taken.insert(match)
            }
        }
        return ImportMapping(name: "suggested", kind: kind, columns: columns)
    }
}

extension ImportField: CodingKeyRepresentable {}
