import Foundation
import HavenCore
import HavenReports

/// Labelled form controls for Haven's forms. Each control brings back what was typed, is
/// described by its hint and, after a refusal, by its problem, which is shown beside it; field
/// names are the paths that validation reports (`victims[1].name`), so a problem always finds
/// its field. Ids equal names, so every label points at its control.
struct FormControls {
    let language: Language
    /// The fields as typed.
    let values: [String: String]
    /// Problems by field.
    let problems: [FieldProblem]
    /// The label of every control made so far, for the list of problems at the top of the form.
    let labels = LabelBook()

    /// The labels a form's controls were made with, by field. A form makes its controls first
    /// and then its list of problems, which names each problem's field by its label.
    final class LabelBook {
        fileprivate(set) var byField: [String: String] = [:]
    }

    init(language: Language, values: [String: String], problems: [FieldProblem]) {
        self.language = language
        self.values = values
        self.problems = problems
    }

    /// The field's problem in the reader's language.
    func problem(_ field: String) -> String? {
        problems.first { $0.field == field }.map { ProblemText.localized($0.message, language) }
    }

    /// A one-line text input.
    func input(_ field: String, _ label: LocalizedLabel, hint: LocalizedLabel? = nil, _ extra: [(String, String?)] = []) -> HTML {
        control(field, label, hint: hint) { described in
            Self.element("input", [("type", "text"), ("id", field), ("name", field), ("value", values[field] ?? "")] + described + extra)
        }
    }

    /// A multi-line text area.
    func textarea(_ field: String, _ label: LocalizedLabel, rows: Int = 4) -> HTML {
        control(field, label, hint: nil) { described in
            var markup = Self.element("textarea", [("id", field), ("name", field), ("rows", String(rows))] + described).rendered
            markup += HTML.text(values[field] ?? "").rendered + "</textarea>"
            return .trusted(markup)
        }
    }

    /// A choice among a vocabulary's terms, labelled in the reader's language; `blank` offers
    /// "none" first.
    /// `default` is chosen while nothing was typed (an "unknown" term rather than the first).
    func select<V: Vocabulary>(_ field: String, _ label: LocalizedLabel, _ vocabulary: V.Type, blank: LocalizedLabel? = nil,
                               default initial: String? = nil, hint: LocalizedLabel? = nil) -> HTML {
        select(field, label, options: V.allCases.map { ($0.code, language($0.label)) }, blank: blank, default: initial, hint: hint)
    }

    /// A choice among the given values and labels.
    func select(_ field: String, _ label: LocalizedLabel, options: [(value: String, label: String)], blank: LocalizedLabel? = nil,
                default initial: String? = nil, hint: LocalizedLabel? = nil) -> HTML {
        control(field, label, hint: hint) { described in
            var choices = options
            if let blank { choices.insert(("", language(blank)), at: 0) }
            let selected = values[field] ?? initial ?? ""
            let markup = Self.element("select", [("id", field), ("name", field)] + described).rendered
                + choices.map { HTML.element("option", ["value": $0.value, "selected": $0.value == selected ? "" : nil], [.text($0.label)]).rendered }
                    .joined()
                + "</select>"
            return .trusted(markup)
        }
    }

    /// The label, the control (given the `aria-describedby`/`aria-invalid` it must carry), the
    /// hint and the problem, in one `div.field`.
    private func control(_ field: String, _ label: LocalizedLabel, hint: LocalizedLabel?, _ make: ([(String, String?)]) -> HTML) -> HTML {
        labels.byField[field] = language(label)
        let problem = problem(field)
        let described = [hint == nil ? nil : "\(field)-hint", problem == nil ? nil : "\(field)-error"].compactMap { $0 }
        var parts: [HTML] = [.element("label", ["for": field], [.text(language(label))])]
        // After a refusal the first field at fault takes the focus, so that a keyboard or screen
        // reader user starts where the form needs them (no script: the page allows none).
        parts.append(make([("aria-describedby", described.isEmpty ? nil : described.joined(separator: " ")),
                           ("aria-invalid", problem == nil ? nil : "true"),
                           ("autofocus", problem != nil && problems.first?.field == field ? "" : nil)]))
        if let hint { parts.append(.element("p", ["class": "hint", "id": "\(field)-hint"], [.text(language(hint))])) }
        if let problem { parts.append(.element("p", ["class": "error", "id": "\(field)-error"], [.text(problem)])) }
        return .element("div", ["class": "field"], parts)
    }

