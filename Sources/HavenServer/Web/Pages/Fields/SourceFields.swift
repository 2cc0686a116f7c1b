import Foundation
import HavenCore

/// A source's name, kind, contact and notes; what it said is kept with each report (``InformationFields``).
enum SourceFields: FieldsForm {
    typealias R = Source
    static let editTitle = WebText.editSource
    static let fields = ["name", "sourceKind", "contact", "notes"]

    static func isField(_ name: String) -> Bool { fields.contains(name) }

    static func values(of source: Source) -> [String: String] {
        var values = ["name": source.name, "sourceKind": source.sourceKind.code]
        values["contact"] = source.contact
        values["notes"] = source.notes
        return values
    }

    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML] {
        [
            controls.input("name", WebText.sourceName, hint: WebText.sourceNameHint, [("required", "")]),
            controls.select("sourceKind", WebText.sourceKind, SourceKind.self),
            controls.input("contact", WebText.sourceContact, [("autocomplete", "off")]),
            controls.textarea("notes", WebText.notes, rows: 4),
        ]
    }

    static func apply(_ reader: inout FormReader, to stored: Source, choices: FieldChoices) -> Source {
        var source = stored
        source.name = reader.text("name") ?? ""
        source.sourceKind = reader.code("sourceKind", SourceKind.self) ?? stored.sourceKind
        source.contact = reader.text("contact")
        source.notes = reader.text("notes")
        return source
    }
}
