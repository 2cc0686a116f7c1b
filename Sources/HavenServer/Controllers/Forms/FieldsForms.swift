import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// A ``FieldsForm`` that also records new records of its kind under another record: an act
/// under its incident (a victim's next step), what a new source said about an incident or person.
protocol NewFieldsForm: FieldsForm {
    /// The heading of the new-record page.
    static var newTitle: LocalizedLabel { get }
    /// The kinds of record a new one may belong to (`?parent=ID&parentKind=event`).
    static var parentKinds: [RecordKind] { get }
    /// A new record under `parent`, in the parent's compartment, before the form's fields.
    static func blank(under parent: any Record) -> R
    /// The form's first values.
    static var initialValues: [String: String] { get }
    /// The records a saved new form writes, in one transaction: the new record and any it needs
    /// (a source for what it said).
    static func created(_ reader: inout FormReader, from blank: R, choices: FieldChoices) -> [any Record]
    /// The form field a created record's problem belongs to (a new source's `name` is the form's `sourceName`).
    static func formField(_ field: String, of record: any Record) -> String
}

extension NewFieldsForm {
    static func created(_ reader: inout FormReader, from blank: R, choices: FieldChoices) -> [any Record] {
        [apply(&reader, to: blank, choices: choices)]
    }

    static func formField(_ field: String, of record: any Record) -> String { field }
}

/// Serves a ``FieldsForm``'s edit page (and a ``NewFieldsForm``'s new page): reads the record,
/// fills the form, and saves the changes as a new version against the version read, so that a
/// stale form overwrites nothing.
struct FieldsForms<Form: FieldsForm>: RecordForms {
    func new(_ request: FormRequest) async throws -> Response {
        let (form, parent) = try await creation(request)
        return try await Self.newRecord(form, request, parent: parent, values: nil)
    }

    func create(_ request: FormRequest) async throws -> Response {
        let (form, parent) = try await creation(request)
        return try await Self.createRecord(form, request, parent: parent)
    }

    func edit(_ request: FormRequest, id: UUID) async throws -> Response {
        let stored = try await request.repository.get(Form.R.self, id: id, by: request.actor)
        let choices = try await Form.choices(around: stored.record, repository: request.repository, actor: request.actor, language: request.language)
        let page = editPage(request, id: id, version: stored.version, values: Form.values(of: stored.record), choices: choices)
        return request.page(page.render(request.language, account: request.account))
    }

    func update(_ request: FormRequest, id: UUID, version: Int) async throws -> Response {
        // Reading the record proves it is within reach; fields not on the form stay as stored.
        let current = try await request.repository.get(Form.R.self, id: id, by: request.actor)
        let choices = try await Form.choices(around: current.record, repository: request.repository, actor: request.actor, language: request.language)
        let values = request.fields.filter { Form.isField($0.key) || $0.key == "_draft" }
        var page = editPage(request, id: id, version: version, values: values, choices: choices)
        var reader = FormReader(values)
        let record = Form.apply(&reader, to: current.record, choices: choices)
        let problems = reader.problems + record.problems(in: ValidationContext(isKnownPlace: { _ in true }))
        guard problems.isEmpty else {
            page.problems = problems
            page.message = WebText.notSaved
            return request.page(page.render(request.language, account: request.account), status: .unprocessableContent)
        }
        return try await request.update(record, version: version) { message, problems in
            page.message = message
            page.problems = problems
            return page.render(request.language, account: request.account)
        }
    }

    func restore(_ request: FormRequest, id: UUID?) async throws -> Response {
        let values = request.fields.filter { Form.isField($0.key) || $0.key == "_draft" }
        guard let id else {
            let (form, parent) = try await creation(request)
            return try await Self.newRecord(form, request, parent: parent, values: values)
        }
        let current = try await request.repository.get(Form.R.self, id: id, by: request.actor)
        let choices = try await Form.choices(around: current.record, repository: request.repository, actor: request.actor, language: request.language)
        var page = editPage(request, id: id, version: request.version ?? current.version, values: values, choices: choices)
        page.message = WebText.draftRestored
        return request.page(page.render(request.language, account: request.account))
    }

