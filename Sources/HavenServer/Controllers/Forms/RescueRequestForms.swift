import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// A new rescue request with the people it names, in one transaction; an existing one edited,
/// its next status added to the timeline.
struct RescueRequestForms: RecordForms {
    func new(_ request: FormRequest) async throws -> Response {
        let form = RescueRequestForm(values: ["status": RescueStatus.received.code, "fee.currency": "USD",
                                              "statusDate": request.today], compartments: request.compartmentOptions)
        return request.page(form.render(request.language, account: request.account))
    }

    /// A broker or organisation whose name is like a record already kept (in the compartment
    /// the request goes to) is not saved as a new record until the user has said whether it is
    /// that record.
    func create(_ request: FormRequest) async throws -> Response {
        var values = request.fields.filter { RescueRequestForm.isField($0.key) }
        // Adding a row looks nothing up (each actor read is in the access log); answers given
        // so far ride along unseen until the form is saved.
        if request.fields["_add"] == "subjects" {
            var form = RescueRequestForm(values: values, compartments: request.compartmentOptions)
            form.values["rows.subjects"] = String(min(form.subjectRows + 1, IncidentIntake.maximumRows))
            return request.page(form.render(request.language, account: request.account))
        }
        let named = RescueRequestForm.actorFields.compactMap { actor in
            values[actor.name].map { (actor, ActorMatcher.Wanted(name: $0, organisation: actor.organisation)) }
        }
        let candidates = try await ActorMatcher.candidates(for: named.map(\.1), compartment: request.compartment,
                                                           repository: request.repository, actor: request.actor)
        var choices: [String: [ActorMatcher.Candidate]] = [:]
        for ((actor, _), offered) in zip(named, candidates) where !offered.isEmpty { choices[actor.name] = offered }
        // An answer stands only while the name has records like it; for another name, or none, it goes.
        for actor in RescueRequestForm.actorFields where choices[actor.name] == nil { values[actor.answer] = nil }
        var form = RescueRequestForm(values: values, compartments: request.compartmentOptions)
        form.actorChoices = choices
        let refused = { (problems: [FieldProblem]) in
            form.problems = problems
            form.message = WebText.notSaved
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        }
        let (intake, problems) = RescueRequestForm.intake(from: values, rows: form.subjectRows)
        // Once the fields are right, every question is answered with a record it offered (so none
        // from another compartment or out of reach) or a new record.
        let unanswered = RescueRequestForm.actorFields.compactMap { actor in
            choices[actor.name].flatMap { ActorMatcher.problem(actor.answer, answer: values[actor.answer], offered: $0) }
        }
        if problems.isEmpty, !unanswered.isEmpty {
            form.problems = unanswered
            form.message = WebText.actorsToChoose
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        }
        guard let intake, problems.isEmpty,
              case .success(let records) = intake.records(compartment: request.compartment, context: ValidationContext(isKnownPlace: { _ in true }))
        else { return refused(problems) }
        do {
            _ = try await request.repository.createAll(records, by: request.actor)
            return request.saved(.rescueRequest, records[records.count - 1].id)
        } catch StoreError.invalidInBatch(_, let invalid) {
            return refused(invalid.problems)
        }
    }

    func edit(_ request: FormRequest, id: UUID) async throws -> Response {
        let stored = try await request.repository.get(RescueRequest.self, id: id, by: request.actor)
        let form = RescueRequestForm(values: RescueRequestForm.values(of: stored.record),
                                     editing: (id, stored.version, stored.record.timeline))
        return request.page(form.render(request.language, account: request.account))
    }

    func update(_ request: FormRequest, id: UUID, version: Int) async throws -> Response {
        let values = request.fields.filter { RescueRequestForm.isField($0.key) }
        let current = try await request.repository.get(RescueRequest.self, id: id, by: request.actor)
        var form = RescueRequestForm(values: values, editing: (id, version, current.record.timeline))
        let refused = { (problems: [FieldProblem]) in
            form.problems = problems
            form.message = WebText.notSaved
            return request.page(form.render(request.language, account: request.account), status: .unprocessableContent)
        }
        var reader = FormReader(values)
        var next = current.record
        RescueRequestForm.readCase(&reader, into: &next)
        if let step = RescueRequestForm.readStatus(&reader, required: false) {
            next = next.advanced(to: step.status, on: step.date, note: step.note)
        }
        // The timeline's newest step is the one typed: its problems belong to the status fields.
        let last = "timeline[\(next.timeline.count - 1)]"
        let problems = reader.problems + next.problems(in: ValidationContext(isKnownPlace: { _ in true })).map { problem in
            switch problem.field {
            case last + ".date": FieldProblem(field: "statusDate", message: problem.message)
            case last + ".status": FieldProblem(field: "status", message: problem.message)
            case last + ".note": FieldProblem(field: "statusNote", message: problem.message)
            default: problem
            }
        }
        guard problems.isEmpty else { return refused(problems) }
        return try await request.update(next, version: version) { message, problems in
            form.message = message
            form.problems = problems
            return form.render(request.language, account: request.account)
        }
    }

    func restore(_ request: FormRequest, id: UUID?) async throws -> Response {
        let values = request.fields.filter { RescueRequestForm.isField($0.key) && $0.key != "version" }
        var form = RescueRequestForm(values: values, compartments: request.compartmentOptions, message: WebText.draftRestored)
        if let id {
            let current = try await request.repository.get(RescueRequest.self, id: id, by: request.actor)
            form.editing = (id, request.version ?? current.version, current.record.timeline)
        }
        return request.page(form.render(request.language, account: request.account))
    }
}
