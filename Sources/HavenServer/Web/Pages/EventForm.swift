import Foundation
import HavenCore

/// The form to edit an incident's own fields: title, narrative, dates with precision, place
/// from the gazetteer (type-ahead in Hangul or Latin through a `<datalist>`, no script), place
/// detail and verification. A new incident is recorded with ``IncidentForm``, which holds these
/// fields and the victims, actors and sources too. What was typed comes back after a refusal.
struct EventForm {
    /// The fields as typed.
    var values: [String: String] = [:]
    /// The record being edited and the version it was read at.
    var editing: (id: UUID, version: Int)
    /// Problems by field, and a message for the whole form.
    var problems: [FieldProblem] = []
    var message: LocalizedLabel?

    static let fields = ["title", "description", "startDate", "endDate", "placeCode", "placeDetail", "verification"]

    /// The form filled from an event.
    static func values(of event: Event) -> [String: String] {
        var values = ["title": event.title, "verification": event.verification.code]
        values["description"] = event.description
        values["startDate"] = event.startDate?.description
        values["endDate"] = event.endDate?.description
        values["placeCode"] = FormControls.placeValue(event.placeCode)
        values["placeDetail"] = event.placeDetail
        return values
    }

    func render(_ language: Language, account: PageUser) -> String {
        let title = language(WebText.editIncident)
        let action = "/records/event/\(editing.id.wire)/edit"
        var content: [HTML] = [.element("h1", [:], [.text(title)])]
        let refusalAt = content.count
        let controls = FormControls(language: language, values: values, problems: problems)
        var form: [HTML] = [FormControls.csrf(account.csrf), FormControls.draft(values), .element("input", ["type": "hidden", "name": "version", "value": String(editing.version)])]
        form += Self.eventFields(controls)
        form.append(.element("button", ["type": "submit"], [.text(language(WebText.save))]))
        content.insert(contentsOf: controls.refusal(message), at: refusalAt)
        content.append(.element("form", ["method": "post", "action": action, "class": "stack"], form))
        return Layout(language: language, title: title, path: action, account: account).render(.group(content))
    }

    /// The incident's own fields, shared by this form and the intake form.
    static func eventFields(_ controls: FormControls) -> [HTML] {
        [
            controls.input("title", WebText.titleField, [("required", ""), ("maxlength", "500")]),
            controls.textarea("description", WebText.description, rows: 6),
            controls.input("startDate", WebText.startDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
            controls.input("endDate", WebText.endDate, [("inputmode", "numeric")]),
            controls.input("placeCode", WebText.placeField, hint: WebText.placeHint, [("list", "places"), ("autocomplete", "off")]),
            FormControls.placeList(),
            controls.input("placeDetail", WebText.placeDetail),
            controls.select("verification", WebText.verification, VerificationStatus.self),
        ]
    }

    /// The event the fields describe (its own problems not yet checked), collecting what does
    /// not parse into `reader`.
    static func event(_ reader: inout FormReader, id: UUID, compartment: String) -> Event {
        let start = reader.date("startDate"), end = reader.date("endDate")
        let verification = reader.code("verification", VerificationStatus.self) ?? .unverified
        return Event(id: id, compartment: compartment, title: reader.values["title"] ?? "", description: reader.text("description"),
                     startDate: start, endDate: end, placeCode: reader.place("placeCode"), placeDetail: reader.text("placeDetail"),
                     verification: verification)
    }

    /// The event the fields describe, or the problems that keep them from being one.
    static func event(from values: [String: String], id: UUID, compartment: String) -> Result<Event, ValidationError> {
        var reader = FormReader(values)
        let event = event(&reader, id: id, compartment: compartment)
        let problems = reader.problems + event.problems(in: ValidationContext())
        return problems.isEmpty ? .success(event) : .failure(ValidationError(problems: problems))
    }
}
