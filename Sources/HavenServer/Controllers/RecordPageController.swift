import Foundation
import HavenCore
import HavenStore
import Hummingbird
import HummingbirdCore

/// The records pages: search and lists with filters (`/records`). The search form is posted, so
/// that what is searched for (a name, often) never appears in a URL, a proxy's log or the
/// browser's history; a plain `GET` lists records by coded filters only. Record pages, forms and
/// the dashboard of issue 4 join here.
struct RecordPageController: Sendable {
    let repository: any Repository
    /// The store itself, for the access trail, which the repository protocol does not speak.
    let store: SQLStore

    func addRoutes(to router: Router<HavenRequestContext>) {
        router.get("records", use: list)
        router.post("records", use: search)
        router.get("records/:kind/:id", use: show)
        // Under `:kind`, like the record page, so that the router never has to choose between
        // a fixed `event` and the `:kind` parameter. Only events have forms so far.
        router.get("records/:kind/new", use: newEvent)
        router.post("records/:kind/new", use: createEvent)
        router.get("records/:kind/:id/edit", use: editEvent)
        router.post("records/:kind/:id/edit", use: updateEvent)
    }

    private func signedIn(_ request: Request, _ context: HavenRequestContext) throws -> ((String, String), ActingIdentity, Language) {
        guard context.parameters.get("kind") == RecordKind.event.code else { throw Problem.notFound("this kind of record has no form yet") }
        guard let account = context.account, let session = context.session else { throw AuthMiddleware.notSignedIn }
        return ((account.username, SessionCookie.csrfToken(for: session.token)), try context.actor(), PageController.language(request))
    }

