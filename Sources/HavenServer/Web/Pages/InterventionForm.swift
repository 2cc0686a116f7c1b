import Foundation
import HavenCore

/// The intervention form: a request to a government, embassy, UN body or agency about an
/// incident or a person, with its channel, the date sent, what was asked, the deadline, and the
/// answer when it comes (or *no response*). Opened from a record's page, it is about that record.
struct InterventionForm {
    var values: [String: String] = [:]
    /// The intervention being edited and the version it was read at; nil for a new one.
    var editing: (id: UUID, version: Int)?
    var compartments: [CompartmentOption] = []
    var problems: [FieldProblem] = []
    var message: LocalizedLabel?
    /// How the records it is about are named (``InterventionForms`` reads them).
    var subjectLabels: [UUID: RecordLabel] = [:]

    static let fields = ["about", "aboutKind", "partyName", "channel", "dateSent", "request", "deadline", "response", "responseDate",
                         "responseText", "status", "priority", "notes", "compartment", "version", "_draft"]

    static func values(of intervention: Intervention) -> [String: String] {
        var values = ["partyName": intervention.partyName, "channel": intervention.channel.code, "request": intervention.request,
                      "response": intervention.response.code, "status": intervention.status.code, "priority": intervention.priority.code,
                      "about": intervention.subjectIDs.map { $0.wire }.joined(separator: " ")]
        values["dateSent"] = intervention.dateSent?.description
        values["deadline"] = intervention.deadline?.description
        values["responseDate"] = intervention.responseDate?.description
        values["responseText"] = intervention.responseText
        values["notes"] = intervention.notes
        return values
    }

    /// The records the intervention is about, from the hidden `about` field (ids only).
    static func subjects(_ values: [String: String]) -> [UUID] {
        (values["about"] ?? "").split(separator: " ").compactMap { UUID(uuidString: String($0)) }.prefix(Limits.listEntries).map { $0 }
    }

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(editing == nil ? WebText.newIntervention : WebText.editIntervention)
        let action = editing.map { "/records/intervention/\($0.id.wire)/edit" } ?? "/records/intervention/new"
        var content: [HTML] = [.element("h1", [:], [.text(title)])]
        let refusalAt = content.count
        let controls = FormControls(language: language, values: values, problems: problems)
        var form: [HTML] = [FormControls.csrf(account.csrf), FormControls.draft(values),
                            .element("input", ["type": "hidden", "name": "about", "value": values["about"] ?? ""]),
                            .element("input", ["type": "hidden", "name": "aboutKind", "value": values["aboutKind"] ?? ""])]
        if let editing { form.append(.element("input", ["type": "hidden", "name": "version", "value": String(editing.version)])) }
        let subjects = Self.subjects(values)
        // The records it is about, by name as far as the reader may see it.
        let kind = values["aboutKind"].flatMap(RecordKind.init(rawValue:)) ?? .event
        if !subjects.isEmpty {
            form.append(.element("p", [:], [.text(t(WebText.about) + ": ")] + subjects.map { id in
                .element("a", ["href": "/records/\(kind.code)/\(id.wire)"], [.text(t.name(subjectLabels[id] ?? RecordLabel(kind: kind)))])
            }))
        }
        form += [
            .element("fieldset", [:], [
                .element("legend", [:], [.text(t(WebText.theRequest))]),
                controls.input("partyName", WebText.partyName, hint: WebText.partyHint, [("required", ""), ("maxlength", "500")]),
                controls.select("channel", WebText.channel, InterventionChannel.self),
                controls.input("dateSent", WebText.dateSent, hint: WebText.dateHint, [("inputmode", "numeric")]),
                controls.textarea("request", WebText.whatWasAsked, rows: 5),
                controls.input("deadline", WebText.deadline, hint: WebText.deadlineHint, [("inputmode", "numeric")]),
                controls.select("status", WebText.status, InterventionStatus.self),
                controls.select("priority", WebText.priority, Priority.self, default: Priority.normal.code),
            ] + (editing == nil ? controls.compartmentChoice(compartments) : [])),
            .element("fieldset", [:], [
                .element("legend", [:], [.text(t(WebText.theAnswer))]),
                controls.select("response", WebText.response, InterventionResponse.self),
                controls.input("responseDate", WebText.responseDate, [("inputmode", "numeric")]),
                controls.textarea("responseText", WebText.responseText, rows: 4),
            ]),
            controls.textarea("notes", WebText.notes),
            .element("button", ["type": "submit"], [.text(t(WebText.save))]),
        ]
        content.insert(contentsOf: controls.refusal(message), at: refusalAt)
        content.append(.element("form", ["method": "post", "action": action, "class": "stack wide"], form))
        return Layout(language: language, title: title, path: action, account: account).render(.group(content))
    }

    /// The intervention the fields describe, or the problems that keep them from being one.
    /// It starts from `base` (the current version when editing) and changes only what the form
    /// shows, so that a field the form does not show (the party's record, `partyID`) survives
    /// a save.
    static func intervention(from values: [String: String], starting base: Intervention) -> Result<Intervention, ValidationError> {
        var reader = FormReader(values)
        var intervention = base
        intervention.subjectIDs = subjects(values)
        intervention.partyName = reader.values["partyName"] ?? ""
        intervention.channel = reader.code("channel", InterventionChannel.self) ?? .diplomaticNote
        intervention.dateSent = reader.date("dateSent")
        intervention.request = reader.values["request"] ?? ""
        intervention.deadline = reader.date("deadline")
        intervention.response = reader.code("response", InterventionResponse.self) ?? .awaiting
        intervention.responseDate = reader.date("responseDate")
        intervention.responseText = reader.text("responseText")
        intervention.status = reader.code("status", InterventionStatus.self) ?? .draft
        intervention.priority = reader.code("priority", Priority.self) ?? .normal
        intervention.notes = reader.text("notes")
        let problems = reader.problems + intervention.problems(in: ValidationContext())
        return problems.isEmpty ? .success(intervention) : .failure(ValidationError(problems: problems))
    }
}
