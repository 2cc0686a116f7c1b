import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// The forms that create and edit records in the browser: `/records/{kind}/new` and
/// `/records/{kind}/{id}/edit`: incidents, rescue requests and interventions with forms of
/// their own; persons, victim groups, acts, sources and what sources said through ``FieldsForms``. Each kind's
/// forms are a ``RecordForms`` value; this controller reads who is asking and what was posted
/// and hands them over. Routes sit under `:kind`, like the record page, so that the router never
/// has to choose between a fixed segment and the `:kind` parameter.
struct RecordFormController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/drafts/{id}", .permission(.writeRecords), restoreDraft),
            Route(.get, "/records/{kind}/new", .permission(.writeRecords), newRecord),
            Route(.post, "/records/{kind}/new", .permission(.writeRecords), createRecord),
            Route(.get, "/records/{kind}/{id}/edit", .permission(.writeRecords), editRecord),
            Route(.post, "/records/{kind}/{id}/edit", .permission(.writeRecords), updateRecord),
        ]
    }

    /// The forms of a kind, or 404 for kinds that are edited through others (an act through its incident …).
    func forms(_ context: HavenRequestContext) throws -> any RecordForms {
        try Self.forms(context.parameters.get("kind").flatMap(RecordKind.init(rawValue:)))
    }

    static func forms(_ kind: RecordKind?) throws -> any RecordForms {
        switch kind {
        case .event: IncidentForms()
        case .rescueRequest: RescueRequestForms()
        case .intervention: InterventionForms()
        case .person: FieldsForms<PersonFields>()
        case .victimGroup: FieldsForms<VictimGroupFields>()
        case .act: FieldsForms<ActFields>()
        case .source: FieldsForms<SourceFields>()
        case .information: FieldsForms<InformationFields>()
        default: throw Problem.notFound("this kind of record has no form")
        }
    }

    func formRequest(_ request: Request, _ context: HavenRequestContext, posted: Bool) async throws -> FormRequest {
        let writer = try context.signedIn()
        let fields = posted ? FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize)) : [:]
        var query: [String: String] = [:]
        for (key, value) in QueryString.fields(request.uri) { query[String(key)] = String(value) }
        return FormRequest(account: try writer.pageUser(), actor: writer.identity, language: PageController.language(request),
                           compartments: writer.account.compartments.sorted(), compartmentNames: try await environment.compartmentNames(),
                           repository: repository, today: environment.today, query: query, fields: fields)
    }

    /// A form kept when its session ended, shown again with what was typed, to be checked and
    /// saved. The draft is kept until the form is saved (the form carries its id) or it expires.
    @Sendable func restoreDraft(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard let account = context.account else { throw AuthMiddleware.notSignedIn }
        let draftID = try RecordController<Event>.id(context)
        guard let draft = try await environment.drafts.openDraft(id: draftID, accountID: account.id),
              var fields = draft.fields, let (kind, id) = DraftPaths.parse(draft.path) else {
            throw Problem.notFound("no such draft")
        }
        fields["_draft"] = draftID.wire
        return try await Self.forms(kind).restore(try await formRequest(request, context, posted: false).with(fields: fields), id: id)
    }

    /// After a form restored from a draft is saved, the draft is forgotten.
    func forgetDraft(after response: Response, _ form: FormRequest, _ context: HavenRequestContext) async throws -> Response {
        if response.status == .seeOther, let account = context.account, let draft = form.fields["_draft"].flatMap(UUID.init(uuidString:)) {
            try await environment.drafts.discardDraft(id: draft, accountID: account.id)
        }
        return response
    }

    @Sendable func newRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        try await forms(context).new(try await formRequest(request, context, posted: false))
    }

    @Sendable func createRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let form = try await formRequest(request, context, posted: true)
        return try await forgetDraft(after: try await forms(context).create(form), form, context)
    }

    @Sendable func editRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        try await forms(context).edit(try await formRequest(request, context, posted: false), id: try RecordController<Event>.id(context))
    }

    @Sendable func updateRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let forms = try forms(context)
        let id = try RecordController<Event>.id(context)
        let form = try await formRequest(request, context, posted: true)
        guard let version = form.fields["version"].flatMap(Int.init) else { throw Problem.badRequest("the form lost its version", field: "version") }
        return try await forgetDraft(after: try await forms.update(form, id: id, version: version), form, context)
    }
}

/// What a form needs from its request: who is asking, in which language, the compartments a new
/// record may go to, the store, and the query and posted fields.
struct FormRequest: Sendable {
    let account: PageUser
    let actor: ActingIdentity
    let language: Language
    /// The account's compartments, sorted; a new record goes to the one chosen, or the only one.
    let compartments: [String]
    /// What the organisation calls them.
    let compartmentNames: CompartmentNames
    let repository: any Repository
    /// Today (UTC, `YYYY-MM-DD`) by the application's clock: the date a new form proposes.
    let today: String
    let query: [String: String]
    let fields: [String: String]

    /// The compartment a new record goes to: the one chosen on the form when it is the
    /// account's, otherwise the account's only (or first) one.
    var compartment: String {
        if let chosen = fields["compartment"], compartments.contains(chosen) { return chosen }
        return compartments.first ?? Compartment.default
    }

    /// The same request with other fields (a draft's).
    func with(fields: [String: String]) -> FormRequest {
        FormRequest(account: account, actor: actor, language: language, compartments: compartments, compartmentNames: compartmentNames,
                    repository: repository, today: today, query: query, fields: fields)
    }

    /// The account's compartments as a form offers them, by name.
    var compartmentOptions: [CompartmentOption] { compartmentNames.options(compartments, language) }

    /// The version a restored edit form was read at.
    var version: Int? { fields["version"].flatMap(Int.init) }

    /// A page in the reader's language.
    func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response { PageController.page(html, status: status) }

    /// Writes a new version of an edited record and shows its page. A stale form (someone saved
    /// meanwhile) overwrites nothing and comes back, through `show`, with the reason (409); a
    /// refusal by the store comes back with its problems (422).
    func update<R: Record>(_ record: R, version: Int, show: (LocalizedLabel, [FieldProblem]) -> String) async throws -> Response {
        do {
            _ = try await repository.update(record, expectedVersion: version, by: actor)
            return saved(R.kind, record.id)
        } catch StoreError.versionConflict {
            return page(show(WebText.changedMeanwhile, []), status: .conflict)
        } catch StoreError.invalid(let invalid) {
            return page(show(WebText.notSaved, invalid.problems), status: .unprocessableContent)
        }
    }

    /// After a save, the record's page.
    func saved(_ kind: RecordKind, _ id: UUID) -> Response {
        PageController.redirect(to: "/records/\(kind.code)/\(id.wire)?saved=1")
    }
}

/// The create and edit forms of one kind of record.
protocol RecordForms: Sendable {
    func new(_ request: FormRequest) async throws -> Response
    func create(_ request: FormRequest) async throws -> Response
    func edit(_ request: FormRequest, id: UUID) async throws -> Response
    func update(_ request: FormRequest, id: UUID, version: Int) async throws -> Response
    /// The form again with a draft's fields (`request.fields`), for a new record or the record `id`.
    func restore(_ request: FormRequest, id: UUID?) async throws -> Response
}
