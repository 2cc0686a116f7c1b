import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// Interventions created and edited in the browser. A new one opened from a record's page
/// (`?about=ID&aboutKind=event`) is about that record, once the reader is shown to reach it.
struct InterventionForms: RecordForms {
    func new(_ request: FormRequest) async throws -> Response {
        var values = ["status": InterventionStatus.sent.code, "response": InterventionResponse.awaiting.code,
                      "dateSent": request.today]
        if let about = request.query["about"].flatMap(UUID.init(uuidString:)) {
            let kind = request.query["aboutKind"].flatMap(RecordKind.init(rawValue:)) ?? .event
            // Reading the record proves it is within the reader's reach (404 otherwise) and is audited.
            _ = try await RecordPageController.load(RecordTypes.type(for: kind), id: about, repository: request.repository, actor: request.actor)
            values["about"] = about.wire
            values["aboutKind"] = kind.code
        }
        let form = try await named(InterventionForm(values: values, compartments: request.compartmentOptions), request)
        return request.page(form.render(request.language, account: request.account))
    }

    /// The form with the records it is about named (each read, and so audited, as shown).
    private func named(_ form: InterventionForm, _ request: FormRequest) async throws -> InterventionForm {
        var form = form
        let kind = form.values["aboutKind"].flatMap(RecordKind.init(rawValue:)) ?? .event
        func find<R: Record>(_ type: R.Type, _ id: UUID) async throws -> (any Record)? { try await request.repository.find(type, id, by: request.actor) }
        for id in InterventionForm.subjects(form.values) {
            if let record = try await find(RecordTypes.type(for: kind), id) {
                form.subjectLabels[id] = RecordLabel.of(record, seesProtected: request.actor.seesProtected)
            }
        }
        return form
    }

    func create(_ request: FormRequest) async throws -> Response {
        let values = request.fields.filter { InterventionForm.fields.contains($0.key) }
        var form = try await named(InterventionForm(values: values, compartments: request.compartmentOptions), request)
        let blank = Intervention(compartment: request.compartment, partyName: "", channel: .diplomaticNote, request: "", status: .draft)
        switch InterventionForm.intervention(from: values, starting: blank) {
        case .failure(let invalid):
            form.problems = invalid.problems
            form.message = WebText.notSaved
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        case .success(let intervention):
            let stored = try await request.repository.create(intervention, by: request.actor)
            return request.saved(.intervention, stored.record.id)
        }
    }

    func edit(_ request: FormRequest, id: UUID) async throws -> Response {
        let stored = try await request.repository.get(Intervention.self, id: id, by: request.actor)
        var values = InterventionForm.values(of: stored.record)
        values["aboutKind"] = request.query["aboutKind"]
        let form = try await named(InterventionForm(values: values, editing: (id, stored.version)), request)
        return request.page(form.render(request.language, account: request.account))
    }

    func update(_ request: FormRequest, id: UUID, version: Int) async throws -> Response {
        let values = request.fields.filter { InterventionForm.fields.contains($0.key) }
        let current = try await request.repository.get(Intervention.self, id: id, by: request.actor)
        var form = try await named(InterventionForm(values: values, editing: (id, version)), request)
        switch InterventionForm.intervention(from: values, starting: current.record) {
        case .failure(let invalid):
            form.problems = invalid.problems
            form.message = WebText.notSaved
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        case .success(let intervention):
            return try await request.update(intervention, version: version) { message, problems in
                form.message = message
                form.problems = problems
                return form.render(request.language, account: request.account)
            }
        }
    }

    func restore(_ request: FormRequest, id: UUID?) async throws -> Response {
        let values = request.fields.filter { InterventionForm.fields.contains($0.key) && $0.key != "version" }
        var form = try await named(InterventionForm(values: values, compartments: request.compartmentOptions, message: WebText.draftRestored), request)
        if let id {
            let current = try await request.repository.get(Intervention.self, id: id, by: request.actor)
            form.editing = (id, request.version ?? current.version)
        }
        return request.page(form.render(request.language, account: request.account))
    }
}