    /// What went wrong with a refused form, at its top: the message, then every problem as a
    /// link to its field (named by its label), so that a keyboard or screen-reader user can go
    /// straight to each. Call it after the form's controls are made: it names fields by their labels.
    /// `sections` names problems of whole parts of the form (a list with too many rows) by the
    /// part's label; the part's element carries the field's name as its id.
    func refusal(_ message: LocalizedLabel?, sections: [String: LocalizedLabel] = [:]) -> [HTML] {
        guard message != nil || !problems.isEmpty else { return [] }
        var parts: [HTML] = []
        if let message { parts.append(.element("p", [:], [.text(language(message))])) }
        if !problems.isEmpty {
            parts.append(.element("ul", [:], problems.map { problem in
                let text = ProblemText.localized(problem.message, language)
                guard let label = labels.byField[problem.field] ?? sections[problem.field].map(language.callAsFunction) else {
                    return .element("li", [:], [.text(text)])
                }
                return .element("li", [:], [.element("a", ["href": "#\(problem.field)"], [.text("\(label): \(text)")])])
            }))
        }
        return [.element("div", ["class": "error", "role": "alert", "id": "problems"], parts)]
    }

    /// The question asked of an actor whose name is like records already kept: one of them, or
    /// a new record (nothing chosen at first, so that the answer is the user's).
    /// Without records offered (a form shown again to add a row, which looks nothing up), an
    /// answer already given is carried on unseen, to be checked when the form is saved.
    func actorQuestion(_ field: String, offered: [ActorMatcher.Candidate]?) -> HTML? {
        guard let offered, !offered.isEmpty else {
            return values[field].flatMap { $0.isEmpty ? nil : .element("input", ["type": "hidden", "name": field, "value": $0]) }
        }
        let options = [(ActorMatcher.newRecord, language(WebText.actorNewRecord))] + offered.map { candidate in
            (candidate.choice, candidate.names.joined(separator: " · ") + (candidate.organisationKind.map { " (\(language($0.label)))" } ?? ""))
        }
        return select(field, WebText.actorExisting, options: options, blank: WebText.chooseOne, hint: WebText.actorExistingHint)
    }

    /// A choice of compartment for a new record, offered only to accounts with several.
    func compartmentChoice(_ compartments: [CompartmentOption]) -> [HTML] {
        guard compartments.count > 1 else { return [] }
        return [select("compartment", WebText.compartment, options: compartments.map { ($0.code, $0.name) })]
    }

    /// The hidden field that ties a form restored from a draft to it, so that saving the form
    /// forgets the draft (nothing when the form is not a draft's).
    static func draft(_ values: [String: String]) -> HTML {
        guard let id = values["_draft"].flatMap(UUID.init(uuidString:)) else { return .group([]) }
        return .element("input", ["type": "hidden", "name": "_draft", "value": id.wire])
    }

    /// The hidden CSRF field every form carries.
    static func csrf(_ token: String) -> HTML { .element("input", ["type": "hidden", "name": "_csrf", "value": token]) }

    /// A one-button form that posts hidden values (a decision on a page: merge, undo …).
    static func action(_ path: String, csrf token: String, values: KeyValuePairs<String, String>, button: String,
                       buttonClass: String? = nil, formClass: String? = nil) -> HTML {
        .element("form", ["method": "post", "action": path, "class": formClass],
                 [csrf(token)] + values.map { .element("input", ["type": "hidden", "name": $0.key, "value": $0.value]) }
                     + [.element("button", ["type": "submit", "class": buttonClass], [.text(button)])])
    }

    /// The gazetteer as a `<datalist>`: type-ahead in Hangul, Latin or Chinese without script.
    /// Each option's value is the place's Korean name, which the forms read back as its code, so
    /// the code stays out of sight.
    static func placeList(id: String = "places") -> HTML {
        .element("datalist", ["id": id], Gazetteer.shared.places.map { place in
            .element("option", ["value": place.nameHangul], [.text(([place.nameRomanised] + [place.nameChinese].compactMap { $0 }).joined(separator: " · "))])
        })
    }

