import Foundation
import HavenCore
import HavenReports
import HavenStore

/// The form of a kind of record that is edited on its own, field by field: a person, a victim
/// group, an act, a source, what a source said. A value of this protocol says which fields the
/// form has, how a stored record fills them and how they change it; ``FieldsForms`` serves it
/// and ``FieldsFormPage`` draws it. Fields the form does not show (a merge's `sameAs`, an act's
/// incident) are kept as stored.
protocol FieldsForm: Sendable {
    associatedtype R: Record

    /// The heading of the edit page.
    static var editTitle: LocalizedLabel { get }
    /// Whether a posted field belongs to the form.
    static func isField(_ name: String) -> Bool
    /// The form filled from a stored record.
    static func values(of record: R) -> [String: String]
    /// The form's controls; `choices` are the records around the one edited (an incident's victims).
    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML]
    /// The record with the form's fields applied, everything else as stored; what does not
    /// parse is collected in `reader`.
    static func apply(_ reader: inout FormReader, to record: R, choices: FieldChoices) -> R
    /// The records around `record` that its form offers as choices (none by default).
    static func choices(around record: R, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> FieldChoices
}

extension FieldsForm {
    static func choices(around record: R, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> FieldChoices {
        FieldChoices()
    }
}

/// Records a form offers to choose from, as (value, label) pairs by the field that offers them;
/// a posted value that is not among them is refused, so a form never links a record out of reach.
struct FieldChoices: Sendable {
    var options: [String: [(value: String, label: String)]] = [:]

    /// Whether `value` is one of the choices offered for `field`.
    func offers(_ field: String, _ value: String) -> Bool {
        options[field]?.contains { $0.value == value } ?? false
    }
}

/// A ``FieldsForm`` drawn as a page: heading, what went wrong (listed at the top, each problem a
/// link to its field), the controls and the save button. What was typed comes back after a refusal.
struct FieldsFormPage {
    var title: LocalizedLabel
    /// Where the form posts.
    var action: String
    /// The fields as typed.
    var values: [String: String]
    /// Hidden fields the form carries (its version, the incident a new record belongs to).
    var hidden: [(String, String)] = []
    var problems: [FieldProblem] = []
    var message: LocalizedLabel?
    /// What the page is about ("사건: 쿤밍 체포"), under the heading.
    var context: String?
    var body: (FormControls) -> [HTML]

    func render(_ language: Language, account: PageUser) -> String {
        var content: [HTML] = [.element("h1", [:], [.text(language(title))])]
        if let context { content.append(.element("p", ["class": "meta"], [.text(context)])) }
        let controls = FormControls(language: language, values: values, problems: problems)
        var form: [HTML] = [FormControls.csrf(account.csrf), FormControls.draft(values)]
        form += hidden.map { .element("input", ["type": "hidden", "name": $0.0, "value": $0.1]) }
        form += body(controls)
        content += controls.refusal(message)
        form.append(.element("button", ["type": "submit"], [.text(language(WebText.save))]))
        content.append(.element("form", ["method": "post", "action": action, "class": "stack"], form))
        return Layout(language: language, title: language(title), path: action, account: account).render(.group(content))
    }
}
