import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// A new incident through the intake form (the event with its victims, actors and sources, in
/// one transaction); an incident's own fields through the edit form.
struct IncidentForms: RecordForms {
    func new(_ request: FormRequest) async throws -> Response {
        var form = IncidentForm(values: ["verification": VerificationStatus.unverified.code], compartments: request.compartmentOptions)
        form.fromRequest = try await rescueRequest(request.query["fromRequest"], request)
        return request.page(form.render(request.language, account: request.account))
    }

    /// The rescue request an incident is recorded from, read (and so audited and proved within
    /// reach) and named for the form; nil when none is named.
    private func rescueRequest(_ id: String?, _ request: FormRequest) async throws -> (id: UUID, name: String)? {
        guard let id = id.flatMap(UUID.init(uuidString:)) else { return nil }
        let rescue = try await request.repository.get(RescueRequest.self, id: id, by: request.actor).record
        return (id, request.language.name(RecordLabel.of(rescue, seesProtected: request.actor.seesProtected)))
    }

    /// Saves the incident's records and, when it is recorded from a rescue request, the
    /// request's link to it, in one transaction: both or neither, whenever the server stops. The
    /// request is read again against its current version (again if someone saves it meanwhile);
    /// one linked meanwhile to another incident, or deleted, is left as it is.
    private func save(_ records: [any Record], linking requestID: UUID?, _ request: FormRequest) async throws {
        var attempt = 0
        while true {
            attempt += 1
            var updates: [RecordUpdate] = []
            if let requestID, let stored = try await linkable(requestID, request), stored.record.eventID == nil {
                var rescue = stored.record
                rescue.eventID = records[0].id
                updates.append(RecordUpdate(rescue, expectedVersion: stored.version))
            }
            do {
                _ = try await request.repository.createAll(records, updating: updates, by: request.actor)
                return
            } catch StoreError.versionConflict where attempt < 3 {
                continue
            }
        }
    }

    /// The rescue request as it is now, or nil when it has been deleted since the form was shown.
    private func linkable(_ id: UUID, _ request: FormRequest) async throws -> Stored<RescueRequest>? {
        do {
            return try await request.repository.get(RescueRequest.self, id: id, by: request.actor)
        } catch StoreError.notFound {
            return nil
        }
    }

    /// An "add a row" button shows the form again with one more row; saving writes every record
    /// of the pass or none. An actor whose name is like a record already kept (in the compartment
    /// the incident goes to) is not saved as a new record until the user has said whether it is
    /// that record.
    func create(_ request: FormRequest) async throws -> Response {
        var values = request.fields.filter { IncidentForm.isField($0.key) }
        var form = IncidentForm(values: values, compartments: request.compartmentOptions)
        form.fromRequest = try await rescueRequest(values["fromRequest"], request)
        // Adding a row looks nothing up (each actor read is in the access log); answers given
        // so far ride along unseen until the form is saved.
        if let add = request.fields["_add"].flatMap(IncidentForm.Rows.init(rawValue:)) {
            return request.page(form.addingRow(add).render(request.language, account: request.account))
        }
        let named = form.namedActors
        let candidates = try await ActorMatcher.candidates(for: named.map(\.wanted), compartment: request.compartment,
                                                           repository: request.repository, actor: request.actor)
        for (actor, offered) in zip(named, candidates) {
            if offered.isEmpty {
                // Nothing like the name (any more): whatever was answered for another name goes.
                values["actors[\(actor.row)].existing"] = nil
            } else {
                form.actorChoices[actor.row] = offered
            }
        }
        form.values = values
        let refused = { (problems: [FieldProblem]) in
            var refusal = form
            refusal.problems = problems
            refusal.message = WebText.notSaved
            return request.page(refusal.render(request.language, account: request.account), status: .unprocessableContent)
        }
        let (intake, problems) = IncidentForm.intake(from: values)
        guard problems.isEmpty else { return refused(problems) }
        // Every answer names a record the row offered (so none from another compartment or
        // out of reach), or a new record.
        let unanswered = form.unansweredActorChoices
        if !unanswered.isEmpty {
            var asking = form
            asking.problems = unanswered
            asking.message = WebText.actorsToChoose
            return request.page(asking.render(request.language, account: request.account), status: .unprocessableContent)
        }
        // Places are checked by the store, which also knows the vault's own places.
        guard case .success(let records) = intake.records(compartment: request.compartment,
                                                          context: ValidationContext(isKnownPlace: { _ in true })) else {
            return refused([FieldProblem(field: "form", message: "could not be read")])
        }
        do {
            try await save(records, linking: form.fromRequest?.id, request)
            return request.saved(.event, records[0].id)
        } catch StoreError.invalidInBatch(_, let invalid) {
            return refused(invalid.problems)
        }
    }

    func edit(_ request: FormRequest, id: UUID) async throws -> Response {
        let stored = try await request.repository.get(Event.self, id: id, by: request.actor)
        let form = EventForm(values: EventForm.values(of: stored.record), editing: (stored.record.id, stored.version))
        return request.page(form.render(request.language, account: request.account))
    }

    func update(_ request: FormRequest, id: UUID, version: Int) async throws -> Response {
        let values = request.fields.filter { EventForm.fields.contains($0.key) || $0.key == "version" || $0.key == "_draft" }
        // The record stays in its compartment; reading it also proves it is within reach.
        let current = try await request.repository.get(Event.self, id: id, by: request.actor)
        var form = EventForm(values: values, editing: (id, version))
        let refused = { (problems: [FieldProblem]) in
            form.problems = problems
            form.message = WebText.notSaved
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        }
        switch EventForm.event(from: values, id: id, compartment: current.record.compartment) {
        case .failure(let invalid): return refused(invalid.problems)
        case .success(let event):
            return try await request.update(event, version: version) { message, problems in
                form.message = message
                form.problems = problems
                return form.render(request.language, account: request.account)
            }
        }
    }

    func restore(_ request: FormRequest, id: UUID?) async throws -> Response {
        guard let id else {
            var form = IncidentForm(values: request.fields.filter { IncidentForm.isField($0.key) }, compartments: request.compartmentOptions,
                                    message: WebText.draftRestored)
            form.fromRequest = try await rescueRequest(request.fields["fromRequest"], request)
            return request.page(form.render(request.language, account: request.account))
        }
        let current = try await request.repository.get(Event.self, id: id, by: request.actor)
        let values = request.fields.filter { EventForm.fields.contains($0.key) || $0.key == "_draft" }
        let form = EventForm(values: values, editing: (id, request.version ?? current.version), message: WebText.draftRestored)
        return request.page(form.render(request.language, account: request.account))
    }
}
