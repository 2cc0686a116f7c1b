import Foundation
import HavenCore

/// What a source said about an incident or a person, and how far it can be trusted: when it
/// came in, how the source knows, the source's reliability and the information's credibility
/// (the Admiralty scale), and the report itself. A new one, added from an incident's or a
/// person's page, records a new source with it, in one transaction.
enum InformationFields: NewFieldsForm {
    typealias R = Information
    static let editTitle = WebText.editInformation
    static let newTitle = WebText.newInformation
    static let parentKinds: [RecordKind] = [.event, .person]
    static let fields = ["receivedDate", "connection", "reliability", "credibility", "content", "sourceName", "sourceKind"]
    static let initialValues = ["connection": SourceConnection.unknown.code, "reliability": Reliability.f.code,
                                "credibility": Credibility.cannotBeJudged.code]

    static func isField(_ name: String) -> Bool { fields.contains(name) }

    static func blank(under parent: any Record) -> Information {
        // The source is made when the form is saved (`created`); until then it has none.
        Information(compartment: parent.compartment, sourceID: UUID(), subjectID: parent.id)
    }

    static func values(of information: Information) -> [String: String] {
        var values = ["connection": information.connection.code, "reliability": information.reliability.code,
                      "credibility": information.credibility.code]
        values["receivedDate"] = information.receivedDate?.description
        values["content"] = information.content
        return values
    }

    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML] {
        var fields: [HTML] = []
        if creating {
            fields += [
                controls.input("sourceName", WebText.sourceName, hint: WebText.sourceNameHint, [("required", "")]),
                controls.select("sourceKind", WebText.sourceKind, SourceKind.self),
            ]
        }
        return fields + [
            controls.select("connection", WebText.connection, SourceConnection.self, default: SourceConnection.unknown.code),
            controls.select("reliability", WebText.reliability, Reliability.self, default: Reliability.f.code),
            controls.select("credibility", WebText.credibility, Credibility.self, default: Credibility.cannotBeJudged.code),
            controls.input("receivedDate", WebText.receivedDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
            controls.textarea("content", WebText.whatTheySaid, rows: 6),
        ]
    }

    static func apply(_ reader: inout FormReader, to stored: Information, choices: FieldChoices) -> Information {
        var information = stored
        information.receivedDate = reader.date("receivedDate")
        information.connection = reader.code("connection", SourceConnection.self) ?? .unknown
        information.reliability = reader.code("reliability", Reliability.self) ?? .f
        information.credibility = reader.code("credibility", Credibility.self) ?? .cannotBeJudged
        information.content = reader.text("content")
        return information
    }

    static func created(_ reader: inout FormReader, from blank: Information, choices: FieldChoices) -> [any Record] {
        let source = Source(compartment: blank.compartment, name: reader.text("sourceName") ?? "",
                            sourceKind: reader.code("sourceKind", SourceKind.self) ?? .anonymous)
        var information = apply(&reader, to: blank, choices: choices)
        information.sourceID = source.id
        return [source, information]
    }

    /// The new source's problems are named by the form's fields.
    static func formField(_ field: String, of record: any Record) -> String {
        guard record is Source else { return field }
        return field == "name" ? "sourceName" : field
    }
}