    /// A stored place code as a form shows it: the place's Korean name (a custom place's code
    /// as it is).
    static func placeValue(_ code: String?) -> String? {
        code.map { Gazetteer.shared.place(code: $0)?.nameHangul ?? $0 }
    }

    /// An opening tag whose attributes are computed (the builder takes literal pairs elsewhere);
    /// values are escaped, nil ones left out, empty ones written as boolean attributes.
    static func element(_ name: String, _ attributes: [(String, String?)]) -> HTML {
        var markup = "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            markup += value.isEmpty ? " \(key)" : " \(key)=\"\(HTML.escape(value))\""
        }
        return .trusted(markup + ">")
    }

    /// The text of a field, trimmed; nil when empty.
    static func text(_ values: [String: String], _ field: String) -> String? {
        guard let value = values[field]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}

/// Reads typed values into domain values, collecting a problem per field instead of stopping
/// at the first.
struct FormReader {
    let values: [String: String]
    private(set) var problems: [FieldProblem] = []

    init(_ values: [String: String]) { self.values = values }

    func text(_ field: String) -> String? { FormControls.text(values, field) }

    /// A place typed by its Korean, romanised or Chinese name, or its code: the code. Text that
    /// names no place is passed on as typed, for validation to refuse by name.
    func place(_ field: String) -> String? {
        text(field).map { Gazetteer.shared.code(named: $0) ?? $0 }
    }

    /// Records a problem the form itself finds (a missing companion field …).
    mutating func problem(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    /// Problems reported under the rows kept (empty rows are skipped and the rest renumbered),
    /// named again by the rows as the form shows them: `rowNames` maps `victims[0].` to `victims[2].`.
    static func renamingRows(_ problems: [FieldProblem], _ rowNames: [String: String]) -> [FieldProblem] {
        problems.map { problem in
            guard let (kept, shown) = rowNames.first(where: { problem.field.hasPrefix($0.key) }) else { return problem }
            return FieldProblem(field: shown + problem.field.dropFirst(kept.count), message: problem.message)
        }
    }

    mutating func date(_ field: String) -> FuzzyDate? {
        guard let text = text(field) else { return nil }
        do { return try FuzzyDate(parsing: text) } catch {
            problems.append(FieldProblem(field: field, message: error.reason))
            return nil
        }
    }

    /// The largest whole number a form field takes: every count and size in Haven is far
    /// below it, so that sums of a few fields cannot overflow.
    static let largestWholeNumber = 1_000_000_000

    mutating func integer(_ field: String) -> Int? {
        guard let text = text(field) else { return nil }
        guard let value = Int(text), (0...Self.largestWholeNumber).contains(value) else {
            problems.append(FieldProblem(field: field, message: "must be a whole number from 0 to \(Self.largestWholeNumber)"))
            return nil
        }
        return value
    }

    mutating func number(_ field: String) -> Double? {
        guard let text = text(field) else { return nil }
        guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite else {
            problems.append(FieldProblem(field: field, message: "must be a number"))
            return nil
        }
        return value
    }

    /// A vocabulary code; an empty field gives nil, an unknown code a problem.
    mutating func code<V: Vocabulary>(_ field: String, _ vocabulary: V.Type) -> V? {
        guard let text = text(field) else { return nil }
        guard let value = V(rawValue: text) else {
            problems.append(FieldProblem(field: field, message: "unknown choice"))
            return nil
        }
        return value
    }

    /// An age such as `52` or a range such as `50-59`.
    mutating func age(_ field: String) -> AgeRange? {
        guard let text = text(field) else { return nil }
        let bounds = text.split(whereSeparator: { "-–~".contains($0) }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch bounds.count {
        case 1: if let age = bounds[0] { return AgeRange(minimum: age, maximum: age) }
        case 2: if let low = bounds[0], let high = bounds[1] { return AgeRange(minimum: low, maximum: high) }
        default: break
        }
        problems.append(FieldProblem(field: field, message: "write an age such as 52 or a range such as 50-59"))
        return nil
    }
}
