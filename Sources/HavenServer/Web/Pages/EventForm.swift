import Foundation
import HavenCore

/// The incident form, to create an event or edit one: title, narrative, dates with precision,
/// place from the gazetteer (type-ahead in Hangul or Latin through a `<datalist>`, no script),
/// place detail and verification. What was typed comes back after a refusal; nothing is lost.
struct EventForm {
    /// The fields as typed.
    var values: [String: String] = [:]
    /// The record being edited and the version it was read at; nil for a new one.
    var editing: (id: UUID, version: Int)?
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
        values["placeCode"] = event.placeCode
        values["placeDetail"] = event.placeDetail
        return values
    }

    func render(_ language: Language, account: (username: String, csrf: String)) -> String {
        let t = language
        let title = t(editing == nil ? WebText.newIncident : WebText.editIncident)
        let action = editing.map { "/records/event/\($0.id.uuidString.lowercased())/edit" } ?? "/records/event/new"
        var content: [HTML] = [.element("h1", [:], [.text(title)])]
        if let message { content.append(.element("p", ["class": "error", "role": "alert"], [.text(t(message))])) }
        let problem = { (field: String) in problems.first { $0.field == field }?.message }
        func input(_ field: String, _ label: LocalizedLabel, hint: LocalizedLabel? = nil, _ extra: KeyValuePairs<String, String?> = [:]) -> HTML {
            var parts: [HTML] = [.element("label", ["for": field], [.text(t(label))])]
            let described = [hint == nil ? nil : "\(field)-hint", problem(field) == nil ? nil : "\(field)-error"].compactMap { $0 }
            var attributes: [(String, String?)] = [("type", "text"), ("id", field), ("name", field), ("value", values[field] ?? ""),
                                                   ("aria-describedby", described.isEmpty ? nil : described.joined(separator: " ")),
                                                   ("aria-invalid", problem(field) == nil ? nil : "true")]
            attributes += extra.map { ($0.key, $0.value) }
            parts.append(Self.element("input", attributes))
            if let hint { parts.append(.element("p", ["class": "hint", "id": "\(field)-hint"], [.text(t(hint))])) }
            if let message = problem(field) { parts.append(.element("p", ["class": "error", "id": "\(field)-error"], [.text(message)])) }
            return .element("div", ["class": "field"], parts)
        }
        let verification = VerificationStatus.allCases.map { status in
            HTML.element("option", ["value": status.code, "selected": values["verification"] == status.code ? "" : nil], [.text(t(status.label))])
        }
        var form: [HTML] = [.element("input", ["type": "hidden", "name": "_csrf", "value": account.csrf])]
        if let editing { form.append(.element("input", ["type": "hidden", "name": "version", "value": String(editing.version)])) }
        form += [
            input("title", WebText.titleField, ["required": "", "maxlength": "500"]),
            .element("div", ["class": "field"], [
                .element("label", ["for": "description"], [.text(t(WebText.description))]),
                .element("textarea", ["id": "description", "name": "description", "rows": "6"], [.text(values["description"] ?? "")]),
            ]),
            input("startDate", WebText.startDate, hint: WebText.dateHint, ["inputmode": "numeric"]),
            input("endDate", WebText.endDate, ["inputmode": "numeric"]),
            input("placeCode", WebText.placeField, hint: WebText.placeHint, ["list": "places", "autocomplete": "off"]),
            .element("datalist", ["id": "places"], Gazetteer.shared.places.map { place in
                .element("option", ["value": place.code], [.text("\(place.nameHangul) · \(place.nameRomanised)")])
            }),
            input("placeDetail", WebText.placeDetail),
            .element("div", ["class": "field"], [
                .element("label", ["for": "verification"], [.text(t(WebText.verification))]),
                .element("select", ["id": "verification", "name": "verification"], verification),
            ]),
            .element("button", ["type": "submit"], [.text(t(WebText.save))]),
        ]
        content.append(.element("form", ["method": "post", "action": action, "class": "stack"], form))
        return Layout(language: language, title: title, path: editing == nil ? "/records/event/new" : action, account: account)
            .render(.group(content))
    }

    /// An element whose attributes are computed (the builder takes literal pairs elsewhere).
    static func element(_ name: String, _ attributes: [(String, String?)]) -> HTML {
        var markup = "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            markup += value.isEmpty ? " \(key)" : " \(key)=\"\(HTML.escape(value))\""
        }
        return .trusted(markup + ">")
    }

    /// The event the fields describe, or the problems that keep them from being one.
    static func event(from values: [String: String], id: UUID, compartment: String) -> Result<Event, ValidationError> {
        var problems: [FieldProblem] = []
        func date(_ field: String) -> FuzzyDate? {
            guard let text = values[field], !text.isEmpty else { return nil }
            do { return try FuzzyDate(parsing: text) } catch {
                problems.append(FieldProblem(field: field, message: error.reason))
                return nil
            }
        }
        let start = date("startDate"), end = date("endDate")
        let verification = values["verification"].flatMap(VerificationStatus.init(rawValue:)) ?? .unverified
        let empty = { (field: String) in values[field].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let event = Event(id: id, compartment: compartment, title: values["title"] ?? "", description: empty("description"),
                          startDate: start, endDate: end, placeCode: empty("placeCode"), placeDetail: empty("placeDetail"),
                          verification: verification)
        problems += event.problems(in: ValidationContext())
        return problems.isEmpty ? .success(event) : .failure(ValidationError(problems: problems))
    }
}