    @Sendable func newEvent(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, language) = try signedIn(request, context)
        return PageController.page(IncidentForm(values: ["verification": VerificationStatus.unverified.code]).render(language, account: account))
    }

    /// Records a new incident from the intake form: the event with its victims, actors and
    /// sources, in one transaction. An "add a row" button shows the form again with one more row.
    @Sendable func createEvent(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor, language) = try signedIn(request, context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let values = fields.filter { IncidentForm.isField($0.key) }
        let form = IncidentForm(values: values)
        if let add = fields["_add"].flatMap(IncidentForm.Rows.init(rawValue:)) {
            return PageController.page(form.addingRow(add).render(language, account: account))
        }
        let (intake, problems) = IncidentForm.intake(from: values)
        let refused = { (problems: [FieldProblem]) in
            PageController.page(IncidentForm(values: values, problems: problems, message: WebText.notSaved).render(language, account: account),
                                status: .unprocessableContent)
        }
        guard problems.isEmpty else { return refused(problems) }
        let compartment = RecordController<Event>.defaultCompartment(context)
        guard case .success(let records) = intake.records(compartment: compartment, context: ValidationContext(isKnownPlace: { _ in true })) else {
            return refused([FieldProblem(field: "form", message: "could not be read")])
        }
        do {
            _ = try await repository.createAll(records, by: actor)
            return PageController.redirect(to: "/records/event/\(records[0].id.uuidString.lowercased())")
        } catch StoreError.invalidInBatch(_, let invalid) {
            // Only what the form could not check itself reaches here: a place the store does not know.
            return refused(invalid.problems)
        }
    }

    @Sendable func editEvent(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor, language) = try signedIn(request, context)
        let stored = try await repository.get(Event.self, id: try RecordController<Event>.id(context), by: actor)
        let form = EventForm(values: EventForm.values(of: stored.record), editing: (stored.record.id, stored.version))
        return PageController.page(form.render(language, account: account))
    }

    @Sendable func updateEvent(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor, language) = try signedIn(request, context)
        let id = try RecordController<Event>.id(context)
        let values = try await Self.formValues(request)
        guard let version = values["version"].flatMap(Int.init) else { throw Problem.badRequest("the form lost its version", field: "version") }
        // The record stays in its compartment; reading it also proves it is within reach.
        let current = try await repository.get(Event.self, id: id, by: actor)
        var form = EventForm(values: values, editing: (id, version))
        switch EventForm.event(from: values, id: id, compartment: current.record.compartment) {
        case .failure(let invalid):
            form.problems = invalid.problems
            form.message = WebText.notSaved
            return Self.refused(form, language, account)
        case .success(let event):
            do {
                _ = try await repository.update(event, expectedVersion: version, by: actor)
                return PageController.redirect(to: "/records/event/\(id.uuidString.lowercased())")
            } catch StoreError.versionConflict {
                form.message = WebText.changedMeanwhile
                return PageController.page(form.render(language, account: account), status: .conflict)
            } catch StoreError.invalid(let invalid) {
                form.problems = invalid.problems
                form.message = WebText.notSaved
                return Self.refused(form, language, account)
            }
        }
    }

    static func formValues(_ request: Request) async throws -> [String: String] {
        FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
            .filter { EventForm.fields.contains($0.key) || $0.key == "version" }
    }

    static func refused(_ form: EventForm, _ language: Language, _ account: (String, String)) -> Response {
        PageController.page(form.render(language, account: account), status: .unprocessableContent)
    }

    @Sendable func show(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return PageController.redirect(to: "/login") }
        guard let kind = context.parameters.get("kind").flatMap(RecordKind.init(rawValue:)) else {
            throw Problem.notFound("no such kind of record")
        }
        let id = try RecordController<Person>.id(context)
        let actor = try context.actor()
        let (stored, versions) = try await Self.load(RecordTypes.type(for: kind), id: id, repository: repository, actor: actor)
        let language = PageController.language(request)
        var page = RecordPage.make(stored, versions: versions, seesProtected: actor.seesProtected, language: language)
        page.canEdit = kind == .event && account.allows(.writeRecords)
        if let event = stored.record as? Event {
            page.links = try await RecordPage.links(of: event, repository: repository, actor: actor, language: language)
        }
        // Analysts see who viewed and changed a record of their compartments (the query is logged too).
        if account.allows(.analyse) {
            let names = Dictionary(uniqueKeysWithValues: try await store.accounts().map { (ActingIdentity.account($0.account.id).id, $0.account.username) })
            let entries = try await store.auditEntries(AuditQuery(recordID: id, limit: 50), by: actor)
            page.trail = entries.items.map { entry in
                RecordPage.TrailEntry(at: AuditQuery.instant(entry.at, endOfDay: false).map(language.instant) ?? entry.at,
                                      who: names[entry.actor] ?? entry.actor, action: entry.action)
            }
        }
        return PageController.page(page.render(language, account: (account.username, SessionCookie.csrfToken(for: session.token))))
    }

    /// A record and its versions, newest first (both reads audited by the store).
    static func load<R: Record>(_ type: R.Type, id: UUID, repository: any Repository,
                                actor: ActingIdentity) async throws -> (AnyStored, [(version: Int, at: Date, deleted: Bool)]) {
        let stored = try await repository.get(type, id: id, by: actor)
        let history = try await repository.history(type, id: id, by: actor)
        return (AnyStored(record: stored.record, version: stored.version, updatedAt: stored.updatedAt),
                history.reversed().map { ($0.version, $0.updatedAt, $0.deleted) })
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        var asked: [String: String] = [:]
        // Text never comes in a URL: a `q` there is ignored, not searched.
        for (key, value) in request.uri.queryParameters where !value.isEmpty && key != "q" { asked[String(key)] = String(value) }
        return try await results(asked, request, context)
    }

    @Sendable func search(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let asked = fields.filter { ["q", "kind", "place", "from", "to"].contains($0.key) && !$0.value.isEmpty }
        return try await results(asked, request, context)
    }

    /// Runs the asked filters (empty fields mean "any") through the API's own parser and store.
    private func results(_ asked: [String: String], _ request: Request, _ context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return PageController.redirect(to: "/login") }
        let language = PageController.language(request)
        let actor = try context.actor()
        var page = RecordsPage(query: asked, searched: true)
        page.canCreate = account.allows(.writeRecords)
        do {
            var components = URLComponents()
            components.queryItems = asked.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            let query = try QueryParameters.recordQuery(URI("/records?" + (components.percentEncodedQuery ?? "")).queryParameters)
            let found = try await repository.search(query, by: actor)
            page.rows = found.items.map { RecordsPage.row($0, seesProtected: actor.seesProtected) }
            page.total = found.total
        } catch let problem as Problem {
            page.problem = WebText.badFilter
            page.problemDetail = problem.detail
        } catch StoreError.forbidden {
            page.problem = WebText.textSearchNotAllowed
        }
        let status: HTTPResponse.Status = page.problem == nil ? .ok : .badRequest
        return PageController.page(page.render(language, account: (account.username, SessionCookie.csrfToken(for: session.token))), status: status)
    }
}