    private func editPage(_ request: FormRequest, id: UUID, version: Int, values: [String: String], choices: FieldChoices) -> FieldsFormPage {
        FieldsFormPage(title: Form.editTitle, action: "/records/\(Form.R.kind.code)/\(id.wire)/edit", values: values,
                       hidden: [("version", String(version))]) { controls in
            Form.controls(controls, request.language, choices: choices, creating: false)
        }
    }

    /// The form's creating side and the record the new one belongs to, read (and so audited and
    /// proved within reach) from the `parent` and `parentKind` the page was opened with, or kept
    /// in the posted form.
    private func creation(_ request: FormRequest) async throws -> (any NewFieldsForm.Type, any Record) {
        guard let form = Form.self as? any NewFieldsForm.Type else { throw Problem.notFound("this kind of record is added from its incident's form") }
        let source = request.fields.isEmpty ? request.query : request.fields
        guard let id = source["parent"].flatMap(UUID.init(uuidString:)),
              let kind = source["parentKind"].flatMap(RecordKind.init(rawValue:)), form.parentKinds.contains(kind) else {
            throw Problem.badRequest("a new record of this kind is added from the record it belongs to", field: "parent")
        }
        func read<P: Record>(_ type: P.Type) async throws -> any Record { try await request.repository.get(type, id: id, by: request.actor).record }
        return (form, try await read(RecordTypes.type(for: kind)))
    }

    /// The new-record page, with the first values or, for a draft, the values kept.
    private static func newRecord<N: NewFieldsForm>(_ form: N.Type, _ request: FormRequest, parent: any Record,
                                                    values: [String: String]?) async throws -> Response {
        let choices = try await N.choices(around: N.blank(under: parent), repository: request.repository, actor: request.actor,
                                          language: request.language)
        var page = newPage(form, request, parent: parent, values: values ?? N.initialValues, choices: choices)
        if values != nil { page.message = WebText.draftRestored }
        return request.page(page.render(request.language, account: request.account))
    }

    /// Saves a new record (and the records it needs) in one transaction, or shows the form
    /// again with every problem.
    private static func createRecord<N: NewFieldsForm>(_ form: N.Type, _ request: FormRequest, parent: any Record) async throws -> Response {
        let blank = N.blank(under: parent)
        let choices = try await N.choices(around: blank, repository: request.repository, actor: request.actor, language: request.language)
        let values = request.fields.filter { N.isField($0.key) || $0.key == "_draft" }
        var page = newPage(form, request, parent: parent, values: values, choices: choices)
        var reader = FormReader(values)
        let records = N.created(&reader, from: blank, choices: choices)
        let named = { (record: any Record, problems: [FieldProblem]) in
            problems.map { FieldProblem(field: N.formField($0.field, of: record), message: $0.message) }
        }
        let problems = reader.problems + records.flatMap { named($0, $0.problems(in: ValidationContext(isKnownPlace: { _ in true }))) }
        if problems.isEmpty {
            do {
                _ = try await request.repository.createAll(records, by: request.actor)
                return request.saved(N.R.kind, blank.id)
            } catch StoreError.invalidInBatch(let index, let invalid) {
                page.problems = records.indices.contains(index) ? named(records[index], invalid.problems) : invalid.problems
            }
        } else {
            page.problems = problems
        }
        page.message = WebText.notSaved
        return request.page(page.render(request.language, account: request.account), status: .unprocessableContent)
    }

    private static func newPage<N: NewFieldsForm>(_ form: N.Type, _ request: FormRequest, parent: any Record, values: [String: String],
                                                  choices: FieldChoices) -> FieldsFormPage {
        let label = RecordLabel.of(parent, seesProtected: request.actor.seesProtected)
        return FieldsFormPage(title: N.newTitle, action: "/records/\(N.R.kind.code)/new", values: values,
                              hidden: [("parent", parent.id.wire), ("parentKind", type(of: parent).kind.code)],
                              context: "\(request.language(type(of: parent).kind.label)): \(request.language.name(label))") { controls in
            N.controls(controls, request.language, choices: choices, creating: true)
        }
    }
}
